// The consent form's filled-in words, shared by the letter (consent-letter.ts) and the wording a text
// version keeps for the accountability report (consent-text-version.ts), so both say the same.
import type { Profile } from '../model/profile';
import { messengers } from '../model/tracking';
import { messengerNames } from '../messengers/catalogue';
import type { ConsentText } from './consent-text-de';
import { controllerName } from './din-letter';

/** A text's {{placeholders}} filled in; one without a value becomes empty. */
export const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');

/** A text from the profile as a sentence of the form: with its full stop. */
export const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** Phone, e-mail and the messengers offered, as a list: "Telefon, E-Mail, Signal oder Threema". */
export function channelList(profile: Pick<Profile, 'messengers'>, t: ConsentText): string {
  const offered = messengers.filter((m) => profile.messengers[m]).map((m) => messengerNames[m]);
  const channels = [...t.channels, ...offered];
  return `${channels.slice(0, -1).join(', ')} ${t.or} ${channels.at(-1)}`;
}

/** The controller as the form names it: business, representative, address, phone and e-mail on one line. */
export const controllerLine = (profile: Profile, t: ConsentText): string =>
  [
    controllerName(profile),
    `${t.representedBy} ${profile.representative}`,
    profile.street,
    `${profile.postalCode} ${profile.city}`,
    `Tel. ${profile.phone}`,
    profile.email,
  ].join(', ');

/** The data protection officer's line, or null where none is appointed. */
export const dpoLine = (profile: Pick<Profile, 'dpo'>, t: ConsentText): string | null =>
  profile.dpo?.name ? fill(t.dpo, { dpo: [profile.dpo.name, profile.dpo.address, profile.dpo.email].filter(Boolean).join(', ') }) : null;
