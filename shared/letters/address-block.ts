import type { Address } from '../model/contact';
import { countryCode, countryLine } from './countries';
import { addresseeName, type Addressee, type LetterLanguage } from './salutation';

/** DIN 5008: the address zone of the window holds at most six lines, without blank lines. */
export const MAX_ADDRESS_LINES = 6;

export interface AddressBlockOptions {
  language: LetterLanguage;
  /** The sender's country (ISO code): an address there gets no country line. */
  homeCountry: string;
}

const clean = (text: string | null | undefined) => text?.replace(/\s+/g, ' ').trim() || null;

/** The first address a letter can go to: a street (or PO box) and a town. */
export function postalAddress(addresses: readonly Address[]): Address | null {
  return addresses.find((a) => clean(a.street) && clean(a.city)) ?? null;
}

/**
 * The lines of the address zone, top to bottom: company, person, street, postcode and town, and for
 * a foreign address the town and below it the country in capitals. Null when the contact has no postal
 * address (such contacts are listed, never printed into an empty window). Never more than six lines:
 * when a company, a department and a person would not fit, the department goes first.
 */
export function addressBlock(
  addressee: Addressee & { department?: string | null; addresses: readonly Address[] },
  options: AddressBlockOptions,
): string[] | null {
  const address = postalAddress(addressee.addresses);
  if (!address) return null;
  const country = clean(address.country);
  const code = countryCode(country);
  const foreign = country !== null && code !== options.homeCountry.toUpperCase();
  // DIN 5008: abroad, the town in capitals (and the country below it).
  const localTown = [clean(address.postalCode), clean(address.city)].filter(Boolean).join(' ');
  const town = foreign ? localTown.toLocaleUpperCase(options.language === 'de' ? 'de-DE' : 'en-GB') : localTown;
  // The country in German whatever the letter's language: the post of the sending country reads it.
  const tail = [clean(address.street)!, town, ...(foreign ? [countryLine(country!, 'de')] : [])];

  const organization = clean(addressee.organization);
  const fullName = addresseeName(addressee, options.language);
  // A name too long for its line keeps the family name whole and shortens the given names first.
  const person =
    fullName && fullName.length > LINE_FITS && clean(addressee.givenName)
      ? addresseeName({ ...addressee, givenName: initials(clean(addressee.givenName)!) }, options.language)
      : fullName;
  const head = [organization, organization ? clean(addressee.department) : null, person !== organization ? person : null].filter(
    (line): line is string => !!line,
  );
  while (head.length + tail.length > MAX_ADDRESS_LINES) head.splice(head.length > 1 ? 1 : 0, 1);
  return wrapped([...head, ...tail]);
}

/**
 * Characters of a line at the address's 10 pt in the 80 mm zone, with room to spare (a line of 36
 * wide letters, "WWW…", still fits); longer lines are wrapped below, else set smaller (din-letter.ts).
 */
export const LINE_FITS = 36;

/** "Maria-Magdalena Anna" → "M.-M. A.". */
const initials = (givenName: string) => givenName.replace(/(\p{L})[\p{L}'’]*\.?/gu, '$1.');

/**
 * Long lines wrapped at a space (or after a hyphen) while the six lines allow, the longest first;
 * nothing is cut off with "…" (DIN 5008: at most six lines, none blank).
 */
export function wrapped(lines: string[]): string[] {
  const result = [...lines];
  while (result.length < MAX_ADDRESS_LINES) {
    let longest = -1;
    result.forEach((line, index) => {
      if (line.length > LINE_FITS && (longest < 0 || line.length > result[longest]!.length)) longest = index;
    });
    if (longest < 0) break;
    const line = result[longest]!;
    const cut = Math.max(line.lastIndexOf(' ', LINE_FITS), line.lastIndexOf('-', LINE_FITS - 1) + 1);
    if (cut <= 0) break;
    result.splice(longest, 1, line.slice(0, cut).trimEnd(), line.slice(cut).trimStart());
  }
  return result;
}
