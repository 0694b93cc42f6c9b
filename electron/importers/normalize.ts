import type { ContactKind, ContactLanguage } from '../../shared/model/contact';
import { isEmailAddress } from '../../shared/email';
import { displayNameOf, looksLikeCompany, type Gender } from '../../shared/names';
import { normalizePhone, type PhoneKind } from '../../shared/phone';
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

/** What lists write where there is no address ("-", "keine", "n/a"): nothing to keep. */
const noEmail = /^(?:[^\p{L}\p{N}]*|keine?|none|n\/?a|k\.? ?a\.?)$/iu;
const mobileLabel = /\b(cell|mobile?|mobil|handy|iphone)\b/i;

export function normalizeContact(parsed: ParsedContact, region: string): CandidateContact {
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
    const address = /^mailto:|\s/i.test(email.address) ? email.address.replace(/^mailto:/i, '').replace(/\s+/g, ' ').trim() : email.address;
    if (!address.includes('@') && noEmail.test(address)) continue;
    const key = address.toLowerCase();
    if (seenEmails.has(key)) continue;
    seenEmails.add(key);
    emails.push({ address, label: email.label, valid: isEmailAddress(address) });
  }
  const validEmails = emails.filter((email) => email.valid);

  const organization = parsed.organization;
  const hasPerson = !!(parsed.givenName || parsed.familyName);
  const isCompany = parsed.isCompany || (!hasPerson && !!organization) || (!hasPerson && !!parsed.formattedName && looksLikeCompany(parsed.formattedName));
  const displayName = displayNameOf({
    formattedName: parsed.formattedName,
    givenName: parsed.givenName,
    familyName: parsed.familyName,
    organization,
    fallbacks: [validEmails[0]?.address, phones[0]?.raw],
  });
  const hasContactWay = phones.some((p) => p.e164) || validEmails.length > 0;
  const hasName = hasPerson || !!organization || !!parsed.formattedName;
  const invalidReason = !hasName && !hasContactWay ? (phones.length > 0 ? 'onlyInvalidNumber' : emails.length > 0 ? 'onlyInvalidEmail' : 'empty') : null;

  return {
    line: parsed.line,
    displayName: displayName,
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
