import { Code, Loader, NativeSelect, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { languages, phoneRegions, type Settings } from '../../../../shared/model/settings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAppInfo } from '../../queries/settings';
import { useSettingsDraft } from './useSettingsDraft';

/** Einstellungen → Allgemein: language, phone region and reminders, and where the data lies. */
export function GeneralSettings() {
  const { t } = useTranslation();
  const info = useAppInfo();
  const { draft, setDraft, loadError, saveRow } = useSettingsDraft((settings) => settings);

  if (loadError) return <ErrorNotice message={loadError.message} />;
  if (!draft) return <Loader aria-label={t('app.loading')} />;

  const change = <K extends keyof Settings>(key: K, value: Settings[K]) => setDraft({ ...draft, [key]: value });

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
          {saveRow}
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
