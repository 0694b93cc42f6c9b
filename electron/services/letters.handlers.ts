import type { letterRequests } from '../../shared/contract/letters';
import type { HandlerMap } from './handler-types';
import { previewLetters, printLettersWithDialog } from './letters';

/** Letters for the selection: a preview, the print dialog (desktop), or a PDF made in the background (letter-jobs.ts). */
export const letterHandlers: HandlerMap<typeof letterRequests> = {
  'letters.preview': (ctx, { selection, ...options }) => previewLetters(ctx, selection, options),
  'letters.printDialog': (ctx, { selection, ...options }) => printLettersWithDialog(ctx, selection, options),
  'letters.start': (ctx, { selection, ...options }) => ({ jobId: ctx.letterJobs.start(ctx, selection, options) }),
  'letters.status': (ctx, { jobId }) => ctx.letterJobs.status(jobId),
  'letters.delivered': (ctx, { jobId }) => ctx.letterJobs.delivered(jobId),
};
