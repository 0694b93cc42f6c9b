/**
 * What the contact search compares: names without accents or case ("muller" finds "Müller"), and
 * numbers as bare digits in every form a person might type them ("0171 123", "+49171123",
 * "171123" all find +491711234567).
 */

export const foldForSearch = (text: string): string =>
  text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss').replace(/\s+/g, ' ').trim();

/** Calling codes of the countries whose numbers are most common here, longest first. */
const knownCallingCodes = ['352', '420', '49', '43', '41', '31', '32', '33', '39', '48', '45', '44', '1'];

/**
 * Joins the parts a search should find, leaving out any part already contained in what came
 * before ("Jürgen Müller" needs no second "jurgen" and "muller"): the search compares every
 * contact, so shorter text is faster text.
 */
function joinDistinct(parts: Iterable<string>): string {
  let joined = '';
  for (const part of parts) {
    if (part && !joined.includes(part)) joined = joined ? `${joined} ${part}` : part;
  }
  return joined;
}

interface SearchTextSource {
  displayName: string;
  givenName?: string | null;
  familyName?: string | null;
  organization?: string | null;
  customerNumber?: string | null;
  emails?: readonly { address: string }[];
}

const foldPart = (part: string | null | undefined): string => (part ? foldForSearch(part) : '');

export function contactSearchText(contact: SearchTextSource): string {
  return searchTextOfFolded(foldForSearch(contact.displayName), foldPart(contact.organization), contact, contact.emails ?? []);
}

/**
 * contactSearchText with the display name and organization folded already: a new contact's sort
 * columns need them folded too, and an import writes tens of thousands of contacts.
 */
export function searchTextOfFolded(
  displayName: string,
  organization: string,
  contact: Omit<SearchTextSource, 'emails'>,
  emails: readonly { address: string }[],
): string {
  const parts = [displayName, foldPart(contact.givenName), foldPart(contact.familyName), organization, foldPart(contact.customerNumber)];
  for (const email of emails) parts.push(foldPart(email.address));
  return joinDistinct(parts);
}

/**
 * A contact's numbers as digits. The E.164 digits (491711234567) contain the national number
 * (1711234567) that a query is reduced to; the raw text is kept only where it adds digits (an
 * extension, a number that could not be read).
 */
export function contactSearchDigits(phones: readonly { e164: string | null; raw: string }[]): string {
  const parts: string[] = [];
  for (const phone of phones) {
    if (phone.e164) parts.push(phone.e164.replace(/\D/g, ''));
    const raw = phone.raw.replace(/\D/g, '');
    const rawWithoutZeros = raw.replace(/^0+/, '');
    if (rawWithoutZeros && !parts.some((part) => part.includes(rawWithoutZeros))) parts.push(raw);
  }
  return joinDistinct(parts);
}

/**
 * A query that looks like a phone number, as the digits to look for; '' while only signs such as
 * "+" or "(" are typed (the list should not empty out mid-number); null when it is text.
 */
export function queryDigits(query: string): string | null {
  const trimmed = query.trim();
  if (!/^[+\d\s()/.-]+$/.test(trimmed)) return null;
  let digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+') || digits.startsWith('00')) {
    digits = digits.replace(/^00/, '');
    const code = knownCallingCodes.find((candidate) => digits.startsWith(candidate));
    if (code && digits.length > code.length) digits = digits.slice(code.length);
  }
  return digits.replace(/^0+/, '') || digits;
}
