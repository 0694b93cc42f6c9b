import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnTarget, ImportAction, ImportDecision, ImportJob, LegacyEncoding } from '../../../../shared/model/import';
import { notifications } from '@mantine/notifications';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ProgressPanel } from '../../components/ProgressPanel';
import { useDroppedFiles } from '../../file-drop';
import { toldAlready } from '../../queries/client';
import { CountBadges } from './CountBadges';
import { FilePicker } from './FilePicker';
import { ImportFileCard } from './ImportFileCard';
import { ImportHistory } from './ImportHistory';
import { useImportJob } from './useImportJob';
import { useUndoImport } from './useUndoImport';

const percentOf = (done: number, total: number) => (total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 100);

interface PreviewProps {
  job: ImportJob;
  busy: boolean;
  onRemap: (index: number, mapping: ColumnTarget[], remember: boolean) => void;
  onEncoding: (index: number, encoding: LegacyEncoding | null) => void;
  onDecide: (index: number, decision: ImportDecision | null, which: { rows?: number[]; action?: ImportAction }) => void;
  onCommit: () => void;
  onCancel: () => void;
}

function Preview({ job, busy, onRemap, onEncoding, onDecide, onCommit, onCancel }: PreviewProps) {
  const { t } = useTranslation();
  const writable = job.files.filter((file) => !file.rejected);
  // A chat creates contacts only for senders known by their number; its other rows mark contacts.
  const contacts = writable.reduce(
    (sum, file) =>
      sum + (file.format === 'whatsapp' ? file.counts.created : file.counts.created + file.counts.updated + file.counts.duplicates),
    0,
  );
  const marks = writable.reduce((sum, file) => sum + (file.format === 'whatsapp' ? file.counts.updated : 0), 0);
  const unmapped = writable.find((file) => file.needsMapping);
  return (
    <Stack>
      <Title order={2}>{t('import.previewTitle')}</Title>
      {job.files.map((file) => (
        <ImportFileCard
          key={file.index}
          jobId={job.jobId}
          file={file}
          busy={busy}
          onRemap={(mapping, remember) => onRemap(file.index, mapping, remember)}
          onEncoding={(encoding) => onEncoding(file.index, encoding)}
          onDecide={(decision, which) => onDecide(file.index, decision, which)}
        />
      ))}
      <Paper withBorder p="md" pos="sticky" bottom={0} style={{ zIndex: 5 }}>
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {unmapped
              ? t('import.mapping.required', { file: unmapped.file })
              : writable.length === 0
                ? // Every file was refused (an image, a PDF …): not "nothing new", the reason stands at each file.
                  t('import.allRejected', { count: job.files.length, file: job.files[0]?.file ?? '' })
                : contacts + marks === 0
                  ? t('import.nothingToDo')
                  : ''}
          </Text>
          <Group>
            <Button variant="default" onClick={onCancel} disabled={busy}>
              {t('import.cancel')}
            </Button>
            <Button onClick={onCommit} loading={busy} disabled={!!unmapped || contacts + marks === 0}>
              {contacts > 0 ? t('import.commit', { count: contacts }) : t('import.commitMarks')}
            </Button>
          </Group>
        </Group>
      </Paper>
    </Stack>
  );
}

export function ImportView({ onShowContacts }: { onShowContacts: (importId: number) => void }) {
  const { t } = useTranslation();
  const { phase, start, remap, chooseEncoding, decide, commit, reset } = useImportJob();
  const dropped = useDroppedFiles();
  const undo = useUndoImport(() => void reset());

  // Files dropped anywhere on the window start an import once nothing else is in progress.
  useEffect(() => {
    if (dropped.pending.length > 0 && phase.kind === 'idle') void start(dropped.take());
  }, [dropped, phase.kind, start]);

  switch (phase.kind) {
    case 'uploading':
      return (
        <ProgressPanel
          label={t('import.uploading', { percent: percentOf(phase.done, phase.total) })}
          percent={percentOf(phase.done, phase.total)}
        />
      );
    case 'analysing': {
      const { done, total, file } = phase.job.progress;
      return file ? (
        <ProgressPanel label={t('import.analysing', { file, percent: percentOf(done, total) })} percent={percentOf(done, total)} />
      ) : (
        <ProgressPanel label={t('import.preparing')} percent={null} />
      );
    }
    case 'preview':
    case 'committing':
      return (
        <Preview
          job={phase.job}
          busy={phase.kind === 'committing'}
          onRemap={(index, mapping, remember) => void remap(phase.job, index, mapping, remember)}
          onEncoding={(index, encoding) => void chooseEncoding(phase.job, index, encoding)}
          onDecide={(index, decision, which) =>
            void decide(phase.job, index, decision, which).then(({ changed }) => {
              // A decision for all says how many rows it reached (possible duplicates are merged one by one).
              if (!which.rows)
                notifications.show({
                  color: 'teal',
                  message: t(decision ? 'import.decisions.changed' : 'import.decisions.resetDone', { count: changed }),
                });
            }, toldAlready)
          }
          onCommit={() => void commit(phase.job)}
          onCancel={() => void reset(phase.job)}
        />
      );
    case 'done':
      return (
        <Stack maw={900}>
          <Group gap="xs">
            <IconCircleCheck size={28} color="var(--mantine-color-teal-6)" aria-hidden />
            <SummaryHeading>{t('import.result.title')}</SummaryHeading>
          </Group>
          {phase.imports.map((record) => (
            <Paper key={record.id} withBorder p="md" data-testid="import-result">
              <Stack gap="sm">
                <Text fw={600}>{record.file}</Text>
                <CountBadges counts={record.counts} chat={record.format === 'whatsapp'} />
                <Group>
                  {record.counts.created + record.counts.updated + record.counts.duplicates > 0 && (
                    <Button onClick={() => onShowContacts(record.id)}>{t('import.result.show')}</Button>
                  )}
                  <Button variant="light" color="red" onClick={() => undo.ask(record)}>
                    {t('import.result.undo')}
                  </Button>
                </Group>
              </Stack>
            </Paper>
          ))}
          <Group>
            <Button variant="default" onClick={() => void reset()}>
              {t('import.result.again')}
            </Button>
          </Group>
          {undo.dialog}
        </Stack>
      );
    case 'error':
      return (
        <Stack maw={640}>
          <Title order={2}>{t('import.title')}</Title>
          <ErrorNotice message={phase.message || t('import.failed')} onRetry={() => void reset()} />
        </Stack>
      );
    default:
      return (
        <Stack maw={900}>
          <Title order={2}>{t('import.title')}</Title>
          <Text>{t('import.intro')}</Text>
          <FilePicker onFiles={(files) => void start(files)} />
          <ImportHistory onShowContacts={onShowContacts} />
        </Stack>
      );
  }
}

/**
 * The result's heading: the page opens at it (the preview before it may have been scrolled far down)
 * and the focus goes to it, so a screen reader says the import is done.
 */
function SummaryHeading({ children }: { children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus();
  }, []);
  return (
    <Title order={2} ref={heading} tabIndex={-1} data-testid="import-summary">
      {children}
    </Title>
  );
}
