import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
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
              </Group>
              <CountBadges counts={record.counts} />
            </Stack>
            {!record.undoneAt && (
              <Group gap="xs" wrap="nowrap">
                {record.counts.created + record.counts.updated + record.counts.duplicates > 0 && (
                  <Anchor component="button" size="sm" onClick={() => onShowContacts(record.id)}>
                    {t('import.history.show')}
                  </Anchor>
                )}
                {record.undoBlockedBy ? (
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
