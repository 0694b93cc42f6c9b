import { emptyProfile, profileSchema, type Profile } from '../../shared/model/profile';
import type { ServiceContext } from './context';

const PROFILE_KEY = 'profile';

/** The business profile as stored (in the settings table), over the empty defaults. */
export function getProfile(ctx: ServiceContext): Profile {
  const stored = ctx.repos.settings.readAll()[PROFILE_KEY];
  const parsed = profileSchema.partial().safeParse(stored ?? {});
  return { ...emptyProfile, ...(parsed.success ? parsed.data : {}) };
}

/** Replaces the fields given (the rest keep their values) and returns the profile as now stored. */
export function updateProfile(ctx: ServiceContext, patch: Partial<Profile>): Profile {
  const next = profileSchema.parse({ ...getProfile(ctx), ...patch });
  ctx.repos.settings.writeMany({ [PROFILE_KEY]: next });
  return next;
}
