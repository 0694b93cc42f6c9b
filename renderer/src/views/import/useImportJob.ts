import { useCallback, useEffect, useRef, useState } from 'react';
import type { ColumnTarget, ImportAction, ImportDecision, ImportJob, ImportRecord, LegacyEncoding } from '../../../../shared/model/import';
import { send } from '../../api';
import { useCommitImport, useDecideImport } from '../../queries/imports';
import { uploadFiles } from './upload';

export type ImportPhase =
  | { kind: 'idle' }
  | { kind: 'uploading'; done: number; total: number }
  | { kind: 'analysing'; job: ImportJob }
  | { kind: 'preview'; job: ImportJob }
  | { kind: 'committing'; job: ImportJob }
  | { kind: 'done'; imports: ImportRecord[] }
  | { kind: 'error'; message: string };

const POLL_MS = 200;

/** One import from files to committed contacts: upload, background analysis with progress, preview, commit. */
export function useImportJob() {
  const [phase, setPhase] = useState<ImportPhase>({ kind: 'idle' });
  const { mutateAsync: decideRows } = useDecideImport();
  const { mutateAsync: commitJob } = useCommitImport();
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);

  const follow = useCallback(async (job: ImportJob) => {
    let current = job;
    while (alive.current && (current.state === 'analysing' || current.state === 'uploading')) {
      setPhase({ kind: 'analysing', job: current });
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const status = await send('import.status', { jobId: current.jobId });
      if (!status.ok) return setPhase({ kind: 'error', message: status.error.message });
      current = status.value;
    }
    if (current.state === 'failed') setPhase({ kind: 'error', message: current.error ?? '' });
    else setPhase({ kind: 'preview', job: current });
  }, []);

  const start = useCallback(
    async (files: File[]) => {
      if (files.length === 0) return;
      setPhase({ kind: 'uploading', done: 0, total: files.reduce((sum, file) => sum + file.size, 0) });
      const uploaded = await uploadFiles(files, (done, total) => alive.current && setPhase({ kind: 'uploading', done, total }));
      if ('error' in uploaded) return setPhase({ kind: 'error', message: uploaded.error.message });
      const analysing = await send('import.analyse', { jobId: uploaded.job.jobId });
      if (!analysing.ok) return setPhase({ kind: 'error', message: analysing.error.message });
      await follow(analysing.value);
    },
    [follow],
  );

  const remap = useCallback(
    async (job: ImportJob, index: number, mapping: ColumnTarget[], remember: boolean) => {
      const result = await send('import.map', { jobId: job.jobId, index, mapping, remember });
      if (!result.ok) return setPhase({ kind: 'error', message: result.error.message });
      await follow(result.value);
    },
    [follow],
  );

  const chooseEncoding = useCallback(
    async (job: ImportJob, index: number, encoding: LegacyEncoding | null) => {
      const result = await send('import.encoding', { jobId: job.jobId, index, encoding });
      if (!result.ok) return setPhase({ kind: 'error', message: result.error.message });
      await follow(result.value);
    },
    [follow],
  );

  /** The office's decision for rows of one file (the rows named, or all of the action shown); the counts follow. */
  const decide = useCallback(
    async (job: ImportJob, index: number, decision: ImportDecision | null, which: { rows?: number[]; action?: ImportAction }) => {
      const decided = await decideRows({ jobId: job.jobId, index, decision, ...which });
      setPhase({ kind: 'preview', job: decided.job });
      return decided;
    },
    [decideRows],
  );

  const commit = useCallback(
    async (job: ImportJob) => {
      setPhase({ kind: 'committing', job });
      await commitJob({ jobId: job.jobId }).then(
        ({ imports }) => setPhase({ kind: 'done', imports }),
        (error: Error) => setPhase({ kind: 'error', message: error.message }),
      );
    },
    [commitJob],
  );

  const reset = useCallback(async (job?: ImportJob) => {
    if (job) await send('import.cancel', { jobId: job.jobId });
    setPhase({ kind: 'idle' });
  }, []);

  return { phase, start, remap, chooseEncoding, decide, commit, reset };
}
