// The `invitations.*` requests. Handlers: electron/services/invitations.handlers.ts, which calls the service(s) it imports.
import { z } from 'zod';
import { contactLanguageSchema, selectionSchema } from '../model/contact';
import { messengerSchema, messengers, targetSchema } from '../model/tracking';
import { readRequest } from './define';
import { noMessagingReasons } from '../invitations/invitation';

/** See shared/invitations/invitation.ts Invitation for what each field means. */
export const invitationSchema = z.object({
  id: z.int(),
  language: contactLanguageSchema,
  formal: z.boolean(),
  channel: z.enum(['whatsapp', 'sms', 'email', 'letter']),
  subject: z.string(),
  text: z.string(),
  /** The text for each channel (an SMS is shorter, an e-mail has a closing). */
  texts: z.object({ whatsapp: z.string(), sms: z.string(), email: z.string(), letter: z.string() }),
  links: z.object({
    whatsapp: z.string().nullable(),
    sms: z.string().nullable(),
    messenger: z.string().nullable(),
    mailto: z.string().nullable(),
  }),
  target: targetSchema.nullable(),
  /** No target yet: the office chooses one first (suggestedTarget offered); until then the texts are empty. */
  needsTarget: z.boolean(),
  suggestedTarget: messengerSchema.nullable(),
  /** Profile fields the texts need but that are empty ("name", "representative", "messengers.signal"): nothing to send until filled. */
  missingProfile: z.array(z.enum(['name', 'representative', ...messengers.map((m) => `messengers.${m}` as const)])),
  /** Why no WhatsApp and no SMS (only landlines, only invalid numbers, no number), with the numbers as stored. */
  noMessaging: z.object({ reason: z.enum(noMessagingReasons), numbers: z.array(z.string()) }).nullable(),
});

export const invitationRequests = {
  /**
   * A contact's personalised invitation with the links that send it in one tap. `target`: for a
   * contact without one, the target the office chose for this invitation (stored once it is recorded).
   */
  'invitations.forContact': readRequest(z.object({ id: z.int().positive(), target: targetSchema.optional() }).strict(), invitationSchema),
  /** The contacts of a selection, in table order, for the guided run (one at a time). */
  'invitations.queue': readRequest(z.object({ selection: selectionSchema }).strict(), z.object({ ids: z.array(z.int()) })),
};
