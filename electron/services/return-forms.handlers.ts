import type { returnFormRequests } from '../../shared/contract/return-forms';
import type { HandlerMap } from './handler-types';
import { checkTypedCode, proposeForPages, recordReturnedForm } from './return-forms';

export const returnFormHandlers: HandlerMap<typeof returnFormRequests> = {
  'returnForms.propose': (ctx, { pages }) => proposeForPages(ctx, pages),
  'returnForms.checkCode': (ctx, { code }) => checkTypedCode(ctx, code),
  'returnForms.record': (ctx, input) => recordReturnedForm(ctx, input),
};
