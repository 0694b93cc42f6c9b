// The `evidence.*` requests. Handlers: electron/services/evidence.handlers.ts, which calls the service(s) it imports.
import { z } from 'zod';
import { readRequest } from './define';

const id = z.int().positive();

export const evidenceRequests = {
  /** The scan a consent was recorded with (base64), to show or save it. */
  'evidence.get': readRequest(z.object({ id }).strict(), z.object({ fileName: z.string(), mime: z.string(), data: z.string() })),
};
