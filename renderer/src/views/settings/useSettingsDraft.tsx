import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings, SettingsPatch } from '../../../../shared/model/settings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useSaveSettings, useSettings } from '../../queries/settings';
import { useUnsavedChanges } from '../../unsaved-changes';

/**
 * A form over some of the settings (`pick` says which): its draft, kept in step with what is stored,
 * the question before leaving it unsaved, and its save row (the button, "not saved yet", the error line,
 * the notice in the language just saved). `prepare` tidies the draft before it is sent.
 */
export function useSettingsDraft<T extends SettingsPatch>(pick: (settings: Settings) => T, prepare: (draft: T) => T = (draft) => draft) {
  const { t, i18n } = useTranslation();
  const { data: settings, error: loadError } = useSettings();
  const save = useSaveSettings();
  const [draft, setDraft] = useState<T>();
  const [saveError, setSaveError] = useState<string>();
  const stored = settings && pick(settings);
  const storedText = JSON.stringify(stored);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the stored values, compared by their text, not each render's new object.
  useEffect(() => setDraft(stored), [storedText]);
  const dirty = draft !== undefined && JSON.stringify(draft) !== storedText;
  useUnsavedChanges(dirty);

  const onSave = () =>
    draft &&
    save.mutateAsync(prepare(draft)).then(
      (saved) => {
        setSaveError(undefined);
        // In the language just saved, not the one this render started with.
        notifications.show({ color: 'teal', message: i18n.getFixedT(saved.language)('settings.saved') });
      },
      (error: Error) => setSaveError(error.message),
    );

  const saveRow = (
    <>
      {saveError && <ErrorNotice message={saveError} />}
      <Group>
        <Button
          leftSection={<IconDeviceFloppy size={18} aria-hidden />}
          onClick={() => void onSave()}
          loading={save.isPending}
          disabled={!dirty}
        >
          {t('settings.save')}
        </Button>
        {dirty && (
          <Text size="sm" c="dimmed">
            {t('settings.unsaved')}
          </Text>
        )}
      </Group>
    </>
  );
  return { draft, setDraft, loadError, saveRow };
}
