import { Alert, Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconFileOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnTarget, ImportAction, ImportDecision, ImportFileSummary, LegacyEncoding } from '../../../../shared/model/import';
import { EncodingChoice } from './EncodingChoice';
import { encodingInWords } from '../../../../shared/model/encoding-words';
import { ColumnMapping } from './ColumnMapping';
import { CountBadges } from './CountBadges';
import { PreviewTable } from './PreviewTable';

interface Props {
  jobId: string;
  file: ImportFileSummary;
  busy: boolean;
  onRemap: (mapping: ColumnTarget[], remember: boolean) => void;
  onEncoding: (encoding: LegacyEncoding | null) => void;
  onDecide: (decision: ImportDecision | null, which: { rows?: number[]; action?: ImportAction }) => void;
}

/** One file of an import: what it is, what will happen, what is wrong with it, and its columns. */
export function ImportFileCard({ jobId, file, busy, onRemap, onEncoding, onDecide }: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const showMapping = file.columns && (file.needsMapping || editing);

  return (
    <Paper withBorder p="lg" data-testid="import-file">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={3} size="h4">
              {file.file}
            </Title>
            {file.format && (
              <Group gap="xs">
                <Badge variant="outline" tt="none">
                  {t(`import.formats.${file.format}`)}
                </Badge>
                {file.encoding && (
                  <Text size="xs" c="dimmed">
                    {t('import.encoding.shown', { encoding: encodingInWords(file.encoding, t) })}
                  </Text>
                )}
              </Group>
            )}
          </Stack>
          <CountBadges counts={file.counts} chat={file.format === 'whatsapp'} />
        </Group>

        {file.rejected && (
          <Alert color="red" icon={<IconFileOff aria-hidden />} title={t('import.fileRejected')} role="alert">
            {file.issues.map((issue) => issue.message).join(' ')}
          </Alert>
        )}
        {!file.rejected && file.issues.length > 0 && (
          <Alert color="yellow" icon={<IconAlertTriangle aria-hidden />}>
            <List size="sm">
              {file.issues.map((issue, index) => (
                <List.Item key={index}>{issue.message}</List.Item>
              ))}
            </List>
          </Alert>
        )}

        <EncodingChoice file={file} busy={busy} onChange={onEncoding} />

        {file.columns?.remembered && (
          <Text size="sm" c="dimmed">
            {t('import.mapping.remembered')}
          </Text>
        )}
        {showMapping && file.columns && (
          <Stack gap="xs">
            <Title order={4} size="h5">
              {t('import.mapping.title')}
            </Title>
            {file.needsMapping && <Text size="sm">{t('import.mapping.intro')}</Text>}
            <ColumnMapping
              columns={file.columns}
              busy={busy}
              onApply={(mapping, remember) => {
                setEditing(false);
                onRemap(mapping, remember);
              }}
            />
          </Stack>
        )}
        {file.columns && !file.needsMapping && (
          <Group>
            <Button variant="subtle" size="compact-sm" onClick={() => setEditing(!editing)}>
              {editing ? t('import.mapping.hide') : t('import.mapping.edit')}
            </Button>
          </Group>
        )}

        {!file.rejected && !file.needsMapping && <PreviewTable jobId={jobId} file={file} onDecide={onDecide} />}
      </Stack>
    </Paper>
  );
}
