import type { scanRequests } from '../../shared/contract/scans';
import type { HandlerMap } from './handler-types';
import { checkTypedCode, proposeForPages, recordReturnedForm } from './return-forms';

export const scanHandlers: HandlerMap<typeof scanRequests> = {
  'scans.propose': (ctx, { pages }) => proposeForPages(ctx, pages),
  'scans.checkCode': (ctx, { code }) => checkTypedCode(ctx, code),
  'scans.record': (ctx, input) => recordReturnedForm(ctx, input),
};
