import { z } from 'zod';
import { selectionSchema } from '../model/contact';
import { request } from './define';
import { letterKinds } from '../letters/din-letter';

const formSchema = z.enum(['A', 'B']);
/** Consent letters (with the form to sign) or invitations on paper. */
const kindSchema = z.enum(letterKinds).default('consent');
const listedContact = z.object({ id: z.int(), displayName: z.string() });

const letterResultSchema = z.object({
  fileName: z.string(),
  data: z.string().nullable(),
  printed: z.int(),
  marked: z.int(),
  skipped: z.int(),
  operationId: z.int().nullable(),
  withoutAddress: z.array(listedContact),
  version: z.string(),
});

export const letterRequests = {
  /** The first letters of a selection as HTML, with how many can be printed and what the profile lacks. */
  'letters.preview': request(
    z.object({ selection: selectionSchema, form: formSchema.default('B'), kind: kindSchema }).strict(),
    z.object({ missing: z.array(z.string()), html: z.string(), total: z.int(), printable: z.int(), withoutAddress: z.array(listedContact), version: z.string() }),
  ),
  /** The letters through the system print dialog (desktop app only); contacts marked once the job went to the printer. */
  'letters.printDialog': request(
    z.object({ selection: selectionSchema, form: formSchema.default('B'), kind: kindSchema }).strict(),
    letterResultSchema.omit({ fileName: true, data: true }).extend({ cancelled: z.boolean() }),
  ),
  /** Starts printing all letters of a selection as one PDF, part by part; see letters.status. */
  'letters.start': request(z.object({ selection: selectionSchema, form: formSchema.default('B'), kind: kindSchema }).strict(), z.object({ jobId: z.int() })),
  /**
   * How far the printing got; once done, the PDF (base64), handed out once. The contacts are marked
   * "consent requested" (consent letters) or "invited" by letter (invitations) when the PDF exists.
   */
  'letters.status': request(
    z.object({ jobId: z.int() }).strict(),
    z.object({ state: z.enum(['running', 'done']), done: z.int(), total: z.int(), result: letterResultSchema.nullable() }),
  ),
};
