// The `templates.*` requests. Handlers: electron/services/templates.handlers.ts, which calls the service(s) it imports.
import { z } from 'zod';
import { templateChannels } from '../invitations/templates';
import { readRequest, request } from './define';

const templateSchema = z.object({ subject: z.string().max(300), body: z.string().min(1).max(5000) }).strict();
const templateKey = {
  language: z.enum(['de', 'en']),
  formal: z.boolean(),
  kind: z.enum(['switch', 'consent', 'phone_email']),
  channel: z.enum(templateChannels),
};
const channelsSchema = z.object({ whatsapp: templateSchema, sms: templateSchema, email: templateSchema, letter: templateSchema });
const toneSchema = z.object({ switch: channelsSchema, consent: channelsSchema, phone_email: channelsSchema });
const catalogueSchema = z.object({
  de: z.object({ formal: toneSchema, informal: toneSchema }),
  en: z.object({ formal: toneSchema, informal: toneSchema }),
});

export const templateRequests = {
  'templates.get': readRequest(z.object({}).strict(), catalogueSchema),
  /** Stores one invitation text; refused while it has placeholders that do not exist. */
  'templates.save': request(z.object({ ...templateKey, template: templateSchema }).strict(), catalogueSchema),
  'templates.reset': request(z.object(templateKey).strict(), catalogueSchema),
  /** A draft text filled in for a real contact; unknown placeholders are listed instead. */
  'templates.preview': readRequest(
    z.object({ contactId: z.int().positive(), language: templateKey.language, formal: z.boolean(), template: templateSchema }).strict(),
    z.object({ subject: z.string(), text: z.string(), unknown: z.array(z.string()) }),
  ),
};
