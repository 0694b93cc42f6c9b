import { z } from 'zod';
import { selectionSchema } from '../model/contact';
import { request } from './define';

const formSchema = z.enum(['A', 'B']);
const listedContact = z.object({ id: z.int(), displayName: z.string() });

export const letterRequests = {
  /** The first letters of a selection as HTML, with how many can be printed and what the profile lacks. */
  'letters.preview': request(
    z.object({ selection: selectionSchema, form: formSchema.default('B') }).strict(),
    z.object({ missing: z.array(z.string()), html: z.string(), total: z.int(), printable: z.int(), withoutAddress: z.array(listedContact), version: z.string() }),
  ),
  /** All letters of a selection as one PDF (base64); the contacts are marked "consent requested" once it exists. */
  'letters.pdf': request(
    z.object({ selection: selectionSchema, form: formSchema.default('B') }).strict(),
    z.object({
      fileName: z.string(),
      data: z.string().nullable(),
      printed: z.int(),
      marked: z.int(),
      skipped: z.int(),
      operationId: z.int().nullable(),
      withoutAddress: z.array(listedContact),
      version: z.string(),
    }),
  ),
};
