// The `dashboard.*` requests. Handlers: electron/services/dashboard.handlers.ts, which calls the service(s) it imports.
import { z } from 'zod';
import { dashboardSchema } from '../model/tracking';
import { readRequest } from './define';

export const dashboardRequests = {
  /** The overview: how many contacts stand where, per target, and over time. */
  'dashboard.get': readRequest(z.object({}).strict(), dashboardSchema),
};
