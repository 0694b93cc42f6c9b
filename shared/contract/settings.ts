// The `settings.*` requests. Handlers: electron/services/settings.handlers.ts, which calls the service(s) it imports.
import { z } from 'zod';
import { settingsPatchSchema, settingsSchema } from '../model/settings';
import { readRequest, request } from './define';

export const settingsRequests = {
  'settings.get': readRequest(z.object({}).strict(), settingsSchema),
  /** Changes only the fields given and returns the settings as now stored. */
  'settings.update': request(settingsPatchSchema, settingsSchema),
};
