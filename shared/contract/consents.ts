// The `consents.*` requests. Handlers: electron/services/consents.handlers.ts, which calls the service(s) it imports.
import { z } from 'zod';
import { contactSchema, selectionSchema } from '../model/contact';
import { consentMethodSchema, isoDateSchema, purposeSchema } from '../model/tracking';
import { bulkResultSchema } from './contacts';
import { readRequest, request } from './define';

const id = z.int().positive();

/** A scan of the signed form (PDF, JPEG or PNG, at most 20 MB, base64), or the stated reason why there is none. */
const consentEvidenceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('scan'), fileName: z.string().min(1).max(255), data: z.string().min(1).max(28_000_000) }).strict(),
  z.object({ kind: z.literal('note'), note: z.string().trim().min(3).max(1000) }).strict(),
]);

/** What the consent form records: purposes, day, text version (left out: the last letter's), how, and the proof. */
const consentFormFields = {
  purposes: z.array(purposeSchema).min(1).max(4),
  givenAt: isoDateSchema,
  textVersion: z.string().trim().min(1).max(100).nullable().optional(),
  method: consentMethodSchema,
  evidence: consentEvidenceSchema,
};

export const consentRequests = {
  /** What the consent form needs for a selection (one contact or many): who can consent, the text versions. */
  'consents.prepare': readRequest(
    z.object({ selection: selectionSchema }).strict(),
    z.object({
      count: z.int(),
      possible: z.int(),
      refused: z.array(z.string()),
      employees: z.int(),
      letterVersions: z.array(z.object({ version: z.string().nullable(), count: z.int() })),
      currentVersion: z.string(),
    }),
  ),
  /** A consent with its proof: a scan of the signed form, or the stated reason why there is none. */
  'consents.record': request(z.object({ contactId: id, ...consentFormFields }).strict(), contactSchema),
  /** The same consent for several contacts (the bulk menu); one operation, undone as a whole. */
  'consents.recordMany': request(z.object({ selection: selectionSchema, ...consentFormFields }).strict(), bulkResultSchema),
  'consents.withdraw': request(
    z.object({ contactId: id, purposes: z.array(purposeSchema).min(1).max(4).optional(), date: isoDateSchema }).strict(),
    contactSchema,
  ),
};
