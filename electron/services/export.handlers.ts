import type { exportRequests } from '../../shared/contract/export';
import { consentedContactsFile, contactListFile } from './export';
import type { HandlerMap } from './handler-types';

export const exportHandlers: HandlerMap<typeof exportRequests> = {
  'export.consented': (ctx) => consentedContactsFile(ctx),
  'export.contacts': (ctx, input) => contactListFile(ctx, input),
};
