import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDatabaseExport, IconInfoCircle, IconRestore } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupFile } from '../../../../shared/model/backup';
import type { Settings } from '../../../../shared/model/settings';
import { reloadWithMessage } from '../../after-reload';
import { DialogActions } from '../../components/DialogActions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { SectionHeading } from '../../components/SectionHeading';
import { formatDateTime } from '../../format';
import { useBackups, useCreateBackup, useRestoreBackup } from '../../queries/backups';
import { toldAlready } from '../../queries/client';
import { useSettingsDraft } from './useSettingsDraft';

type BackupPlace = Pick<Settings, 'backupFolder' | 'backupDays' | 'backupsPerDay'>;

const megabytes = (bytes: number, language: string) =>
  (bytes / 1024 / 1024).toLocaleString(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Why a backup was made, from the note in its name (backups.ts); an unknown note shows as it is. */
const occasions: Record<string, string> = {
  '': 'backup.occasion.regular',
  'vor-Import': 'backup.occasion.beforeImport',
  'vor-Loeschen': 'backup.occasion.beforeDelete',
  'vor-Wiederherstellung': 'backup.occasion.beforeRestore',
};

/** Einstellungen → Sicherung: the backups with "Jetzt sichern" and "Wiederherstellen", and where they go. */
export function BackupSettings() {
  const { t, i18n } = useTranslation();
  const backups = useBackups();
  const create = useCreateBackup();
  const restore = useRestoreBackup();
  const [asking, setAsking] = useState<BackupFile | null>(null);

  const backupNow = () =>
    void create.mutateAsync({}).then(
      (made) =>
        notifications.show({
          color: 'teal',
          message: t('backup.made', { date: formatDateTime(made.madeAt, i18n.language), count: made.contacts }),
        }),
      toldAlready,
    );

  const confirmRestore = () => {
    if (!asking) return;
    restore.mutate(asking.file, {
      onSuccess: (restored) =>
        reloadWithMessage(
          t('backup.restored', {
            date: formatDateTime(asking.madeAt, i18n.language),
            count: restored.contacts,
            before: formatDateTime(restored.before.madeAt, i18n.language),
          }),
        ),
    });
  };

  if (backups.error) return <ErrorNotice message={backups.error.message} />;
  if (!backups.data) return <Loader aria-label={t('app.loading')} />;
  const { folder, defaultFolder, databasePath } = backups.data;

  return (
    <Stack maw={860}>
      <Paper withBorder p="lg">
        <Stack>
          <SectionHeading title={t('backup.title')} hint={t('backup.hint')} />
          {!backups.data.folderReachable && (
            <Alert color="orange" icon={<IconInfoCircle aria-hidden />}>
              {t('dashboard.backup.unreachable', { folder })}
            </Alert>
          )}
          <Group>
            <Button leftSection={<IconDatabaseExport size={18} aria-hidden />} onClick={backupNow} loading={create.isPending}>
              {t('backup.now')}
            </Button>
            <Text size="sm" c="dimmed">
              {t('backup.folderIs', { folder })}
            </Text>
          </Group>
          {backups.data.backups.length === 0 ? (
            <Text size="sm">{t('backup.none')}</Text>
          ) : (
            <Table striped aria-label={t('backup.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('backup.columns.madeAt')}</Table.Th>
                  <Table.Th>{t('backup.columns.occasion')}</Table.Th>
                  <Table.Th ta="right">{t('backup.columns.contacts')}</Table.Th>
                  <Table.Th ta="right">{t('backup.columns.size')}</Table.Th>
                  {/* Named for screen readers, which read it with each row's button; nothing to show. */}
                  <Table.Th>
                    <VisuallyHidden>{t('backup.columns.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {backups.data.backups.map((backup) => (
                  <Table.Tr key={backup.file}>
                    <Table.Td>{formatDateTime(backup.madeAt, i18n.language)}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={backup.note ? 'gray' : 'teal'}>
                        {occasions[backup.note] ? t(occasions[backup.note]!) : backup.note}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right">{backup.contacts.toLocaleString(i18n.language)}</Table.Td>
                    <Table.Td ta="right">{t('backup.megabytes', { size: megabytes(backup.size, i18n.language) })}</Table.Td>
                    <Table.Td ta="right">
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={<IconRestore size={14} aria-hidden />}
                        onClick={() => {
                          restore.reset();
                          setAsking(backup);
                        }}
                        aria-label={t('backup.restoreOne', { date: formatDateTime(backup.madeAt, i18n.language) })}
                      >
                        {t('backup.restore')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Paper>
      <BackupPlaceForm defaultFolder={defaultFolder} databasePath={databasePath} />
      <Modal opened={asking !== null} onClose={() => setAsking(null)} title={t('backup.confirmTitle')} centered>
        {asking && (
          <Stack>
            <Text size="sm">{t('backup.confirm', { date: formatDateTime(asking.madeAt, i18n.language), count: asking.contacts })}</Text>
            <Text size="sm">{t('backup.confirmUndo')}</Text>
            <DialogActions error={restore.error?.message} onCancel={() => setAsking(null)}>
              <Button color="red" onClick={confirmRestore} loading={restore.isPending || restore.isSuccess}>
                {t('backup.restore')}
              </Button>
            </DialogActions>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

/** Where backups go and how many are kept: part of the settings, saved with them. */
function BackupPlaceForm({ defaultFolder, databasePath }: { defaultFolder: string; databasePath: string }) {
  const { t } = useTranslation();
  const { draft, setDraft, saveRow } = useSettingsDraft<BackupPlace>(
    (settings) => ({ backupFolder: settings.backupFolder, backupDays: settings.backupDays, backupsPerDay: settings.backupsPerDay }),
    (place) => ({ ...place, backupFolder: place.backupFolder.trim() }),
  );
  if (!draft) return null;

  return (
    <Paper withBorder p="lg">
      <Stack>
        <SectionHeading title={t('backup.place.title')} />
        <TextInput
          label={t('backup.place.folder')}
          description={t('backup.place.folderHint')}
          placeholder={defaultFolder}
          value={draft.backupFolder}
          onChange={(event) => setDraft({ ...draft, backupFolder: event.currentTarget.value })}
        />
        <Alert color="blue" icon={<IconInfoCircle aria-hidden />} title={t('backup.place.databaseTitle')}>
          {t('backup.place.databaseHint', { path: databasePath })}
        </Alert>
        <Group align="flex-start">
          <NumberInput
            label={t('backup.place.perDay')}
            min={1}
            max={50}
            allowDecimal={false}
            value={draft.backupsPerDay}
            onChange={(value) => typeof value === 'number' && setDraft({ ...draft, backupsPerDay: value })}
            w={280}
          />
          <NumberInput
            label={t('backup.place.days')}
            min={1}
            max={365}
            allowDecimal={false}
            value={draft.backupDays}
            onChange={(value) => typeof value === 'number' && setDraft({ ...draft, backupDays: value })}
            w={280}
          />
        </Group>
        {saveRow}
      </Stack>
    </Paper>
  );
}
