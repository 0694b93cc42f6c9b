import type { appRequests } from '../../shared/contract/app';
import { appInfo } from './app';
import type { HandlerMap } from './handler-types';

export const appHandlers: HandlerMap<typeof appRequests> = {
  'app.info': (ctx) => appInfo(ctx),
};
