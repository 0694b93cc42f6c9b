// The `app.*` requests. Handlers: electron/services/app.handlers.ts, which calls the service(s) it imports.
import { z } from 'zod';
import { readRequest } from './define';

export const adapters = ['desktop', 'browser', 'cli'] as const;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** Which of the three adapters serves this session. */
  adapter: z.enum(adapters),
  databasePath: z.string(),
  schemaVersion: z.int(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

const noInput = z.object({}).strict();

export const appRequests = {
  'app.info': readRequest(noInput, appInfoSchema),
};
