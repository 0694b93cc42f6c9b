import { Button, Code, Group, Loader, NativeSelect, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { languages, phoneRegions, type Settings } from '../../../../shared/model/settings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useRequest } from '../../hooks/useRequest';
import { useSettings } from '../../settings-context';
import { useUnsavedChanges } from '../../unsaved-changes';

/** Einstellungen → Allgemein: language, phone region and reminders, and where the data lies. */
export function GeneralSettings() {
  const { t, i18n } = useTranslation();
  const { settings, loadError, save } = useSettings();
  const info = useRequest('app.info', {});
  const [draft, setDraft] = useState<Settings>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();

  useEffect(() => setDraft(settings), [settings]);
  const dirty = draft !== undefined && JSON.stringify(draft) !== JSON.stringify(settings);
  useUnsavedChanges(dirty);

  if (loadError) return <ErrorNotice message={loadError} />;
  if (!draft || !settings) return <Loader aria-label={t('app.loading')} />;

  const change = <K extends keyof Settings>(key: K, value: Settings[K]) => setDraft({ ...draft, [key]: value });

  const onSave = async () => {
    setSaving(true);
    const result = await save(draft);
    setSaving(false);
    if (result.ok) {
      setSaveError(undefined);
      // In the language just saved, not the one this render started with.
      notifications.show({ color: 'teal', message: i18n.getFixedT(result.value.language)('settings.saved') });
    } else {
      setSaveError(result.error.message);
    }
  };

  return (
    <Stack maw={640}>
      <Paper withBorder p="lg">
        <Stack>
          <Title order={3} size="h4">
            {t('settings.general')}
          </Title>
          <NativeSelect
            label={t('settings.language')}
            description={t('settings.languageHint')}
            value={draft.language}
            data={languages.map((value) => ({ value, label: t(`settings.languages.${value}`) }))}
            onChange={(event) => change('language', event.currentTarget.value as Settings['language'])}
          />
          <NativeSelect
            label={t('settings.defaultRegion')}
            description={t('settings.defaultRegionHint')}
            value={draft.defaultRegion}
            data={phoneRegions.map((value) => ({ value, label: t(`settings.regions.${value}`) }))}
            onChange={(event) => change('defaultRegion', event.currentTarget.value as Settings['defaultRegion'])}
          />
          <Title order={3} size="h4" mt="sm">
            {t('settings.reminders')}
          </Title>
          <NumberInput
            label={t('settings.invitationReminderDays')}
            min={1}
            max={365}
            allowDecimal={false}
            value={draft.invitationReminderDays}
            onChange={(value) => change('invitationReminderDays', Number(value) || 1)}
            w={360}
          />
          <NumberInput
            label={t('settings.letterReminderDays')}
            min={1}
            max={365}
            allowDecimal={false}
            value={draft.letterReminderDays}
            onChange={(value) => change('letterReminderDays', Number(value) || 1)}
            w={360}
          />
          {saveError && <ErrorNotice message={saveError} />}
          <Group>
            <Button leftSection={<IconDeviceFloppy size={18} aria-hidden />} onClick={onSave} loading={saving} disabled={!dirty}>
              {t('settings.save')}
            </Button>
            {dirty && (
              <Text size="sm" c="dimmed">
                {t('settings.unsaved')}
              </Text>
            )}
          </Group>
        </Stack>
      </Paper>
      {info.data && (
        <Paper withBorder p="lg">
          <Stack gap="xs">
            <Title order={3} size="h4">
              {t('settings.about')}
            </Title>
            <Text size="sm">{t('settings.version', { version: info.data.version })}</Text>
            <Text size="sm">{t('settings.dataLocation')}</Text>
            <Code block>{info.data.databasePath}</Code>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
