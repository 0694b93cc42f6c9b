import type { RequestOutput } from '../../shared/contract';
import type { Selection } from '../../shared/model/contact';
import type { ServiceContext } from './context';
import { AppError } from '../db/errors';
import { lettersPdf, type LetterOptions, type PrintedLetters } from './letters';
import { today } from './tracking';

/** How far a job got; once done, its PDF (base64; null when there was nothing to print). */
type LetterJobStatus = RequestOutput<'letters.status'>;

type LetterJob =
  | { state: 'running'; done: number; total: number }
  | {
      state: 'done';
      done: number;
      total: number;
      finishedAt: number;
      fileName: string;
      pdf: Uint8Array | null;
      markDelivered: () => PrintedLetters;
    }
  | { state: 'failed'; done: number; total: number; finishedAt: number; error: unknown };

/** How long a finished job waits for the page to fetch its PDF and confirm it: a closed tab never does. */
export const KEEP_FINISHED_MS = 10 * 60 * 1000;

/**
 * Letters printed in the background, part by part, so the UI can show how far it got. A finished job
 * hands out its PDF (status) and is kept until the page confirms it has saved the file (delivered):
 * only then are its contacts marked ("consent requested", "invited") and the job forgotten (the PDF can
 * be large). A tab closed while the PDF travels never confirms, so nobody is marked. If the marking
 * fails (the database is busy or write-protected), the job stays and the office can confirm again.
 * A finished job that is not confirmed within KEEP_FINISHED_MS is dropped with its PDF, and marks nobody.
 */
export class LetterJobs {
  private jobs = new Map<number, LetterJob>();
  private nextId = 1;
  private readonly keepFinishedMs: number;
  private readonly now: () => number;

  constructor(options: { keepFinishedMs?: number; now?: () => number } = {}) {
    this.keepFinishedMs = options.keepFinishedMs ?? KEEP_FINISHED_MS;
    this.now = options.now ?? Date.now;
  }

  /** Whether a job is still printing (a restore waits for it: its pages are read from the database). */
  printing(): boolean {
    return [...this.jobs.values()].some((job) => job.state === 'running');
  }

  /** Forgets every job (the database they were printed from was replaced: marking them would mark the wrong file). */
  clear(): void {
    this.jobs.clear();
  }

  start(ctx: ServiceContext, selection: Selection, options: LetterOptions): number {
    this.dropExpired();
    const id = this.nextId++;
    const job: LetterJob = { state: 'running', done: 0, total: 1 };
    this.jobs.set(id, job);
    const progress = (done: number, total: number) => Object.assign(job, { done, total });
    const fileName = () => `${options.kind === 'invitation' ? 'Einladungsbriefe' : 'Einwilligungsbriefe'}-${today()}.pdf`;
    lettersPdf(ctx, selection, options, progress).then(
      ({ pdf, markDelivered }) =>
        this.finish(id, {
          state: 'done',
          done: job.total,
          total: job.total,
          finishedAt: this.now(),
          fileName: fileName(),
          pdf,
          markDelivered,
        }),
      (error: unknown) => this.finish(id, { state: 'failed', done: job.done, total: job.total, finishedAt: this.now(), error }),
    );
    return id;
  }

  /**
   * Where the job stands; a finished one with its PDF (again, if asked again: an answer lost on the way
   * can be fetched once more); a failed one throws its error, once. Nobody is marked here: see delivered.
   */
  status(id: number): LetterJobStatus {
    const job = this.job(id);
    if (job.state === 'running') return { state: 'running', done: job.done, total: job.total, result: null };
    if (job.state === 'failed') {
      this.jobs.delete(id);
      throw job.error;
    }
    return {
      state: 'done',
      done: job.done,
      total: job.total,
      result: { fileName: job.fileName, data: job.pdf ? Buffer.from(job.pdf).toString('base64') : null },
    };
  }

  /**
   * The page has the PDF (saved, or handed to the browser's download): marks the job's contacts, as
   * one undoable operation, and forgets the job. When the marking fails the job stays, for another try.
   */
  delivered(id: number): PrintedLetters {
    const job = this.job(id);
    if (job.state === 'running') throw new AppError('conflict', 'letters.errors.jobNotFinished');
    if (job.state === 'failed') {
      this.jobs.delete(id);
      throw job.error;
    }
    let marked: PrintedLetters;
    try {
      marked = job.markDelivered();
    } catch (error) {
      // Nothing is marked (one transaction); the office gets the full time again to retry.
      this.finish(id, { ...job, finishedAt: this.now() });
      throw error;
    }
    this.jobs.delete(id);
    return marked;
  }

  private job(id: number): LetterJob {
    this.dropExpired();
    const job = this.jobs.get(id);
    if (!job) throw new AppError('not_found', 'letters.errors.jobNotFound');
    return job;
  }

  private finish(id: number, job: LetterJob): void {
    this.jobs.set(id, job);
    // Frees the PDF of a job nobody fetches even when no other call comes to drop it.
    setTimeout(() => this.dropExpired(), this.keepFinishedMs + 1000).unref();
  }

  /** Drops finished jobs left unconfirmed too long, without marking their contacts. */
  private dropExpired(): void {
    const limit = this.now() - this.keepFinishedMs;
    for (const [id, job] of this.jobs) if (job.state !== 'running' && job.finishedAt <= limit) this.jobs.delete(id);
  }
}
