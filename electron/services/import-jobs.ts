import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { appendFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { translate } from '../../shared/i18n';
import type {
  ColumnTarget,
  ImportAction,
  ImportDecision,
  ImportJob,
  ImportRecord,
  LegacyEncoding,
  PreviewRow,
} from '../../shared/model/import';
import { decide } from '../importers/decisions';
import { ReadCancelled } from '../importers/read-isolated';
import { fileSource } from '../importers/source';
import type { ServiceContext } from './context';
import { AppError, databaseError } from '../db/errors';
import { analyseFile, releaseAnalysis, type FileAnalysis } from './import-analysis';
import { commitAnalysesInSlices } from './import-commit';
import { previewRows, summarise } from './import-preview';
import { messageLanguage } from './settings';
import { writePrivateFile, type PrivateTempFolder } from '../db/temp-files';

interface JobFile {
  name: string;
  size: number;
  path: string;
  received: number;
  mapping?: ColumnTarget[];
  legacyEncoding?: LegacyEncoding | null;
  analysis: FileAnalysis | null;
}

interface Job {
  id: string;
  state: ImportJob['state'];
  dir: string;
  files: JobFile[];
  done: number;
  currentFile: string | null;
  error: string | null;
  touched: number;
  /** Stops the reader of the analysis under way (cancel, or the files being read again). */
  reading: AbortController | null;
}

/**
 * Imports as the UI runs them: files are uploaded in chunks to a temporary folder (from the
 * browser as from the desktop window), read and planned in the background while the UI polls the
 * progress, shown as a preview, then committed in one transaction or cancelled. Nothing reaches the
 * database before the commit.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, Job>();
  /** This session's uploads: a run folder in the private temp folder beside the database, made with the first job. */
  private root: string | null = null;

  constructor(private readonly tempFolder: PrivateTempFolder) {}

  begin(files: { name: string; size: number }[]): ImportJob {
    this.expireOld();
    const id = randomUUID();
    this.root ??= this.tempFolder.newRunFolder('import');
    const dir = path.join(this.root, id);
    mkdirSync(dir, { mode: 0o700 });
    const job: Job = {
      id,
      state: 'uploading',
      dir,
      files: files.map((file, index) => ({
        name: path.basename(file.name),
        size: file.size,
        path: path.join(dir, String(index)),
        received: 0,
        analysis: null,
      })),
      done: 0,
      currentFile: null,
      error: null,
      touched: Date.now(),
      reading: null,
    };
    // Every file exists from the start, so an empty one is read (and refused) like any other.
    for (const file of job.files) writePrivateFile(file.path, '');
    this.jobs.set(id, job);
    return this.view(job, 'de');
  }

  async upload(jobId: string, index: number, offset: number, data: Uint8Array): Promise<{ received: number }> {
    const job = this.get(jobId, 'uploading');
    const file = job.files[index];
    if (!file) throw new AppError('invalid_input', 'import.jobs.noSuchFile', { index });
    // Chunks arrive in order; a repeated chunk (a retry) is ignored, a gap is refused.
    if (offset < file.received) return { received: file.received };
    if (offset > file.received || file.received + data.length > file.size)
      throw new AppError('conflict', 'import.jobs.uploadOutOfOrder', { file: file.name });
    await appendFile(file.path, data);
    file.received += data.length;
    return { received: file.received };
  }

  /** Starts reading and planning every file; the UI follows with status(). */
  analyse(ctx: ServiceContext, jobId: string): ImportJob {
    const job = this.get(jobId, 'uploading', 'ready');
    const missing = job.files.find((file) => file.received !== file.size);
    if (missing) throw new AppError('conflict', 'import.jobs.incomplete', { file: missing.name });
    void this.run(ctx, job);
    return this.view(job, messageLanguage(ctx));
  }

  /** The user's column mapping for one file (remembered for the same headers when asked). */
  remap(ctx: ServiceContext, jobId: string, index: number, mapping: ColumnTarget[], remember: boolean): ImportJob {
    const job = this.get(jobId, 'ready');
    const file = job.files[index];
    const table = file?.analysis?.reading.table;
    if (!file || !table) throw new AppError('invalid_input', 'import.jobs.noSuchFile', { index });
    if (mapping.length !== table.headers.length)
      throw new AppError('invalid_input', 'import.jobs.mappingLength', { expected: table.headers.length });
    if (remember) ctx.repos.imports.saveMapping(table.signature, mapping);
    file.mapping = mapping;
    void this.run(ctx, job);
    return this.view(job, messageLanguage(ctx));
  }

  /** The user's encoding for one file's text that is not UTF-8 (null: back to the app's guess); reads the files again. */
  setEncoding(ctx: ServiceContext, jobId: string, index: number, encoding: LegacyEncoding | null): ImportJob {
    const job = this.get(jobId, 'ready');
    const file = job.files[index];
    if (!file?.analysis) throw new AppError('invalid_input', 'import.jobs.noSuchFile', { index });
    file.legacyEncoding = encoding;
    void this.run(ctx, job);
    return this.view(job, messageLanguage(ctx));
  }

  /**
   * The office's decision for rows of one file's preview (merge, keep both, create, skip): the rows
   * named, or every row offering that decision (of one action, when given). Applied at the commit.
   */
  decide(
    ctx: ServiceContext,
    jobId: string,
    index: number,
    decision: ImportDecision | null,
    which: { rows?: number[]; action?: ImportAction },
  ): { job: ImportJob; changed: number } {
    const job = this.get(jobId, 'ready');
    const analysis = job.files[index]?.analysis;
    if (!analysis) throw new AppError('invalid_input', 'import.jobs.noSuchFile', { index });
    const changed = decide(analysis.plan.rows, analysis.decisions, decision, which);
    return { job: this.view(job, messageLanguage(ctx)), changed };
  }

  status(ctx: ServiceContext, jobId: string): ImportJob {
    return this.view(this.get(jobId), messageLanguage(ctx));
  }

  rows(
    ctx: ServiceContext,
    input: { jobId: string; index: number; action?: ImportAction; offset: number; limit: number },
  ): { total: number; rows: PreviewRow[] } {
    const analysis = this.get(input.jobId, 'ready', 'done').files[input.index]?.analysis;
    if (!analysis) throw new AppError('invalid_input', 'import.jobs.noSuchFile', { index: input.index });
    return previewRows(analysis, input, messageLanguage(ctx));
  }

  /** Writes the job in one transaction, in time slices: the UI's other tabs keep answering meanwhile. */
  async commit(ctx: ServiceContext, jobId: string): Promise<{ imports: ImportRecord[]; contactIds: number[] }> {
    const job = this.get(jobId, 'ready');
    const unmapped = job.files.find(
      (file) => file.analysis && !file.analysis.reading.rejected && summarise(0, file.analysis, 'de').needsMapping,
    );
    if (unmapped) throw new AppError('conflict', 'import.jobs.mappingFirst', { file: unmapped.name });
    job.state = 'committing';
    try {
      const committed = await commitAnalysesInSlices(
        ctx,
        job.files.flatMap((file) => (file.analysis ? [file.analysis] : [])),
      );
      job.state = 'done';
      this.release(job);
      this.removeFiles(job);
      return { imports: committed.map((c) => c.record), contactIds: [...new Set(committed.flatMap((c) => c.contactIds))] };
    } catch (error) {
      job.state = 'ready';
      throw error;
    }
  }

  cancel(jobId: string): void {
    const job = this.jobs.get(jobId);
    if (!job) return;
    // Its contacts are being written (all or nothing): the commit ends it, not a cancel half-way.
    if (job.state === 'committing') throw new AppError('conflict', `import.jobs.wrongState.${job.state}`);
    job.state = 'cancelled';
    job.reading?.abort();
    this.release(job);
    this.removeFiles(job);
    this.jobs.delete(jobId);
  }

  /** Removes every temporary file (when the app or the host stops). */
  closeAll(): void {
    for (const job of this.jobs.values()) {
      job.reading?.abort();
      this.release(job);
    }
    if (this.root) this.tempFolder.removeRunFolder(this.root);
    this.root = null;
    this.jobs.clear();
  }

  private async run(ctx: ServiceContext, job: Job): Promise<void> {
    job.state = 'analysing';
    job.done = 0;
    job.error = null;
    const reading = new AbortController();
    job.reading = reading;
    try {
      const analyses: FileAnalysis[] = [];
      let before = 0;
      this.release(job);
      for (const file of job.files) {
        job.currentFile = file.name;
        const source = await fileSource(file.path, file.name);
        file.analysis = await analyseFile(
          ctx,
          source,
          {
            mapping: file.mapping,
            legacyEncoding: file.legacyEncoding,
            signal: reading.signal,
            onProgress: (read) => (job.done = before + read),
          },
          analyses,
        );
        if (!file.analysis.reading.rejected) analyses.push(file.analysis);
        before += (await stat(file.path)).size;
        job.done = before;
      }
      job.currentFile = null;
      job.state = 'ready';
    } catch (error) {
      // Cancelled, or the app or host stopping: the job is gone, and its files with it.
      if (error instanceof ReadCancelled || this.jobs.get(job.id) !== job) return;
      job.state = 'failed';
      // A problem the office can act on (no temporary space for the staging store, a full or locked
      // database) in its own words; anything else is a defect for the log.
      const known = databaseError(error, ctx.databasePath);
      if (!known) console.error('Import analysis failed', error);
      job.error = translate(messageLanguage(ctx), known?.messageKey ?? 'import.failed', known?.vars);
    } finally {
      if (job.reading === reading) job.reading = null;
    }
  }

  private view(job: Job, language: 'de' | 'en'): ImportJob {
    job.touched = Date.now();
    const total = job.files.reduce((sum, file) => sum + file.size, 0);
    const done = job.state === 'uploading' ? job.files.reduce((sum, file) => sum + file.received, 0) : job.done;
    return {
      jobId: job.id,
      state: job.state,
      progress: { done, total, file: job.currentFile },
      files:
        job.state === 'ready' || job.state === 'done'
          ? job.files.flatMap((file, index) => (file.analysis ? [summarise(index, file.analysis, language)] : []))
          : [],
      error: job.error,
    };
  }

  private get(jobId: string, ...states: ImportJob['state'][]): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('not_found', 'import.jobs.notFound');
    if (states.length && !states.includes(job.state)) throw new AppError('conflict', `import.jobs.wrongState.${job.state}`);
    job.touched = Date.now();
    return job;
  }

  /** Frees the staged contacts of every file (a new analysis or the end of the job). */
  private release(job: Job): void {
    for (const file of job.files) if (file.analysis) releaseAnalysis(file.analysis);
  }

  private removeFiles(job: Job): void {
    // The reader's worker thread may still hold a file open for a moment (Windows: EBUSY): retried.
    this.tempFolder.removeFolder(job.dir);
  }

  /** Jobs left alone for two hours (a closed browser tab) are dropped with their files. */
  private expireOld(): void {
    const limit = Date.now() - 2 * 60 * 60 * 1000;
    for (const job of this.jobs.values()) if (job.touched < limit && job.state !== 'committing') this.cancel(job.id);
  }
}
