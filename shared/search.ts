/**
 * What the contact search compares: names without accents or case ("muller" finds "Müller"), and
 * numbers as bare digits in every form a person might type them ("0171 123", "+49171123",
 * "171123" all find +491711234567).
 */

export const foldForSearch = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/\s+/g, ' ')
    .trim();

/** Calling codes of the countries whose numbers are most common here, longest first. */
const knownCallingCodes = ['352', '420', '49', '43', '41', '31', '32', '33', '39', '48', '45', '44', '1'];

/** The national part of an E.164 number (+491711234567 → 1711234567). */
export function nationalDigits(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  const code = knownCallingCodes.find((candidate) => digits.startsWith(candidate));
  return code ? digits.slice(code.length) : digits;
}

export function contactSearchText(contact: {
  displayName: string;
  givenName?: string | null;
  familyName?: string | null;
  organization?: string | null;
  customerNumber?: string | null;
  emails?: readonly { address: string }[];
}): string {
  return foldForSearch(
    [contact.displayName, contact.givenName, contact.familyName, contact.organization, contact.customerNumber, ...(contact.emails ?? []).map((e) => e.address)]
      .filter(Boolean)
      .join(' '),
  );
}

export function contactSearchDigits(phones: readonly { e164: string | null; raw: string }[]): string {
  const parts = new Set<string>();
  for (const phone of phones) {
    if (phone.e164) {
      parts.add(phone.e164.slice(1));
      parts.add(nationalDigits(phone.e164));
    }
    const raw = phone.raw.replace(/\D/g, '');
    if (raw) parts.add(raw);
  }
  return [...parts].join(' ');
}

/** A query that is a phone number, as digits to look for; null when it is text. */
export function queryDigits(query: string): string | null {
  const trimmed = query.trim();
  if (!/^[+\d\s()/.-]+$/.test(trimmed)) return null;
  let digits = trimmed.replace(/\D/g, '');
  if (digits.length < 3) return null;
  if (trimmed.startsWith('+') || digits.startsWith('00')) {
    digits = digits.replace(/^00/, '');
    const code = knownCallingCodes.find((candidate) => digits.startsWith(candidate));
    if (code && digits.length > code.length) digits = digits.slice(code.length);
  }
  return digits.replace(/^0+/, '') || digits;
}
