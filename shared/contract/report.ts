// The `report.*` requests. Handlers: electron/services/report.handlers.ts, which calls the service(s) it imports.
import { z } from 'zod';
import { isCalendarDate } from '../local-date';
import { accountabilityReportSchema } from '../model/report';
import { readRequest } from './define';

/** The report's day (the office's local date, one the calendar has); today when left out. A day ahead is fine: the end of the year. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isCalendarDate, 'no such day')
  .optional();

export const reportRequests = {
  /** The accountability report's figures at the end of a day. */
  'report.get': readRequest(z.object({ date: day }).strict(), accountabilityReportSchema),
  /** The accountability report as a PDF (base64). */
  'report.pdf': readRequest(z.object({ date: day }).strict(), z.object({ fileName: z.string(), data: z.string() })),
};
