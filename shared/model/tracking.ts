import { z } from 'zod';
import { checklistItems } from './phones';

/**
 * Where each contact stands on the way off WhatsApp. The way is one of:
 *   new → invited → switched                              (moves to a GDPR-friendly messenger)
 *   new → consent requested → consent given | refused    (stays on WhatsApp, with written consent)
 *   … → phone and e-mail only                             (no messenger at all)
 * Consent once given can be withdrawn; after a refusal or a withdrawal the office can invite again.
 */
export const stages = [
  'new',
  'invited',
  'switched',
  'consent_requested',
  'consent_given',
  'consent_refused',
  'consent_withdrawn',
  'phone_email_only',
] as const;
export type Stage = (typeof stages)[number];
export const stageSchema = z.enum(stages);

/** Every allowed step; anything else is refused with a message. */
export const transitions: Record<Stage, readonly Stage[]> = {
  // "switched" straight from new: the contact was on the messenger already (channel "already_there").
  new: ['invited', 'switched', 'consent_requested', 'consent_given', 'phone_email_only'],
  // Invited again (another channel, a reminder) stays allowed.
  invited: ['invited', 'switched', 'consent_requested', 'consent_given', 'phone_email_only'],
  switched: ['phone_email_only'],
  // A letter can be sent again; consent may also come in person or by e-mail.
  consent_requested: ['consent_requested', 'consent_given', 'consent_refused', 'invited', 'switched', 'phone_email_only'],
  consent_given: ['consent_withdrawn'],
  consent_refused: ['invited', 'switched', 'consent_requested', 'consent_given', 'phone_email_only'],
  consent_withdrawn: ['invited', 'switched', 'consent_requested', 'consent_given', 'phone_email_only'],
  phone_email_only: ['invited', 'switched', 'consent_requested'],
};

/**
 * Stages reached only through the consent form, never by setting the stage alone: a consent is
 * recorded with its purposes, date, text version and proof; a withdrawal with its purposes and date.
 */
const stagesRecordedByForm: readonly Stage[] = ['consent_given', 'consent_withdrawn'];
export const recordedByForm = (stage: Stage): boolean => stagesRecordedByForm.includes(stage);

export const canTransition = (from: Stage, to: Stage): boolean => transitions[from].includes(to);

/** Stages at which the way is finished: nothing left for the office to do. */
export const finishedStages: readonly Stage[] = ['switched', 'consent_given', 'phone_email_only'];

/** What the contact should use in future. */
export const targets = ['signal', 'threema', 'wire', 'element', 'ginlo', 'whatsapp_consent', 'phone_email'] as const;
export type Target = (typeof targets)[number];
export const targetSchema = z.enum(targets);

export const messengers = ['signal', 'threema', 'wire', 'element', 'ginlo'] as const;
export type Messenger = (typeof messengers)[number];
export const messengerSchema = z.enum(messengers);

/**
 * How a contact was reached: the channels an invitation can go out by, and `already_there` for a
 * contact who was on the messenger before anyone asked (switched without an invitation).
 */
export const invitationChannels = ['whatsapp', 'sms', 'email', 'letter', 'phone', 'in_person', 'already_there'] as const;
/** The channels an invitation can really be sent or made by (not "already there"). */
export const sendingChannels = invitationChannels.filter((channel) => channel !== 'already_there');
export const invitationChannelSchema = z.enum(invitationChannels);
export type InvitationChannel = z.infer<typeof invitationChannelSchema>;

/** What a contact may consent to, each with a tick box of its own (advertising never bundled). */
export const purposes = ['appointments', 'site_photos', 'quotes_invoices', 'advertising'] as const;
export type Purpose = (typeof purposes)[number];
export const purposeSchema = z.enum(purposes);

export const consentMethods = ['signed_letter', 'email', 'in_person', 'phone'] as const;
export const consentMethodSchema = z.enum(consentMethods);
export type ConsentMethod = (typeof consentMethods)[number];

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
