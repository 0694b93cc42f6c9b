import { translate } from '../../shared/i18n';
import type { RequestOutput } from '../../shared/contract';
import { emptyProfile, missingProfileFields, profileSchema, type Profile } from '../../shared/model/profile';
import { checkedFieldLabels, checkedProfileFields, checkProfile, type ProfileCheck } from '../../shared/model/profile-checks';
import type { Language } from '../../shared/model/settings';
import type { ServiceContext } from './context';
import { AppError } from '../db/errors';
import { messageLanguage } from './settings';

const PROFILE_KEY = 'profile';

/** The business profile as stored (in the settings table), over the empty defaults. */
export function getProfile(ctx: ServiceContext): Profile {
  const stored = ctx.repos.settings.readAll()[PROFILE_KEY];
  const parsed = profileSchema.partial().safeParse(stored ?? {});
  return { ...emptyProfile, ...(parsed.success ? parsed.data : {}) };
}

/** Every problem as "Feld „PLZ“: …", in the order of the form. */
function describeProblems(language: Language, problems: ProfileCheck['problems']): string {
  return checkedProfileFields
    .flatMap((field) => {
      const problem = problems[field];
      return problem
        ? [
            translate(language, 'errors.field', {
              field: translate(language, checkedFieldLabels[field]),
              problem: translate(language, problem),
            }),
          ]
        : [];
    })
    .join(' ');
}

/**
 * Replaces the fields given (the rest keep their values) and returns the profile as now stored. The
 * whole profile is checked (shared/model/profile-checks.ts): with a problem nothing is stored.
 */
export function updateProfile(ctx: ServiceContext, patch: Partial<Profile>): Profile {
  const { profile, problems } = checkProfile(profileSchema.parse({ ...getProfile(ctx), ...patch }));
  if (Object.keys(problems).length > 0) {
    throw new AppError('invalid_input', 'profile.errors.checks', { problems: describeProblems(messageLanguage(ctx), problems) });
  }
  ctx.repos.settings.writeMany({ [PROFILE_KEY]: profile });
  return profile;
}

type ProfileView = RequestOutput<'profile.get'>;

/** The profile with the mandatory fields still empty: letters are refused until there are none. */
export function profileView(ctx: ServiceContext): ProfileView {
  const profile = getProfile(ctx);
  return { profile, missing: missingProfileFields(profile) };
}

/** Stores the fields given (see updateProfile) and answers as profileView does. */
export function saveProfile(ctx: ServiceContext, patch: Partial<Profile>): ProfileView {
  const profile = updateProfile(ctx, patch);
  return { profile, missing: missingProfileFields(profile) };
}
