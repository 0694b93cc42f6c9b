import type { profileRequests } from '../../shared/contract/profile';
import type { HandlerMap } from './handler-types';
import { profileView, saveProfile } from './profile';

export const profileHandlers: HandlerMap<typeof profileRequests> = {
  'profile.get': (ctx) => profileView(ctx),
  'profile.update': (ctx, patch) => saveProfile(ctx, patch),
};
