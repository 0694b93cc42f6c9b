import {
  isSupportedCountry,
  Metadata,
  parsePhoneNumberFromString,
  type CountryCode,
  type MetadataJson,
  type NumberType,
} from 'libphonenumber-js/core';
import metadataJson from 'libphonenumber-js/metadata.max.json';

import type { PhoneKind } from './phone-kinds';

export interface NormalizedPhone {
  /** +491701234567, or null when the text is not a valid number (it is kept, and flagged). */
  e164: string | null;
  kind: PhoneKind;
}

const metadata = metadataJson as unknown as MetadataJson;

const kindOfType = (type: NumberType | undefined): PhoneKind =>
  type === 'MOBILE' ? 'mobile' : type === 'FIXED_LINE' ? 'landline' : 'other';

const trunkPrefixes = new Map<string, string | undefined>();
/** The prefix a region dials national numbers with ("0" in DE, AT, CH, NL, BE, FR; none in IT, PL, DK). */
function trunkPrefixOf(region: string): string | undefined {
  if (!trunkPrefixes.has(region)) {
    let prefix: string | undefined;
    if (isSupportedCountry(region as CountryCode, metadata)) {
      const plan = new Metadata(metadata);
      plan.selectNumberingPlan(region as CountryCode);
      // The numbering plan's methods are not in the package's type declarations.
      prefix = (plan.numberingPlan as unknown as { nationalPrefix(): string | undefined }).nationalPrefix();
    }
    trunkPrefixes.set(region, prefix || undefined);
  }
  return trunkPrefixes.get(region);
}

/**
 * A number written without the region's leading 0 and without +/00 ("3333333", "9876 /11223344",
 * "171 1234567") where every national number starts with 0. It is not complete: a local number
 * without its area code, or an area code that lost its 0 (Excel drops it from number cells).
 * libphonenumber-js would take its first digits as an area code and accept it, so such a number is
 * kept as written and flagged for review instead, in a form as in an import.
 * Short service numbers (110, 112, 115, 116117, 118 33) have no 0 either. They are not contact
 * numbers: no person or business the office writes to, no E.164 form dialled from abroad, never
 * on WhatsApp. They are flagged like the others, so a list holding one still shows it.
 * Regions without such a prefix (IT, PL, CZ, DK, LU) write every number complete without a 0.
 */
export function lacksTrunkPrefix(raw: string, region: string): boolean {
  if (trunkPrefixOf(region) !== '0') return false;
  const first = /[+\d]/.exec(raw)?.[0];
  return first !== undefined && first !== '+' && first !== '0';
}

/**
 * The one number without its 0 that needs no guess: a German mobile number (015x, 016x, 017x), as
 * Excel leaves it when a list stores numbers as numbers ("1711234567"). No German area code and no
 * local number starts with 1, so "17…" can only be "017…". Anything else without its 0 stays flagged.
 */
function strippedMobile(raw: string, region: string): NormalizedPhone | null {
  const digits = raw.replace(/\D/g, '');
  if (region !== 'DE' || !/^1[5-7]/.test(digits) || !/^[\d \-/]+$/.test(raw.trim())) return null;
  const parsed = parsePhoneNumberFromString(`0${digits}`, 'DE', metadata);
  return parsed?.isValid() && parsed.getType() === 'MOBILE' ? { e164: parsed.number, kind: 'mobile' } : null;
}

/**
 * What libphonenumber-js says, with its full metadata (and with the rule of lacksTrunkPrefix): the
 * reference for every number.
 */
export function normalizePhoneSlow(raw: string, region: string): NormalizedPhone {
  if (lacksTrunkPrefix(raw, region)) return strippedMobile(raw, region) ?? { e164: null, kind: 'invalid' };
  const parsed = parsePhoneNumberFromString(raw.replace(/[\u00a0\u202f\u2007]/g, ' '), region as CountryCode, metadata);
  if (!parsed?.isValid()) return { e164: null, kind: 'invalid' };
  return { e164: parsed.number, kind: kindOfType(parsed.getType()) };
}

interface FastPlan {
  callingCode: string;
  general: RegExp;
  mobile: (national: string) => boolean;
  fixed: (national: string) => boolean;
}

interface NumberTypeMetadata {
  pattern(): string;
  possibleLengths(): number[] | undefined;
}

/** How libphonenumber-js decides a type: the type's pattern and, when given, its possible lengths. */
function typeTest(type: NumberTypeMetadata): (national: string) => boolean {
  const pattern = new RegExp(`^(?:${type.pattern()})$`);
  const lengths = type.possibleLengths();
  return (national) => pattern.test(national) && (!lengths || lengths.includes(national.length));
}

/**
 * Regions whose numbers are written "0 + national number", "+cc …" or "00cc …": for those the
 * common cases (only digits, spaces, dashes, slashes) are decided with the metadata's own mobile and
 * fixed-line patterns, without the full parser. A property test checks that this fast path never
 * disagrees with normalizePhoneSlow. (A number without its 0 never takes the fast path: it starts
 * with neither "0" nor "+".)
 */
const fastRegions = ['DE', 'AT', 'CH'] as const;
const fastPlans = new Map<string, FastPlan>();
for (const region of fastRegions) {
  const plan = new Metadata(metadata);
  plan.selectNumberingPlan(region);
  // The numbering plan's methods are not in the package's type declarations.
  const numbering = plan.numberingPlan as unknown as {
    callingCode(): string;
    nationalNumberPattern(): string;
    type(name: string): NumberTypeMetadata;
  };
  fastPlans.set(region, {
    callingCode: numbering.callingCode(),
    general: new RegExp(`^(?:${numbering.nationalNumberPattern()})$`),
    mobile: typeTest(numbering.type('MOBILE')),
    fixed: typeTest(numbering.type('FIXED_LINE')),
  });
}

const simpleNumber = /^\+?[\d \-/]+$/;

function fastPath(raw: string, plan: FastPlan): NormalizedPhone | null {
  const text = raw.trim();
  if (!simpleNumber.test(text)) return null;
  const digits = text.replace(/[ \-/]/g, '');
  let national: string;
  if (digits.startsWith(`+${plan.callingCode}`)) national = digits.slice(plan.callingCode.length + 1);
  else if (digits.startsWith(`00${plan.callingCode}`)) national = digits.slice(plan.callingCode.length + 2);
  else if (digits.startsWith('0') && !digits.startsWith('00')) national = digits.slice(1);
  else return null;
  if (national.startsWith('0') || national.includes('+') || !plan.general.test(national)) return null;
  const mobile = plan.mobile(national);
  const fixed = plan.fixed(national);
  if (mobile === fixed) return null; // neither (maybe another type, or invalid) or both: ask the full parser
  return { e164: `+${plan.callingCode}${national}`, kind: mobile ? 'mobile' : 'landline' };
}

/**
 * A phone number as text from any source (vCard, CSV, a form) to E.164 and its kind; `region` is
 * the country assumed for numbers without a country code (the settings' default, DE at first).
 */
export function normalizePhone(raw: string, region: string): NormalizedPhone {
  const plan = fastPlans.get(region);
  return (plan && fastPath(raw, plan)) || normalizePhoneSlow(raw, region);
}

/**
 * Numbers as shown, by their E.164 form: libphonenumber takes about 14 µs to parse and format one,
 * and the contact table formats its 100 rows again on every keystroke (1.4 ms of each answer, issue 20).
 * Only in this process's memory (as the rows of the last answers are), never written anywhere;
 * emptied at SHOWN_NUMBERS_KEPT entries.
 */
const shownNumbers = new Map<string, string>();
const SHOWN_NUMBERS_KEPT = 10_000;

/**
 * A number as the office reads it (issue 19): a German number in the national form ("0171 1234567"),
 * any other in the international one ("+43 664 1234567"); a number that could not be read as written.
 */
export function displayNumber(e164: string | null, raw: string): string {
  if (!e164) return raw;
  let shown = shownNumbers.get(e164);
  if (shown === undefined) {
    const parsed = parsePhoneNumberFromString(e164, metadata);
    shown = !parsed ? e164 : parsed.countryCallingCode === '49' ? parsed.formatNational() : parsed.formatInternational();
    if (shownNumbers.size >= SHOWN_NUMBERS_KEPT) shownNumbers.clear();
    shownNumbers.set(e164, shown);
  }
  return shown;
}
