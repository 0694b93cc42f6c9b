// The wording of the consent text version in use, kept where it is first used (a letter sent, a
// consent recorded), for the accountability report.
import { consentTextSnapshot, consentTextVersion } from '../../shared/letters/consent-text-version';
import type { Profile } from '../../shared/model/profile';
import type { ServiceContext } from './context';

/** Today's version id, its wording kept (once) in the caller's transaction. */
export function keepCurrentTextVersion(ctx: ServiceContext, profile: Profile): string {
  const version = consentTextVersion(profile);
  ctx.repos.consentTexts.keep(version, JSON.stringify(consentTextSnapshot(profile)));
  return version;
}
