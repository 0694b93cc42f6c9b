import { z } from 'zod';
import { request } from './define';

export const invitationSchema = z.object({
  id: z.int(),
  channel: z.enum(['whatsapp', 'sms', 'email', 'letter']),
  subject: z.string(),
  text: z.string(),
  links: z.object({ whatsapp: z.string().nullable(), sms: z.string().nullable(), messenger: z.string().nullable(), mailto: z.string().nullable() }),
});

export const invitationRequests = {
  /** A contact's personalised invitation with the links that send it in one tap. */
  'invitations.forContact': request(z.object({ id: z.int().positive() }).strict(), invitationSchema),
};
