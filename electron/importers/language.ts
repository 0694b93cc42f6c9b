import type { ContactLanguage } from '../../shared/model/contact';

/**
 * The language a file names for a contact, as far as the app writes in it: a vCard LANG tag ("en",
 * "en-GB", "de-DE") or a list's word for it ("Englisch", "English", "Deutsch"). Anything else (a
 * language the app has no texts in) leaves the contact on German.
 */
export function contactLanguageNamed(value: string): ContactLanguage | null {
  const word = value.trim().toLowerCase();
  if (/^en([-_][a-z]{2})?$/.test(word) || /^(englisch|english|engl\.?)$/.test(word)) return 'en';
  if (/^de([-_][a-z]{2})?$/.test(word) || /^(deutsch|german|dt\.?)$/.test(word)) return 'de';
  return null;
}
