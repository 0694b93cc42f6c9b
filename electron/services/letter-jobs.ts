import type { Selection } from '../../shared/model/contact';
import type { ServiceContext } from './context';
import { AppError } from './errors';
import { lettersPdf, type LetterOptions, type SettledContact } from './letters';
import { today } from './tracking';

export interface LetterJobResult {
  fileName: string;
  data: string | null;
  printed: number;
  marked: number;
  skipped: number;
  operationId: number | null;
  withoutAddress: { id: number; displayName: string }[];
  /** Left out: contacts who consented, refused or switched already (unless the office included them). */
  settled: SettledContact[];
  landlineOnly: { id: number; displayName: string }[];
  version: string;
}

type LetterJob =
  | { state: 'running'; done: number; total: number }
  | { state: 'done'; done: number; total: number; result: LetterJobResult }
  | { state: 'failed'; done: number; total: number; error: unknown };

/**
 * Letters printed in the background, part by part, so the UI can show how far it got. A finished job
 * is handed out once and then forgotten (the PDF can be large).
 */
export class LetterJobs {
  private jobs = new Map<number, LetterJob>();
  private nextId = 1;

  start(ctx: ServiceContext, selection: Selection, options: LetterOptions): number {
    const id = this.nextId++;
    const job: LetterJob = { state: 'running', done: 0, total: 1 };
    this.jobs.set(id, job);
    const progress = (done: number, total: number) => Object.assign(job, { done, total });
    lettersPdf(ctx, selection, options, progress).then(
      ({ data, ...result }) =>
        this.jobs.set(id, {
          state: 'done',
          done: job.total,
          total: job.total,
          result: { ...result, fileName: `${options.kind === 'invitation' ? 'Einladungsbriefe' : 'Einwilligungsbriefe'}-${today()}.pdf`, data: data ? Buffer.from(data).toString('base64') : null },
        }),
      (error: unknown) => this.jobs.set(id, { state: 'failed', done: job.done, total: job.total, error }),
    );
    return id;
  }

  /** Where the job stands; a finished one is returned once with its PDF, a failed one throws its error. */
  status(id: number): { state: 'running' | 'done'; done: number; total: number; result: LetterJobResult | null } {
    const job = this.jobs.get(id);
    if (!job) throw new AppError('not_found', 'letters.errors.jobNotFound');
    if (job.state === 'running') return { state: 'running', done: job.done, total: job.total, result: null };
    this.jobs.delete(id);
    if (job.state === 'failed') throw job.error;
    return { state: 'done', done: job.done, total: job.total, result: job.result };
  }
}
