// The `report.*` requests. Handlers: electron/services/report.handlers.ts, which calls the service(s) it imports.
import { z } from 'zod';
import { accountabilityReportSchema } from '../model/report';
import { readRequest } from './define';

/** The report's day (the office's local date); today when left out. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional();

export const reportRequests = {
  /** The accountability report's figures at the end of a day. */
  'report.get': readRequest(z.object({ date: day }).strict(), accountabilityReportSchema),
  /** The accountability report as a PDF (base64). */
  'report.pdf': readRequest(z.object({ date: day }).strict(), z.object({ fileName: z.string(), data: z.string() })),
};
