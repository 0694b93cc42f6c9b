import type { ContactLanguage } from '../model/contact';
import type { Messenger } from '../model/tracking';

/**
 * What the office can tell a customer about each alternative messenger (docs/messengers.md, state of late 2025).
 * Defaults only: the business edits these texts in its profile. Hoccer (shut down 2020) is not offered.
 */
export const messengerFacts: Record<Messenger, string> = {
  signal:
    'kostenlos, Ende-zu-Ende-verschlüsselt, von einer gemeinnützigen US-Stiftung betrieben; zur Anmeldung wird eine Handynummer gebraucht',
  threema: 'aus der Schweiz, Server in der Schweiz, Ende-zu-Ende-verschlüsselt, einmaliger Kauf; ohne Telefonnummer nutzbar',
  wire: 'aus Berlin, Server in Deutschland und Irland, Ende-zu-Ende-verschlüsselt, privat kostenlos; ohne Telefonnummer nutzbar',
  element: 'auf Basis von Matrix, auch in Deutschland betrieben, Ende-zu-Ende-verschlüsselt, kostenlos; ohne Telefonnummer nutzbar',
  ginlo: 'aus München, Server in Deutschland, Ende-zu-Ende-verschlüsselt, kostenlos',
};

/** The same facts in English, for letters and texts to contacts who read English. */
export const messengerFactsEn: Record<Messenger, string> = {
  signal: 'free, end-to-end encrypted, run by a US non-profit foundation; a mobile number is needed to sign up',
  threema: 'from Switzerland, servers in Switzerland, end-to-end encrypted, one-off purchase; usable without a phone number',
  wire: 'from Berlin, servers in Germany and Ireland, end-to-end encrypted, free for private use; usable without a phone number',
  element: 'based on Matrix, also run in Germany, end-to-end encrypted, free; usable without a phone number',
  ginlo: 'from Munich, servers in Germany, end-to-end encrypted, free',
};

export const messengerNames: Record<Messenger, string> = {
  signal: 'Signal',
  threema: 'Threema',
  wire: 'Wire',
  element: 'Element',
  ginlo: 'ginlo',
};

/**
 * The text the business shows for a messenger: its own wording, else the default facts. The business
 * writes its wording in German; in English the default facts stand.
 */
export const messengerDescription = (
  texts: Partial<Record<Messenger, string | null>> | undefined,
  messenger: Messenger,
  language: ContactLanguage = 'de',
): string => (language === 'en' ? messengerFactsEn[messenger] : texts?.[messenger]?.trim() || messengerFacts[messenger]);
