// The `letters.*` requests. Handlers: electron/services/letters.handlers.ts, which calls the service(s) it imports.
import { z } from 'zod';
import { selectionSchema } from '../model/contact';
import { pollRequest, readRequest, request } from './define';
import { letterKinds } from '../letters/din-letter';

const formSchema = z.enum(['A', 'B']);
/** Consent letters (with the form to sign) or invitations on paper. */
const kindSchema = z.enum(letterKinds).default('consent');
const listedContact = z.object({ id: z.int(), displayName: z.string() });
/** A contact whose way is decided: a valid WhatsApp consent, a refusal, or the switch to a messenger. */
const settledContact = listedContact.extend({ reason: z.enum(['consented', 'refused', 'switched']) });
/**
 * Consent letters also to the contacts who consented, refused or switched already ("Trotzdem alle
 * drucken"); by default they are left out and listed. Invitations on paper ignore it.
 */
const includeSettled = z.boolean().default(false);
const letterInput = z.object({ selection: selectionSchema, form: formSchema.default('B'), kind: kindSchema, includeSettled }).strict();

const letterResultSchema = z.object({
  fileName: z.string(),
  data: z.string().nullable(),
  printed: z.int(),
  marked: z.int(),
  skipped: z.int(),
  operationId: z.int().nullable(),
  withoutAddress: z.array(listedContact),
  /** Left out as settled (empty when they were included). */
  settled: z.array(settledContact),
  /** Consent letters: left out because their numbers are landlines only (WhatsApp cannot reach them). */
  landlineOnly: z.array(listedContact),
  version: z.string(),
});

export const letterRequests = {
  /**
   * The first letters of a selection as HTML, with how many have an address and how many will print (as
   * `includeSettled` says), what the profile lacks, and the settled contacts to ask about (consent letters).
   */
  'letters.preview': readRequest(
    letterInput,
    z.object({
      missing: z.array(z.string()),
      html: z.string(),
      total: z.int(),
      /** With a postal address. */
      printable: z.int(),
      /** Letters that will print: with an address, without the settled contacts unless included. */
      toPrint: z.int(),
      withoutAddress: z.array(listedContact),
      settled: z.array(settledContact),
      landlineOnly: z.array(listedContact),
      version: z.string(),
    }),
  ),
  /** The letters through the system print dialog (desktop app only); contacts marked once the job went to the printer. */
  'letters.printDialog': request(letterInput, letterResultSchema.omit({ fileName: true, data: true }).extend({ cancelled: z.boolean() })),
  /** Starts printing all letters of a selection as one PDF, part by part; see letters.status. */
  'letters.start': request(letterInput, z.object({ jobId: z.int() })),
  /**
   * How far the printing got; once done, the PDF (base64; null when nothing was to print). Nobody is
   * marked yet: the page confirms with letters.delivered once it has saved the file.
   */
  'letters.status': pollRequest(
    z.object({ jobId: z.int() }).strict(),
    z.object({
      state: z.enum(['running', 'done']),
      done: z.int(),
      total: z.int(),
      result: letterResultSchema.pick({ fileName: true, data: true }).nullable(),
    }),
  ),
  /**
   * The page saved the finished job's PDF (or handed it to the browser's download): the contacts are
   * marked "consent requested" (consent letters) or "invited" by letter (invitations), as one undoable
   * operation, and the job is forgotten. A job never confirmed marks nobody and expires. When the
   * marking fails, the job stays and this can be sent again.
   */
  'letters.delivered': request(z.object({ jobId: z.int() }).strict(), letterResultSchema.omit({ fileName: true, data: true })),
};
