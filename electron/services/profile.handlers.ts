import type { profileRequests } from '../../shared/contract/profile';
import { missingProfileFields } from '../../shared/model/profile';
import type { HandlerMap } from './handler-types';
import { getProfile, updateProfile } from './profile';

export const profileHandlers: HandlerMap<typeof profileRequests> = {
  'profile.get': (ctx) => {
    const profile = getProfile(ctx);
    return { profile, missing: missingProfileFields(profile) };
  },
  'profile.update': (ctx, patch) => {
    const profile = updateProfile(ctx, patch);
    return { profile, missing: missingProfileFields(profile) };
  },
};
