import type { dashboardRequests } from '../../shared/contract/dashboard';
import { dashboard } from './dashboard';
import type { HandlerMap } from './handler-types';

export const dashboardHandlers: HandlerMap<typeof dashboardRequests> = {
  'dashboard.get': (ctx) => dashboard(ctx),
};
