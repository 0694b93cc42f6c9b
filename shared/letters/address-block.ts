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
export function addressBlock(addressee: Addressee & { department?: string | null; addresses: readonly Address[] }, options: AddressBlockOptions): string[] | null {
  const address = postalAddress(addressee.addresses);
  if (!address) return null;
  const country = clean(address.country);
  const code = countryCode(country);
  const foreign = country !== null && code !== options.homeCountry.toUpperCase();
  // DIN 5008: abroad, the town in capitals (and the country below it).
  const localTown = [clean(address.postalCode), clean(address.city)].filter(Boolean).join(' ');
  const town = foreign ? localTown.toLocaleUpperCase(options.language === 'de' ? 'de-DE' : 'en-GB') : localTown;
  const tail = [clean(address.street)!, town, ...(foreign ? [countryLine(country!, options.language)] : [])];

  const organization = clean(addressee.organization);
  const person = addresseeName(addressee, options.language);
  const head = [organization, organization ? clean(addressee.department) : null, person !== organization ? person : null].filter((line): line is string => !!line);
  while (head.length + tail.length > MAX_ADDRESS_LINES) head.splice(head.length > 1 ? 1 : 0, 1);
  return [...head, ...tail];
}
