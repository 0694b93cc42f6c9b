// The `contacts.*` requests. Handlers: electron/services/contacts.handlers.ts, which calls the service(s) it imports.
import { z } from 'zod';
import { contactLanguageSchema, contactListInputSchema, contactPageSchema, contactSchema, selectionSchema } from '../model/contact';
import { contactEditSchema } from '../model/contact-edit-schema';
import { consentSchema, historyEntrySchema, stageChangeInputSchema, stageSchema, targetSchema } from '../model/tracking';
import { readRequest, request } from './define';

const id = z.int().positive();

export const contactDetailSchema = z.object({
  contact: contactSchema,
  consents: z.array(consentSchema),
  history: z.array(historyEntrySchema),
  duplicates: z.array(z.object({ id: z.int(), displayName: z.string(), mobile: z.string().nullable() })),
  /** The stages this contact may move to next (the buttons of the detail view). */
  nextStages: z.array(stageSchema),
  /** The contact's numbers as the office reads them (German ones national, others international), in order. */
  numbersShown: z.array(z.string()),
});
export type ContactDetailView = z.infer<typeof contactDetailSchema>;

/** A contact in the list that a new one likely is: the same number, e-mail address or name. */
export const likelyDuplicateSchema = z.object({
  id: z.int(),
  displayName: z.string(),
  organization: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  reason: z.enum(['phone', 'email', 'name']),
});
export type LikelyDuplicate = z.infer<typeof likelyDuplicateSchema>;

/** A contact in the bin: when it was deleted, and the day from which it is erased for good. */
export const binContactSchema = z.object({
  id: z.int(),
  displayName: z.string(),
  organization: z.string().nullable(),
  deletedAt: z.string(),
  /** The contact it was merged into (its name then), when a merge put it in the bin: restoring it makes a second record of that person. */
  mergedInto: z.string().nullable(),
  /** The office's local day (YYYY-MM-DD) from which the contact is erased, 30 days after its deletion. */
  purgeOn: z.string(),
});
export type BinContact = z.infer<typeof binContactSchema>;

export const bulkActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('setStage'), change: stageChangeInputSchema }).strict(),
  z.object({ kind: z.literal('setTarget'), target: targetSchema.nullable() }).strict(),
  z.object({ kind: z.literal('setLanguage'), language: contactLanguageSchema }).strict(),
  /** Sie (true), Du (false), or the rule by kind (null). */
  z.object({ kind: z.literal('setFormal'), formal: z.boolean().nullable() }).strict(),
  z.object({ kind: z.literal('addTag'), tag: z.string().trim().min(1).max(50) }).strict(),
  z.object({ kind: z.literal('removeTag'), tag: z.string().trim().min(1).max(50) }).strict(),
  z.object({ kind: z.literal('delete') }).strict(),
]);
export type BulkActionInput = z.infer<typeof bulkActionSchema>;

export const bulkResultSchema = z.object({ operationId: z.int(), changed: z.int(), skipped: z.int(), skippedReasons: z.array(z.string()) });

export const contactRequests = {
  'contacts.count': readRequest(z.object({}).strict(), z.object({ total: z.int().min(0) })),
  /** One page of the contact table: filtered, searched, sorted. */
  'contacts.list': readRequest(contactListInputSchema, contactPageSchema),
  'contacts.get': readRequest(z.object({ id }).strict(), contactDetailSchema),
  'contacts.update': request(z.object({ id, edit: contactEditSchema }).strict(), contactSchema),
  'contacts.setStage': request(z.object({ id, change: stageChangeInputSchema }).strict(), contactSchema),
  'contacts.setTarget': request(
    z.object({ id, target: targetSchema.nullable(), messengerId: z.string().trim().max(200).nullable().optional() }).strict(),
    contactSchema,
  ),
  'contacts.tags': readRequest(z.object({}).strict(), z.array(z.string())),
  /** Several contacts at once; returns the operation to undo it with. */
  'contacts.bulk': request(z.object({ selection: selectionSchema, action: bulkActionSchema }).strict(), bulkResultSchema),
  /** The steps a selection can take: for each, how many can take it and why the others cannot. */
  'contacts.stageOptions': readRequest(
    z.object({ selection: selectionSchema }).strict(),
    z.object({ count: z.int(), steps: z.array(z.object({ stage: stageSchema, possible: z.int(), refused: z.array(z.string()) })) }),
  ),
  'contacts.undoBulk': request(z.object({ operationId: id }).strict(), z.object({ restored: z.int(), keptBecauseChanged: z.int() })),
  'contacts.merge': request(z.object({ keepId: id, otherId: id }).strict(), contactSchema),
  /** "Different people": the pair is kept apart for good (every import and suggestion respects it). */
  'contacts.keepApart': request(z.object({ id, otherId: id }).strict(), z.object({})),
  'contacts.undoKeepApart': request(z.object({ id, otherId: id }).strict(), z.object({})),
  /**
   * "Neuer Kontakt": created unless it likely is a contact already in the list; then nothing is
   * written and `contact` is null, with the matches, until `evenIfDuplicate` says to create it anyway
   * (the pairs are then offered as possible duplicates, as an import does).
   */
  'contacts.create': request(
    z.object({ edit: contactEditSchema, evenIfDuplicate: z.boolean().optional() }).strict(),
    z.object({ contact: contactSchema.nullable(), duplicates: z.array(likelyDuplicateSchema) }),
  ),
  /** The bin (Papierkorb): how many contacts lie in it, and the most recently deleted (at most `limit`; 0 for the count alone). */
  'contacts.deleted': readRequest(
    z.object({ limit: z.int().min(0).max(1000).default(1000) }).strict(),
    /** `keptDays`: how long the bin keeps a contact before it is erased. */
    z.object({ total: z.int().min(0), keptDays: z.int().positive(), contacts: z.array(binContactSchema) }),
  ),
  /** Brings one contact back from the bin into the list. */
  'contacts.restore': request(z.object({ id }).strict(), contactSchema),
  /** Erases a contact in the bin at once, for good ("Endgültig löschen"). */
  'contacts.eraseFromBin': request(
    z.object({ id }).strict(),
    z.object({ id: z.int(), erasedOn: z.string(), alsoErased: z.array(z.int()), scrubbed: z.boolean() }),
  ),
  /**
   * "Auskunft" (GDPR Art. 15): everything stored about the contact, as a PDF to hand over or as the
   * same data in JSON (shared/access-report/schema.ts); the file's bytes in base64. Recorded: in the
   * person's history, and counted for the accountability report.
   */
  'contacts.accessReport': request(
    z.object({ id, format: z.enum(['pdf', 'json']) }).strict(),
    z.object({ fileName: z.string(), mime: z.string(), data: z.string() }),
  ),
  /**
   * "Löschen auf Verlangen" (GDPR Art. 17): erases the contact at once, for good, also from the bin.
   * keepWithdrawnEvidence: the scans of withdrawn consents are kept, detached from the person, until
   * the limitation period ends (services/erasure.ts); else they go with everything else.
   */
  'contacts.erase': request(
    z.object({ id, keepWithdrawnEvidence: z.boolean() }).strict(),
    z.object({
      id: z.int(),
      erasedOn: z.string(),
      alsoErased: z.array(z.int()),
      scrubbed: z.boolean(),
      keptEvidence: z.array(z.object({ id: z.int(), keepUntil: z.string() })),
    }),
  ),
};
