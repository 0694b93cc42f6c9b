import { z } from 'zod';
import { contactLanguageSchema, contactListInputSchema, contactPageSchema, contactSchema, selectionSchema } from '../model/contact';
import { contactEditSchema } from '../model/contact-edit';
import { consentMethodSchema, consentSchema, dashboardSchema, historyEntrySchema, isoDateSchema, purposeSchema, stageChangeInputSchema, stageSchema, targetSchema } from '../model/tracking';
import { readRequest, request } from './define';

const id = z.int().positive();

export const contactDetailSchema = z.object({
  contact: contactSchema,
  consents: z.array(consentSchema),
  history: z.array(historyEntrySchema),
  duplicates: z.array(z.object({ id: z.int(), displayName: z.string(), mobile: z.string().nullable() })),
  /** The stages this contact may move to next (the buttons of the detail view). */
  nextStages: z.array(stageSchema),
});
export type ContactDetailView = z.infer<typeof contactDetailSchema>;

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

const bulkResultSchema = z.object({ operationId: z.int(), changed: z.int(), skipped: z.int(), skippedReasons: z.array(z.string()) });

export const contactRequests = {
  'contacts.count': readRequest(z.object({}).strict(), z.object({ total: z.int().min(0) })),
  /** One page of the contact table: filtered, searched, sorted. */
  'contacts.list': readRequest(contactListInputSchema, contactPageSchema),
  'contacts.get': readRequest(z.object({ id }).strict(), contactDetailSchema),
  'contacts.update': request(z.object({ id, edit: contactEditSchema }).strict(), contactSchema),
  'contacts.setStage': request(z.object({ id, change: stageChangeInputSchema }).strict(), contactSchema),
  'contacts.setTarget': request(z.object({ id, target: targetSchema.nullable(), messengerId: z.string().trim().max(200).nullable().optional() }).strict(), contactSchema),
  'contacts.tags': readRequest(z.object({}).strict(), z.array(z.string())),
  /** Several contacts at once; returns the operation to undo it with. */
  'contacts.bulk': request(
    z.object({ selection: selectionSchema, action: bulkActionSchema }).strict(),
    bulkResultSchema,
  ),
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
  'consents.withdraw': request(z.object({ contactId: id, purposes: z.array(purposeSchema).min(1).max(4).optional(), date: isoDateSchema }).strict(), contactSchema),
  'evidence.get': readRequest(z.object({ id }).strict(), z.object({ fileName: z.string(), mime: z.string(), data: z.string() })),
  'dashboard.get': readRequest(z.object({}).strict(), dashboardSchema),
};
