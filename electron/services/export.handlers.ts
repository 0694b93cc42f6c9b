import type { exportRequests } from '../../shared/contract/export';
import { consentedContactsFile } from './export';
import type { HandlerMap } from './handler-types';

export const exportHandlers: HandlerMap<typeof exportRequests> = {
  'export.consented': (ctx) => consentedContactsFile(ctx),
};
