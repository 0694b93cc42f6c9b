import { normalizePhone } from '../phone';
import { isEmailAddress } from '../email';
import type { Profile } from './profile';

/**
 * The fields of the business profile whose form matters to a letter or a link: a wrong postal code
 * sends the answer astray, a wrong Threema id makes a dead QR code. The names are paths in the profile.
 */
export const checkedProfileFields = [
  'name',
  'postalCode',
  'phone',
  'email',
  'dpo.email',
  'whatsappNumber',
  'messengers.signal',
  'messengers.threema',
  'messengers.element',
  'messengerTexts.signal',
  'messengerTexts.threema',
  'messengerTexts.wire',
  'messengerTexts.element',
  'messengerTexts.ginlo',
  'retention',
  'retentionEn',
] as const;
export type CheckedProfileField = (typeof checkedProfileFields)[number];

/** The catalogue key of each checked field's name, as the form labels it. */
export const checkedFieldLabels: Record<CheckedProfileField, string> = {
  name: 'profile.fields.name',
  postalCode: 'profile.fields.postalCode',
  phone: 'profile.fields.phone',
  email: 'profile.fields.email',
  'dpo.email': 'profile.fields.dpoEmail',
  whatsappNumber: 'profile.fields.whatsappNumber',
  'messengers.signal': 'tracking.targets.signal',
  'messengers.threema': 'tracking.targets.threema',
  'messengers.element': 'tracking.targets.element',
  'messengerTexts.signal': 'profile.messengerTextFields.signal',
  'messengerTexts.threema': 'profile.messengerTextFields.threema',
  'messengerTexts.wire': 'profile.messengerTextFields.wire',
  'messengerTexts.element': 'profile.messengerTextFields.element',
  'messengerTexts.ginlo': 'profile.messengerTextFields.ginlo',
  retention: 'profile.fields.retention',
  retentionEn: 'profile.fields.retentionEn',
};

export interface ProfileCheck {
  /** The profile as it is to be stored: the Threema id in capitals, a blank messenger id as null. */
  profile: Profile;
  /** For each field that is not right, the catalogue key of what is wrong (profile.checks.*), in the form's order. */
  problems: Partial<Record<CheckedProfileField, string>>;
}

// The business is German (its state is a German federal state): five digits, as on every German letter.
const germanPostalCode = /^\d{5}$/;
// Threema ids are 8 characters of A–Z and 0–9 (docs/messengers.md).
const threemaId = /^[A-Z0-9]{8}$/;
// A Signal username: a nickname of 3–32 letters, digits or underscores that does not start with a
// digit, a dot, and two to ten digits that are not all zero (Signal's own rule), e.g. "schulze.42".
const signalUsername = /^[A-Za-z_][A-Za-z0-9_]{2,31}\.(?!0+$)\d{2,10}$/;
// The username link copied from the Signal app (signal.me/#eu/…): the hint in the form asks for it,
// and the letters turn it into the QR code as it is (shared/letters/messenger-links.ts).
const signalLink = /^https:\/\/signal\.me\/#\S+$/;
// A Matrix id, @user:server, the server a host name with an optional port (matrix.org, chat.example.de:8448).
const matrixId = /^@[^\s:@]+:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::\d{1,5})?$/;
// Wire and ginlo stay free text: Wire's handles differ between its own and federated backends
// (@name, @name@domain), and ginlo documents no id format at all (docs/messengers.md).

const phoneKind = (value: string) => normalizePhone(value, 'DE').kind;

/**
 * The retention rule is printed on the consent form, which must hold every box and signature line on
 * one page (tests/unit/letters/consent-letter-layout.test.ts prints the fullest form with this many).
 */
export const MAX_RETENTION_CHARACTERS = 250;
/** The business's name stands in the letterhead, the form's declaration and its return address. */
export const MAX_NAME_CHARACTERS = 60;
/** A messenger's description stands in the letter beside the QR code. */
export const MAX_MESSENGER_TEXT_CHARACTERS = 135;

/**
 * The one place the profile's rules live: the service refuses a profile with problems, the form shows
 * them at the fields. Empty fields are no problem here; what letters cannot do without is
 * `missingProfileFields`.
 */
export function checkProfile(input: Profile): ProfileCheck {
  const blankToNull = (value: string | null) => (value?.trim() ? value.trim() : null);
  const messengers = { ...input.messengers };
  for (const key of Object.keys(messengers) as (keyof Profile['messengers'])[]) messengers[key] = blankToNull(messengers[key]);
  // Threema ids are written in capitals; "abcd1234" typed in lower case is the same id, so it is
  // taken and stored in capitals rather than refused.
  if (messengers.threema) messengers.threema = messengers.threema.toUpperCase();
  // Names typed one per line: the blank lines of the form are not names.
  const names = (list: string[]) => list.map((name) => name.trim()).filter(Boolean);
  const generalPartner = input.generalPartner && {
    ...input.generalPartner,
    managingDirectors: names(input.generalPartner.managingDirectors),
  };
  const profile: Profile = { ...input, messengers, managingDirectors: names(input.managingDirectors), generalPartner };

  const problems: ProfileCheck['problems'] = {};
  const postalCode = profile.postalCode.trim();
  if (postalCode && !germanPostalCode.test(postalCode)) problems.postalCode = 'profile.checks.postalCode';
  const phone = profile.phone.trim();
  if (phone && phoneKind(phone) === 'invalid') problems.phone = 'profile.checks.phone';
  const email = profile.email.trim();
  if (email && !isEmailAddress(email)) problems.email = 'profile.checks.email';
  const dpoEmail = profile.dpo?.email.trim();
  if (dpoEmail && !isEmailAddress(dpoEmail)) problems['dpo.email'] = 'profile.checks.email';
  const whatsapp = profile.whatsappNumber.trim();
  if (whatsapp) {
    // WhatsApp Business runs on the business's mobile phone: a landline number is refused here.
    const kind = phoneKind(whatsapp);
    if (kind !== 'mobile') problems.whatsappNumber = kind === 'invalid' ? 'profile.checks.phone' : 'profile.checks.whatsappMobile';
  }
  const signal = messengers.signal;
  if (signal && !signalUsername.test(signal) && !signalLink.test(signal) && phoneKind(signal) !== 'mobile')
    problems['messengers.signal'] = 'profile.checks.signal';
  if (messengers.threema && !threemaId.test(messengers.threema)) problems['messengers.threema'] = 'profile.checks.threema';
  if (messengers.element && !matrixId.test(messengers.element)) problems['messengers.element'] = 'profile.checks.element';
  if (profile.name.trim().length > MAX_NAME_CHARACTERS) problems.name = 'profile.checks.nameLength';
  for (const messenger of Object.keys(profile.messengerTexts) as (keyof Profile['messengerTexts'])[]) {
    if ((profile.messengerTexts[messenger]?.trim().length ?? 0) > MAX_MESSENGER_TEXT_CHARACTERS)
      problems[`messengerTexts.${messenger}`] = 'profile.checks.messengerTextLength';
  }
  if (profile.retention.trim().length > MAX_RETENTION_CHARACTERS) problems.retention = 'profile.checks.retentionLength';
  if (profile.retentionEn.trim().length > MAX_RETENTION_CHARACTERS) problems.retentionEn = 'profile.checks.retentionLength';
  return { profile, problems };
}
