// The `export.*` requests. Handlers: electron/services/export.handlers.ts, which calls the service(s) it imports.
import { z } from 'zod';
import { readRequest } from './define';

export const exportRequests = {
  /** The contacts with a valid WhatsApp consent as a vCard file (base64), for the business phone's address book. */
  'export.consented': readRequest(z.object({}).strict(), z.object({ fileName: z.string(), data: z.string(), count: z.int() })),
};
