import { invitationParts } from './invitation';
import { defaultTemplates, fillTemplate, type TemplateCatalogue } from './templates';
import type { Contact } from '../model/contact';
import { missingProfileFields, type Profile } from '../model/profile';
import { addressBlock } from '../letters/address-block';
import { ProfileIncompleteError } from '../letters/consent-letter';
import { dinLetterPage, dinLetterStyles, letterDate, letterDocuments, type LetterDocuments, type LetterForm } from '../letters/din-letter';
import { escapeHtml as h } from '../letters/html';
import { qrImage } from '../letters/qr';
import type { LetterLanguage } from '../letters/salutation';

export interface InvitationLetterOptions {
  profile: Profile;
  contacts: readonly Contact[];
  form: LetterForm;
  /** The letter's date (YYYY-MM-DD). */
  date: string;
  homeCountry: string;
  /** One language for every letter; by default each contact's own. */
  language?: LetterLanguage;
  /** The office's texts (the defaults where it has not changed them). */
  templates?: TemplateCatalogue;
}

export interface InvitationLetters extends LetterDocuments {
  printed: number[];
  withoutAddress: { id: number; displayName: string }[];
}

const labels = {
  de: { title: 'Einladung', date: 'Datum', customerNumber: 'Kundennummer' },
  en: { title: 'Invitation', date: 'Date', customerNumber: 'Customer number' },
} as const;

/** The text as paragraphs: a blank line starts a new one, a single line break stays a line break. */
const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${paragraph.split('\n').map(h).join('<br>')}</p>`)
    .join('\n');

/**
 * Invitations on paper: per contact one DIN 5008 letter with the office's letter text for the
 * contact's target (switch messenger, consent to come, phone and e-mail), Sie or Du, and for a
 * switch the QR code of the business's link on that messenger. Contacts without a postal address
 * are listed, not printed.
 */
export function renderInvitationLetters(options: InvitationLetterOptions): InvitationLetters {
  const missing = missingProfileFields(options.profile);
  if (missing.length) throw new ProfileIncompleteError(missing);
  const { profile } = options;
  const catalogue = options.templates ?? defaultTemplates;
  // One QR image per link: the PDF then holds each once, however many letters carry it.
  const qrCodes = new Map<string, string>();
  const qrFor = (url: string, caption: string) => {
    if (!qrCodes.has(url)) qrCodes.set(url, `<div class="qr">${qrImage(url, 26, url)}<div>${h(caption)}</div></div>`);
    return qrCodes.get(url)!;
  };
  const letters: (() => string)[] = [];
  const printed: number[] = [];
  const withoutAddress: InvitationLetters['withoutAddress'] = [];
  for (const contact of options.contacts) {
    const language = options.language ?? contact.language;
    const text = labels[language];
    const lines = addressBlock(contact, { language, homeCountry: options.homeCountry });
    if (!lines) {
      withoutAddress.push({ id: contact.id, displayName: contact.displayName });
      continue;
    }
    const { kind, formal, values, messengerUrl } = invitationParts(contact, profile, { language });
    const template = catalogue[language][formal ? 'formal' : 'informal'][kind].letter;
    const qr = kind === 'switch' && messengerUrl ? qrFor(messengerUrl, values.Messenger) : '';
    letters.push(() =>
      dinLetterPage({
        profile,
        contactId: contact.id,
        language,
        addressLines: lines,
        info: [
          [text.date, letterDate(options.date, language)],
          ...(contact.customerNumber ? [[text.customerNumber, contact.customerNumber] as const] : []),
        ],
        body: `<p class="subject">${h(fillTemplate(template.subject, values))}</p>\n${qr}\n${paragraphs(fillTemplate(template.body, values))}`,
      }),
    );
    printed.push(contact.id);
  }
  const documentLanguage = options.language ?? 'de';
  return {
    ...letterDocuments(labels[documentLanguage].title, dinLetterStyles(options.form), letters, documentLanguage),
    printed,
    withoutAddress,
  };
}
