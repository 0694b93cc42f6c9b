import { z } from 'zod';
import { checklistItems } from './phones';
import { consentMethods, invitationChannels, messengers, purposes, stages, targets } from './tracking-terms';

export * from './tracking-terms';

export const stageSchema = z.enum(stages);
export const targetSchema = z.enum(targets);
export const messengerSchema = z.enum(messengers);
export const invitationChannelSchema = z.enum(invitationChannels);
export const purposeSchema = z.enum(purposes);
export const consentMethodSchema = z.enum(consentMethods);

/** A date as the UI and the files use it: YYYY-MM-DD. */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const consentSchema = z.object({
  id: z.int(),
  purpose: purposeSchema,
  givenAt: z.string(),
  textVersion: z.string(),
  method: consentMethodSchema,
  evidence: z.object({ id: z.int(), fileName: z.string(), mime: z.string(), size: z.int() }).nullable(),
  /** Without a scan: the stated reason ("mündlich am Telefon, Notiz"); the signed form is then missing. */
  evidenceNote: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  recordedAt: z.string(),
});
export type Consent = z.infer<typeof consentSchema>;

/** One line of a contact's timeline, already in words for the user. */
export const historyEntrySchema = z.object({
  at: z.string(),
  kind: z.string(),
  /** What happened, in the user's language ("Stand: Neu → Eingeladen (WhatsApp)"). */
  text: z.string(),
  changes: z.array(z.object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
});
export type HistoryEntryView = z.infer<typeof historyEntrySchema>;

export const stageChangeInputSchema = z
  .object({
    stage: stageSchema,
    /** invited: how the invitation went out. */
    channel: invitationChannelSchema.optional(),
    /** switched: to which messenger. */
    messenger: messengerSchema.optional(),
    /** invited: the target the invitation asks for, stored with it (for a contact without one). */
    target: targetSchema.optional(),
    /** The day it happened (default today). */
    date: isoDateSchema.optional(),
    /** consent requested: the version of the letter's text. */
    letterVersion: z.string().min(1).max(100).optional(),
  })
  .strict();
export type StageChange = z.infer<typeof stageChangeInputSchema>;

export const dashboardSchema = z.object({
  total: z.int(),
  byStage: z.record(stageSchema, z.int()),
  byTarget: z.record(z.enum([...targets, 'none']), z.int()),
  /** Contacts with a valid WhatsApp consent (the one definition the filter and the phone export use too). */
  consented: z.int(),
  /**
   * Per week (its Monday): how many contacts had finished their way (switched, consent given,
   * phone/e-mail only) and how many had started it (left "new") by the end of that week.
   */
  progress: z.array(z.object({ week: z.string(), finished: z.int(), started: z.int() })),
  next: z.object({
    notInvited: z.int(),
    invitationOverdue: z.int(),
    letterOverdue: z.int(),
    withdrawn: z.int(),
  }),
  reminders: z.object({ invitationDays: z.int(), letterDays: z.int() }),
  /** Business phones in use, and the checklist items due on each (never checked, or over 6 months ago). */
  phones: z.int(),
  phonesDue: z.array(z.object({ phoneId: z.int(), phone: z.string(), items: z.array(z.enum(checklistItems)) })),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

/**
 * Every kind of entry a contact's history (Verlauf) holds, in one place: the timeline has words for
 * each (tracking.history.<kind>), and a test writes one of each and reads them back.
 */
export const historyKinds = [
  'stage',
  'target',
  'fields',
  'consent',
  'consent_withdrawn',
  'tags',
  'deleted',
  'restored',
  'undo',
  'merge',
  'keptApart',
  'keptApartUndone',
  'consentWithoutProof',
  'created',
  'importCreated',
  'importUpdated',
  'erased',
  /** The proof of a withdrawn consent kept after the erasure was erased in turn, its period over. */
  'evidenceErased',
  /** An access report (Auskunft, GDPR Art. 15) was produced for the person. */
  'accessReport',
] as const;
