import type { ContactKind, ContactLanguage } from '../../shared/model/contact';
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
  emails: { address: string; label: string | null }[];
  addresses: ParsedAddress[];
  /** Catalogue key (import.reasons.*) when the row cannot become a contact. */
  invalidReason: string | null;
  /** E-mail texts that were not addresses (kept out, mentioned in the preview). */
  rejectedEmails: string[];
}

const emailPattern = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]{2,}$/;
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

  let emails: CandidateContact['emails'] = parsed.emails;
  const rejectedEmails: string[] = [];
  if (parsed.emails.length > 0) {
    const seen = new Set<string>();
    const kept: CandidateContact['emails'] = [];
    for (const email of parsed.emails) {
      const address = email.address.startsWith('mailto:') || email.address !== email.address.trim() ? email.address.replace(/^mailto:/i, '').trim() : email.address;
      if (!emailPattern.test(address)) {
        if (address) rejectedEmails.push(address);
        continue;
      }
      const key = address.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      kept.push({ address: address, label: email.label });
    }
    emails = kept;
  }

  const organization = parsed.organization;
  const hasPerson = !!(parsed.givenName || parsed.familyName);
  const isCompany = parsed.isCompany || (!hasPerson && !!organization) || (!hasPerson && !!parsed.formattedName && looksLikeCompany(parsed.formattedName));
  const displayName = displayNameOf({
    formattedName: parsed.formattedName,
    givenName: parsed.givenName,
    familyName: parsed.familyName,
    organization,
    fallbacks: [emails[0]?.address, phones[0]?.raw],
  });
  const hasContactWay = phones.some((p) => p.e164) || emails.length > 0;
  const hasName = hasPerson || !!organization || !!parsed.formattedName;
  const invalidReason = !hasName && !hasContactWay ? (phones.length > 0 ? 'onlyInvalidNumber' : 'empty') : null;

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
    rejectedEmails,
  };
}
