import { z } from 'zod';
import { contactSchema } from '../model/contact';
import { importFormats } from '../model/import';
import { postalContactSchema } from '../model/profile';
import { languageSchema } from '../model/settings';
import { consentSchema, historyEntrySchema } from '../model/tracking';

/**
 * A contact's access report (GDPR Art. 15): everything stored about the person and the information
 * Art. 15(1) and (2) require. One object, given as JSON (the machine-readable copy) and rendered as
 * the PDF (render.ts), so the two cannot say different things. Strict: a key this schema does not
 * know cannot slip into the JSON unseen.
 */
export const accessReportSchema = z
  .object({
    kind: z.literal('umzugshelfer.accessReport'),
    version: z.literal(1),
    /** When the report was made (ISO moment). */
    createdAt: z.string(),
    /** The language of its texts (the settings'). */
    language: languageSchema,
    /** The business as the controller (the profile). */
    controller: z
      .object({
        name: z.string(),
        representative: z.string(),
        street: z.string(),
        postalCode: z.string(),
        city: z.string(),
        phone: z.string(),
        email: z.string(),
        privacyUrl: z.string(),
        dpo: postalContactSchema.nullable(),
      })
      .strict(),
    /** Every field of the contact, its numbers, e-mails and addresses, stage and target. */
    contact: contactSchema.strict(),
    /**
     * Earlier records of the same person merged into this contact and still in the bin: stored data
     * too, until the bin's purge erases them (`erasedBy`, the day).
     */
    mergedRecords: z.array(z.object({ contact: contactSchema.strict(), deletedAt: z.string(), erasedBy: z.string() }).strict()),
    /** Every consent with its text version and its proof (a scan, or the reason there is none). */
    consents: z.array(consentSchema.strict()),
    /** The scans kept as proof, with their checksum (the scans themselves on request). */
    evidence: z.array(
      z.object({ id: z.int(), fileName: z.string(), mime: z.string(), size: z.int(), sha256: z.string(), uploadedAt: z.string() }).strict(),
    ),
    /** Every change, newest first, in words (as the contact's history shows it). */
    history: z.array(historyEntrySchema.strict()),
    /** The imported files that brought the contact or changed it: the source of the data (Art. 15(1)(g)). */
    imports: z.array(
      z
        .object({
          id: z.int(),
          fileName: z.string(),
          format: z.enum(importFormats),
          importedAt: z.string(),
          effect: z.enum(['created', 'updated']),
        })
        .strict(),
    ),
    /** Art. 15(1)(a)–(h) and (2), in sentences of the report's language. */
    information: z
      .object({
        purposes: z.array(z.string()),
        legalBases: z.array(z.string()),
        recipients: z.array(z.string()),
        storage: z.array(z.string()),
        rights: z.array(z.string()),
        source: z.array(z.string()),
        automatedDecisions: z.string(),
      })
      .strict(),
  })
  .strict();

export type AccessReport = z.infer<typeof accessReportSchema>;
