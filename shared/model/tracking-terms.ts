/**
 * The words of tracking as plain values: stages and their allowed steps, targets, messengers,
 * channels, purposes, consent methods. Without zod, so the renderer's first download stays small
 * (issue 20); shared/model/tracking.ts adds the schemas and re-exports these.
 */

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

export const messengers = ['signal', 'threema', 'wire', 'element', 'ginlo'] as const;
export type Messenger = (typeof messengers)[number];

/**
 * How a contact was reached: the channels an invitation can go out by, and `already_there` for a
 * contact who was on the messenger before anyone asked (switched without an invitation).
 */
export const invitationChannels = ['whatsapp', 'sms', 'email', 'letter', 'phone', 'in_person', 'already_there'] as const;
export type InvitationChannel = (typeof invitationChannels)[number];
/** The channels an invitation can really be sent or made by (not "already there"). */
export const sendingChannels = invitationChannels.filter((channel) => channel !== 'already_there');

/** What a contact may consent to, each with a tick box of its own (advertising never bundled). */
export const purposes = ['appointments', 'site_photos', 'quotes_invoices', 'advertising'] as const;
export type Purpose = (typeof purposes)[number];

export const consentMethods = ['signed_letter', 'email', 'in_person', 'phone'] as const;
export type ConsentMethod = (typeof consentMethods)[number];
