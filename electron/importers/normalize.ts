import type { ContactKind, ContactLanguage } from '../../shared/model/contact';
import { isEmailAddress } from '../../shared/email';
import { displayNameOf, looksLikeCompany, type Gender } from '../../shared/names';
import { normalizePhone } from '../../shared/phone';
import type { PhoneKind } from '../../shared/phone-kinds';
import { MAX_VALUE_CHARS } from './limits';
import type { ParsedAddress, ParsedContact } from './types';

/** A contact ready to be matched and stored: numbers in E.164, e-mails checked, one display name. */
export interface CandidateContact {
  line: number | null;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  title: string | null;
  gender: Gender | null;
  organization: string | null;
  department: string | null;
  jobTitle: string | null;
  note: string | null;
  birthday: string | null;
  customerNumber: string | null;
  kind: ContactKind | null;
  language: ContactLanguage | null;
  isCompany: boolean;
  phones: { raw: string; e164: string | null; kind: PhoneKind; label: string | null }[];
  /** Every e-mail text of the contact; one that is not an address is kept as written, `valid: false`. */
  emails: { address: string; label: string | null; valid: boolean }[];
  addresses: ParsedAddress[];
  /** Catalogue key (import.reasons.*) when the row cannot become a contact. */
  invalidReason: string | null;
}

/**
 * Characters that never belong in a contact's text: the bidi controls, which reorder what follows
 * them on screen and in print ("Max \u202Egnp.exe" shows as "Max exe.png"), NUL and the other C0
 * and C1 controls, DEL, and a byte order mark inside the text. Line ends are handled apart: a note
 * and a street keep them, every other field turns them into a space.
 */
const unsafeCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/**
 * Those of them worth telling the office about: overrides, embeddings and isolates (a crafted name)
 * and controls. The marks (U+200E, U+200F, U+061C) and a stray BOM are what phones and Excel leave
 * in harmless text, and go without a word.
 */
const reportedCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const lineEnds = /[\t\n\r\u2028\u2029]+/g;
const anySuspect = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;
/** The same without TAB, LF and CR, which a multi-line field keeps. */
const multilineSuspect =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;

/** The first MAX_VALUE_CHARS characters (a pair of surrogates is not split). */
function cut(text: string): string {
  const end = MAX_VALUE_CHARS - (/[\ud800-\udbff]/.test(text[MAX_VALUE_CHARS - 1]!) ? 1 : 0);
  return text.slice(0, end).trimEnd();
}

/** What safeText did to a text that the office should hear about. */
export interface TextFindings {
  /** It was longer than MAX_VALUE_CHARS and was cut. */
  cut?(): void;
  /** Controls or bidi overrides were removed from it. */
  controlsRemoved?(): void;
}

/**
 * The text of one field as the app keeps it: without the characters above, and no longer than
 * MAX_VALUE_CHARS. A single-line field (a name, a number, a city) turns line ends and TABs into one
 * space; a multi-line one (a note, a street) keeps them and turns U+2028 and U+2029 into a line end.
 * Clean text, the common case, is returned untouched.
 */
export function safeText(text: string, multiline: boolean, findings?: TextFindings): string;
export function safeText(text: string | null, multiline: boolean, findings?: TextFindings): string | null;
export function safeText(text: string | null, multiline: boolean, findings: TextFindings = {}): string | null {
  if (text === null) return null;
  let result = text;
  if (anySuspect.test(result)) {
    if (reportedCharacters.test(result)) findings.controlsRemoved?.();
    result = result.replace(unsafeCharacters, '');
    result = multiline ? result.replace(/[\u2028\u2029]/g, '\n') : result.replace(lineEnds, ' ').replace(/ {2,}/g, ' ');
    result = result.trim();
  }
  if (result.length > MAX_VALUE_CHARS) {
    result = cut(result);
    findings.cut?.();
  }
  return result;
}

const fine = (text: string | null) => text === null || (text.length <= MAX_VALUE_CHARS && !anySuspect.test(text));
const fineMultiline = (text: string | null) => text === null || (text.length <= MAX_VALUE_CHARS && !multilineSuspect.test(text));

/** True when safeText would change nothing of the contact (nearly always: then no copy is made). */
function isSafeContact(parsed: ParsedContact): boolean {
  return (
    fine(parsed.formattedName) &&
    fine(parsed.givenName) &&
    fine(parsed.familyName) &&
    fine(parsed.title) &&
    fine(parsed.organization) &&
    fine(parsed.department) &&
    fine(parsed.jobTitle) &&
    fineMultiline(parsed.note) &&
    fine(parsed.birthday) &&
    fine(parsed.customerNumber) &&
    parsed.phones.every((phone) => fine(phone.raw) && fine(phone.label)) &&
    parsed.emails.every((email) => fine(email.address) && fine(email.label)) &&
    parsed.addresses.every(
      (address) =>
        fineMultiline(address.street) &&
        fine(address.postalCode) &&
        fine(address.city) &&
        fine(address.region) &&
        fine(address.country) &&
        fine(address.label),
    )
  );
}

/** Every text of a parsed contact made safe (see safeText), whatever format it came from. */
function safeContact(parsed: ParsedContact, findings: TextFindings): ParsedContact {
  if (isSafeContact(parsed)) return parsed;
  // A field that nothing is left of is no field.
  const line = (text: string | null) => (text === null ? null : safeText(text, false, findings) || null);
  const lines = (text: string | null) => (text === null ? null : safeText(text, true, findings) || null);
  return {
    ...parsed,
    formattedName: line(parsed.formattedName),
    givenName: line(parsed.givenName),
    familyName: line(parsed.familyName),
    title: line(parsed.title),
    organization: line(parsed.organization),
    department: line(parsed.department),
    jobTitle: line(parsed.jobTitle),
    note: lines(parsed.note),
    birthday: line(parsed.birthday),
    customerNumber: line(parsed.customerNumber),
    phones: parsed.phones.map((phone) => ({ raw: safeText(phone.raw, false, findings), label: line(phone.label) })),
    emails: parsed.emails.map((email) => ({ address: safeText(email.address, false, findings), label: line(email.label) })),
    addresses: parsed.addresses.map((address) => ({
      street: lines(address.street),
      postalCode: line(address.postalCode),
      city: line(address.city),
      region: line(address.region),
      country: line(address.country),
      label: line(address.label),
    })),
  };
}

/** What normalizeContact tells about a contact's text, with the contact's line: each at most once per contact. */
export type ContactTextIssue = 'valueTooLong' | 'controlCharacters';

/** What lists write where there is no address ("-", "keine", "n/a"): nothing to keep. */
const noEmail = /^(?:[^\p{L}\p{N}]*|keine?|none|n\/?a|k\.? ?a\.?)$/iu;
const mobileLabel = /\b(cell|mobile?|mobil|handy|iphone)\b/i;

/**
 * A parsed contact, from any format, as a candidate. Every text passes safeText here, and `onIssue`
 * learns, with the contact's line, when a value was cut or controls were removed.
 */
export function normalizeContact(
  unsafe: ParsedContact,
  region: string,
  onIssue?: (issue: ContactTextIssue, line: number) => void,
): CandidateContact {
  const told = new Set<ContactTextIssue>();
  const tell = (issue: ContactTextIssue) => {
    if (!told.has(issue)) onIssue?.(issue, unsafe.line);
    told.add(issue);
  };
  const findings: TextFindings = { cut: () => tell('valueTooLong'), controlsRemoved: () => tell('controlCharacters') };
  const parsed = safeContact(unsafe, findings);
  const phones: CandidateContact['phones'] = [];
  const seenPhones = new Set<string>();
  for (const phone of parsed.phones) {
    const raw = /^tel:|\s\s|^\s|\s$|[^\S ]/i.test(phone.raw) ? phone.raw.replace(/^tel:/i, '').replace(/\s+/g, ' ').trim() : phone.raw;
    if (!raw) continue;
    const normalized = normalizePhone(raw, region);
    const key = normalized.e164 ?? `raw:${raw}`;
    if (seenPhones.has(key)) continue;
    seenPhones.add(key);
    // Where the plan allows both (FIXED_LINE_OR_MOBILE), the file's "cell" label decides.
    const kind = normalized.kind === 'other' && phone.label && mobileLabel.test(phone.label) ? 'mobile' : normalized.kind;
    phones.push({ raw, e164: normalized.e164, kind, label: phone.label });
  }

  // A text that is not an address stays as written, flagged: the office sees it and decides (it
  // never identifies a contact). It is not cut into a part that looks valid.
  const emails: CandidateContact['emails'] = [];
  const seenEmails = new Set<string>();
  for (const email of parsed.emails) {
    const address = /^mailto:|\s/i.test(email.address)
      ? email.address
          .replace(/^mailto:/i, '')
          .replace(/\s+/g, ' ')
          .trim()
      : email.address;
    if (!address.includes('@') && noEmail.test(address)) continue;
    const key = address.toLowerCase();
    if (seenEmails.has(key)) continue;
    seenEmails.add(key);
    emails.push({ address, label: email.label, valid: isEmailAddress(address) });
  }
  const validEmails = emails.filter((email) => email.valid);

  const organization = parsed.organization;
  const hasPerson = !!(parsed.givenName || parsed.familyName);
  const isCompany =
    parsed.isCompany || (!hasPerson && !!organization) || (!hasPerson && !!parsed.formattedName && looksLikeCompany(parsed.formattedName));
  const displayName = displayNameOf({
    formattedName: parsed.formattedName,
    givenName: parsed.givenName,
    familyName: parsed.familyName,
    organization,
    fallbacks: [validEmails[0]?.address, phones[0]?.raw],
  });
  const hasContactWay = phones.some((p) => p.e164) || validEmails.length > 0;
  const hasName = hasPerson || !!organization || !!parsed.formattedName;
  const invalidReason =
    !hasName && !hasContactWay ? (phones.length > 0 ? 'onlyInvalidNumber' : emails.length > 0 ? 'onlyInvalidEmail' : 'empty') : null;

  return {
    line: parsed.line,
    displayName: safeText(displayName, false, findings),
    givenName: parsed.givenName,
    familyName: parsed.familyName,
    title: parsed.title,
    gender: parsed.gender,
    organization: organization ?? (isCompany && !hasPerson ? parsed.formattedName : null),
    department: parsed.department,
    jobTitle: parsed.jobTitle,
    note: parsed.note,
    birthday: parsed.birthday,
    customerNumber: parsed.customerNumber,
    kind: parsed.kind,
    language: parsed.language,
    isCompany,
    phones,
    emails,
    addresses: parsed.addresses,
    invalidReason,
  };
}
