import type { Contact, ContactLanguage } from '../model/contact';

export type Addressee = Pick<Contact, 'displayName' | 'givenName' | 'familyName' | 'title' | 'gender' | 'organization' | 'isCompany'>;
/** The languages letters and texts are written in: a contact's language. */
export type LetterLanguage = ContactLanguage;

export interface SalutationOptions {
  language: LetterLanguage;
  /** Sie/formal (the default for customers and suppliers) or Du/informal. */
  formal: boolean;
}

const clean = (text: string | null | undefined) => text?.replace(/\s+/g, ' ').trim() || null;

/** A company without a person to write to ("Elektro Meier KG"). */
const isCompanyOnly = (a: Addressee) => a.isCompany || (!clean(a.givenName) && !clean(a.familyName) && !!clean(a.organization));

/**
 * The salutation of a letter or message, as German business letters use it:
 * "Sehr geehrte Frau Dr. Schmidt," · "Sehr geehrter Herr Müller," · "Guten Tag Maria Gonçalves," where
 * the gender is not known · "Sehr geehrte Damen und Herren," for a company without a person ·
 * "Hallo Jürgen," informally. English likewise ("Dear Ms Schmidt," … "Hi Jürgen,").
 * The comma is part of it; German text after it starts in lower case.
 */
export function salutation(addressee: Addressee, { language, formal }: SalutationOptions): string {
  const title = clean(addressee.title);
  const given = clean(addressee.givenName);
  const family = clean(addressee.familyName);
  const de = language === 'de';
  if (isCompanyOnly(addressee))
    return formal ? (de ? 'Sehr geehrte Damen und Herren,' : 'Dear Sir or Madam,') : de ? 'Hallo zusammen,' : 'Hello everyone,';

  if (!formal) {
    const name = given ?? family ?? clean(addressee.displayName);
    return name ? `${de ? 'Hallo' : 'Hi'} ${name},` : de ? 'Hallo,' : 'Hi,';
  }
  if (family && (addressee.gender === 'female' || addressee.gender === 'male')) {
    const titled = [title, family].filter(Boolean).join(' ');
    if (de) return addressee.gender === 'female' ? `Sehr geehrte Frau ${titled},` : `Sehr geehrter Herr ${titled},`;
    return title ? `Dear ${titled},` : `Dear ${addressee.gender === 'female' ? 'Ms' : 'Mr'} ${family},`;
  }
  // Gender not known (or diverse): the full name, without guessing Frau or Herr.
  const fullName = [title, given, family].filter(Boolean).join(' ') || clean(addressee.displayName);
  if (!fullName) return de ? 'Sehr geehrte Damen und Herren,' : 'Dear Sir or Madam,';
  return de ? `Guten Tag ${fullName},` : `Dear ${fullName},`;
}

/** The person's line in an address: "Frau Dr. Maria Schmidt", "Herrn Jürgen Müller" (accusative, as on envelopes). */
export function addresseeName(addressee: Addressee, language: LetterLanguage): string | null {
  if (isCompanyOnly(addressee)) return null;
  const name =
    [clean(addressee.title), clean(addressee.givenName), clean(addressee.familyName)].filter(Boolean).join(' ') ||
    clean(addressee.displayName);
  if (!name) return null;
  const courtesy =
    addressee.gender === 'female'
      ? language === 'de'
        ? 'Frau'
        : 'Ms'
      : addressee.gender === 'male'
        ? language === 'de'
          ? 'Herrn'
          : 'Mr'
        : null;
  return courtesy ? `${courtesy} ${name}` : name;
}
