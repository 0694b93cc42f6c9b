import { Anchor, Code, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useBackups } from '../../queries/backups';
import { useAppInfo } from '../../queries/settings';
import { hashFor } from '../../routes';

// "Rückläufer einlesen" is a page of its own (route key returnForms); linked by its address, so this
// page does not depend on it.
const RETURN_FORMS_HREF = '#/ruecklaeufer';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={`help-${id}`} data-testid={`help-${id}`}>
      <Stack gap="sm">
        <Title order={3} size="h4" id={`help-${id}`}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/**
 * Hilfe: the ways off WhatsApp, what happens to the data (with where this session's database and
 * backups lie, asked of the app), printing letters, reading the returned forms back, and backups.
 * Every word comes from the catalogues (help.*), in German or English as the settings say.
 */
export function HelpView() {
  const { t } = useTranslation();
  const info = useAppInfo();
  const backups = useBackups();
  const p = (key: string) => <Text size="sm">{t(key)}</Text>;
  return (
    <Stack maw={860}>
      <Title order={2}>{t('help.title')}</Title>
      <Text>{t('help.intro')}</Text>

      <Section id="ways" title={t('help.ways.title')}>
        {p('help.ways.why')}
        {p('help.ways.intro')}
        <List size="sm" spacing="xs">
          <List.Item>{t('help.ways.messenger')}</List.Item>
          <List.Item>{t('help.ways.whatsapp')}</List.Item>
          <List.Item>{t('help.ways.phoneEmail')}</List.Item>
        </List>
        {p('help.ways.employees')}
      </Section>

      <Section id="data" title={t('help.data.title')}>
        <List size="sm" spacing="xs">
          <List.Item>{t('help.data.local')}</List.Item>
          <List.Item>{t('help.data.noServer')}</List.Item>
          <List.Item>{t('help.data.backups')}</List.Item>
        </List>
        {info.data && (
          <Stack gap={4}>
            {p('help.data.database')}
            <Code block data-testid="help-database-path">
              {info.data.databasePath}
            </Code>
          </Stack>
        )}
        {backups.data && (
          <Stack gap={4}>
            {p('help.data.backupFolder')}
            <Code block>{backups.data.folder}</Code>
          </Stack>
        )}
        {p('help.data.keepLocal')}
      </Section>

      <Section id="letters" title={t('help.letters.title')}>
        {p('help.letters.profile')}
        {p('help.letters.choose')}
        {p('help.letters.din')}
        {p('help.letters.pages')}
        {p('help.letters.returnCopy')}
        {p('help.letters.marked')}
        <Anchor href={hashFor('letters')} size="sm">
          {t('help.letters.open')}
        </Anchor>
      </Section>

      <Section id="returns" title={t('help.returns.title')}>
        {p('help.returns.intro')}
        <List type="ordered" size="sm" spacing="xs">
          <List.Item>{t('help.returns.scan')}</List.Item>
          <List.Item>{t('help.returns.drop')}</List.Item>
          <List.Item>{t('help.returns.check')}</List.Item>
          <List.Item>{t('help.returns.accept')}</List.Item>
        </List>
        {p('help.returns.proof')}
        <Anchor href={RETURN_FORMS_HREF} size="sm">
          {t('help.returns.open')}
        </Anchor>
      </Section>

      <Section id="backups" title={t('help.backups.title')}>
        {p('help.backups.auto')}
        {p('help.backups.where')}
        {p('help.backups.folder')}
        <Anchor href={`${hashFor('settings')}?tab=sicherung`} size="sm">
          {t('help.backups.open')}
        </Anchor>
      </Section>
    </Stack>
  );
}
