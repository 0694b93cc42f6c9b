import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import type { ImportRecord } from '../../../../shared/model/import';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useImportHistory } from '../../queries/imports';
import { CountBadges } from './CountBadges';
import { formatDateTime } from '../../format';
import { useUndoImport } from './useUndoImport';

/** Every earlier import, newest first, each with undo while that is still safe. */
export function ImportHistory({ onShowContacts }: { onShowContacts: (importId: number) => void }) {
  const { t, i18n } = useTranslation();
  const history = useImportHistory();
  const undo = useUndoImport();

  if (history.error) return <ErrorNotice message={history.error.message} onRetry={() => void history.refetch()} />;
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {t('import.history.title')}
      </Title>
      {history.data?.length === 0 && <Text c="dimmed">{t('import.history.empty')}</Text>}
      {history.data?.map((record) => (
        <Paper key={record.id} withBorder p="md" data-testid="import-history-item">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={4}>
              <Group gap="xs">
                <Text fw={600}>{record.file}</Text>
                <Text size="sm" c="dimmed">
                  {formatDateTime(record.importedAt, i18n.language)}
                </Text>
                {record.undoneAt && (
                  <Badge color="gray" variant="light" tt="none">
                    {t('import.history.undone')}
                  </Badge>
                )}
                {record.keptOnUndo ? (
                  <Badge color="orange" variant="light" tt="none">
                    {t('import.history.keptOnUndo', { count: record.keptOnUndo })}
                  </Badge>
                ) : null}
              </Group>
              <CountBadges counts={record.counts} />
              {!record.undoneAt && record.changedSince && <ChangedSince changed={record.changedSince} />}
            </Stack>
            {!record.undoneAt && (
              <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
                {record.counts.created + record.counts.updated + record.counts.duplicates > 0 && (
                  <Anchor component="button" size="sm" onClick={() => onShowContacts(record.id)}>
                    {t('import.history.show')}
                  </Anchor>
                )}
                {record.changedSince ? (
                  record.changedSince.rest > 0 && (
                    <Button
                      variant="light"
                      color="red"
                      size="xs"
                      leftSection={<IconArrowBackUp size={16} aria-hidden />}
                      onClick={() => undo.ask(record, true)}
                    >
                      {t('import.history.undoRest')}
                    </Button>
                  )
                ) : record.undoBlockedBy ? (
                  <Tooltip label={record.undoBlockedBy} multiline w={320}>
                    <Text size="sm" c="dimmed" data-testid="undo-blocked">
                      {t('import.history.blocked')}
                    </Text>
                  </Tooltip>
                ) : (
                  <Button
                    variant="light"
                    color="red"
                    size="xs"
                    leftSection={<IconArrowBackUp size={16} aria-hidden />}
                    onClick={() => undo.ask(record)}
                  >
                    {t('import.history.undo')}
                  </Button>
                )}
              </Group>
            )}
          </Group>
        </Paper>
      ))}
      {undo.dialog}
    </Stack>
  );
}

/** Which contacts were changed since the import: the first names and how many more; they keep an undo from taking the import back whole. */
function ChangedSince({ changed }: { changed: NonNullable<ImportRecord['changedSince']> }) {
  const { t } = useTranslation();
  const more = changed.count - changed.names.length;
  return (
    <Stack gap={2} data-testid="undo-changed">
      <Text size="sm">
        {t('import.history.changedTitle', { count: changed.count })}{' '}
        {[changed.names.join(', '), more > 0 ? t('import.history.moreNames', { count: more }) : null].filter(Boolean).join(' ')}
      </Text>
      <Text size="sm" c="dimmed">
        {changed.rest > 0 ? t('import.history.blockedWhole') : t('import.history.nothingLeft')}
      </Text>
    </Stack>
  );
}
