import { z } from 'zod';
import { contactListInputSchema, contactPageSchema } from '../model/contact';
import { request } from './define';

export const contactRequests = {
  'contacts.count': request(z.object({}).strict(), z.object({ total: z.int().min(0) })),
  'contacts.list': request(contactListInputSchema, contactPageSchema),
};
