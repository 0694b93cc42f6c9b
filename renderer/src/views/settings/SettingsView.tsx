import { Paper, Stack, Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirmLeave } from '../../unsaved-changes';
import { PhonesSettings } from '../phones/PhonesSettings';
import { BackupSettings } from './BackupSettings';
import { GeneralSettings } from './GeneralSettings';
import { ProfileForm } from './ProfileForm';

export type SettingsTab = 'general' | 'business' | 'phones' | 'backups';

export function SettingsView({
  initialTab = 'general',
  onPhoneCheck,
}: {
  initialTab?: SettingsTab;
  onPhoneCheck: (phoneId: number) => void;
}) {
  const { t } = useTranslation();
  const confirmLeave = useConfirmLeave();
  const [tab, setTab] = useState<SettingsTab>(initialTab);
  // Each tab's form lives only while its tab is shown (keepMounted={false}): leaving the tab discards its edits, so ask first.
  const switchTab = (next: string | null) => next && next !== tab && confirmLeave(() => setTab(next as SettingsTab));

  return (
    <Stack maw={860}>
      <Title order={2}>{t('settings.title')}</Title>
      <Tabs value={tab} onChange={switchTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="general">{t('settings.tabs.general')}</Tabs.Tab>
          <Tabs.Tab value="business">{t('settings.tabs.business')}</Tabs.Tab>
          <Tabs.Tab value="phones">{t('settings.tabs.phones')}</Tabs.Tab>
          <Tabs.Tab value="backups">{t('settings.tabs.backups')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="business">
          <Paper withBorder p="lg">
            <ProfileForm />
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="phones">
          <PhonesSettings onPhoneCheck={onPhoneCheck} />
        </Tabs.Panel>
        <Tabs.Panel value="backups">
          <BackupSettings />
        </Tabs.Panel>
        <Tabs.Panel value="general">
          <GeneralSettings />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
