import type { importRequests } from '../../shared/contract/import';
import type { HandlerMap } from './handler-types';
import { importRecords, undoImport } from './import-history';

/**
 * An import is a job of the session (import-jobs.ts): files announced and uploaded in chunks, read in a
 * worker and planned (import-analysis.ts), previewed with the decisions per row (import-preview.ts),
 * then committed in one transaction (import-commit.ts).
 */
export const importHandlers: HandlerMap<typeof importRequests> = {
  'import.begin': (ctx, input) => ctx.importJobs.begin(input.files),
  'import.upload': (ctx, input) => ctx.importJobs.upload(input.jobId, input.index, input.offset, Buffer.from(input.data, 'base64')),
  'import.analyse': (ctx, input) => ctx.importJobs.analyse(ctx, input.jobId),
  'import.status': (ctx, input) => ctx.importJobs.status(ctx, input.jobId),
  'import.rows': (ctx, input) => ctx.importJobs.rows(ctx, input),
  'import.map': (ctx, input) => ctx.importJobs.remap(ctx, input.jobId, input.index, input.mapping, input.remember),
  'import.encoding': (ctx, input) => ctx.importJobs.setEncoding(ctx, input.jobId, input.index, input.encoding),
  'import.decide': (ctx, { jobId, index, decision, rows, action }) => ctx.importJobs.decide(ctx, jobId, index, decision, { rows, action }),
  'import.commit': (ctx, input) => ctx.importJobs.commit(ctx, input.jobId),
  'import.cancel': (ctx, input) => {
    ctx.importJobs.cancel(input.jobId);
    return {};
  },
  'import.history': (ctx) => importRecords(ctx),
  'import.undo': (ctx, input) => undoImport(ctx, input.importId, { skipChanged: input.skipChanged }),
};
