import { messagingPhone, type Contact, type ContactLanguage } from '../model/contact';
import { missingProfileFields, type Profile } from '../model/profile';
import { messengers, type Messenger } from '../model/tracking';
import { addressBlock } from './address-block';
import { authorities } from './authorities';
import { controllerName, dinLetterPage, dinLetterStyles, letterDate, letterDocuments, typeSize, type LetterDocuments, type LetterForm } from './din-letter';
import { consentTextDe, type ConsentText } from './consent-text-de';
import { consentTextEn } from './consent-text-en';
import { escapeHtml as h } from './html';
import { messengerLink } from './messenger-links';
import { messengerDescription, messengerNames } from '../messengers/catalogue';
import { personal, personalLine } from './layers';
import { qrImage, textId } from './qr';
import { salutation } from './salutation';

export { din5008, HOLE_MARK, type LetterForm } from './din-letter';

export type LetterContact = Pick<Contact, 'id' | 'displayName' | 'givenName' | 'familyName' | 'title' | 'gender' | 'organization' | 'department' | 'isCompany' | 'customerNumber' | 'addresses' | 'phones' | 'kind' | 'language'>;

export interface ConsentLetterOptions {
  profile: Profile;
  contacts: readonly LetterContact[];
  form: LetterForm;
  /** The letter's date (YYYY-MM-DD). */
  date: string;
  homeCountry: string;
}

export interface ConsentLetters extends LetterDocuments {
  /** The contacts a letter was written for, in order. */
  printed: number[];
  /** Contacts without a postal address: listed for the office, not printed into an empty window. */
  withoutAddress: { id: number; displayName: string }[];
  /** The version id of the consent text (German and English together), printed on every form. */
  version: string;
}

/** The consent letter's words per language: each contact gets the letter and form in their own. */
export const consentTexts: Record<ContactLanguage, ConsentText> = { de: consentTextDe, en: consentTextEn };

export class ProfileIncompleteError extends Error {
  constructor(readonly missing: string[]) {
    super(`profile incomplete: ${missing.join(', ')}`);
  }
}

const fill = (template: string, values: Record<string, string>) => template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');

/** The messenger the letter recommends, with its link (the recommended one if it has a link, else the first that has). */
function recommendation(profile: Profile): { messenger: Messenger; link: string } | null {
  const order = [profile.recommendedMessenger, ...messengers].filter((m): m is Messenger => !!m);
  for (const messenger of order) {
    const link = messengerLink(messenger, profile.messengers[messenger]);
    if (link) return { messenger, link };
  }
  return null;
}

/**
 * The version id of the consent text for this profile: the same texts (German and English) and
 * controller give the same id; any change to either gives a new one.
 */
export function consentTextVersion(profile: Profile): string {
  const relevant = { ...profile, text: consentTextDe, textEn: consentTextEn };
  return `EW-${textId(JSON.stringify(relevant))}`;
}

/** The consent form's own styles, beside the letter's (din-letter.ts). */
const formStyles = `
.form { padding: 10mm 15mm 0 20mm; font-size: ${typeSize(8.8)}; line-height: 1.32; }
.form h1 { font-size: ${typeSize(12.5)}; margin: 0 0 2mm; }
.form h2 { font-size: ${typeSize(8.8)}; margin: 2mm 0 0.5mm; }
.form p { margin: 0 0 1.6mm; }
.form .who { border: 0.3mm solid #000; padding: 1.5mm 2mm; margin-bottom: 2mm; }
.form .who .personal, .form .signatures .personal { display: block; height: 1.32em; white-space: nowrap; }
.form .box { display: inline-block; width: 3.2mm; height: 3.2mm; border: 0.3mm solid #000; margin-right: 2mm; vertical-align: -0.5mm; }
.form .purposes div { margin: 0 0 1.2mm; }
.form .signatures { display: flex; gap: 10mm; margin-top: 9mm; }
.form .signatures div { flex: 1; min-width: 0; border-top: 0.3mm solid #000; padding-top: 1mm; font-size: ${typeSize(7.5)}; }
.form .version { text-align: right; font-size: ${typeSize(7)}; color: #333; margin-bottom: 1mm; }
`;

function letterPage(contact: LetterContact, lines: string[], options: ConsentLetterOptions, version: string, recommended: ReturnType<typeof recommendation>, qr: string): string {
  const { profile } = options;
  const { language } = contact;
  const t = consentTexts[language];
  const switchOption = recommended
    ? `<li>${h(fill(t.options.switch, { messenger: messengerNames[recommended.messenger], facts: messengerDescription(profile.messengerTexts, recommended.messenger, language), link: recommended.link }))}</li>`
    : '';
  return dinLetterPage({
    profile,
    contactId: contact.id,
    language,
    addressLines: lines,
    info: [[t.date, letterDate(options.date, language)], ...(contact.customerNumber ? [[t.customerNumber, contact.customerNumber] as const] : []), [t.reference, version]],
    body: `<p class="subject">${h(t.subject)}</p>
<p class="salutation personal last-personal">${personalLine(h(salutation(contact, { language, formal: true })), 70)}</p>
${qr}
<p>${h(t.intro[0])}</p>
<p>${h(t.intro[1])}</p>
<ul class="options">${switchOption}<li>${h(t.options.consent)}</li><li>${h(t.options.phone)}</li></ul>
<p>${h(t.closingText)}</p>
<p>${h(t.regards)}</p>
<p>${h(profile.representative)}<br>${h(controllerName(profile))}</p>`,
  });
}

function formPage(contact: LetterContact, options: ConsentLetterOptions, version: string): string {
  const { profile } = options;
  const { language } = contact;
  const t = consentTexts[language];
  const authority = profile.state ? authorities[profile.state] : null;
  // The number the consent is for: the one WhatsApp can reach (a landline is never on the form).
  const mobile = messagingPhone(contact.phones);
  const offered = messengers.filter((m) => profile.messengers[m]).map((m) => messengerNames[m]);
  // Phone, e-mail and the messengers offered, as a list: "Telefon, E-Mail, Signal oder Threema".
  const channels = [...t.channels, ...offered];
  const channelList = `${channels.slice(0, -1).join(', ')} ${t.or} ${channels.at(-1)}`;
  const purposes = profile.purposes.map((purpose) => `<div><span class="box"></span>${h(t.purposes[purpose])}</div>`).join('');
  const dpo = profile.dpo?.name ? `<h2>${h(t.dpoHeading)}</h2><p>${h([profile.dpo.name, profile.dpo.address, profile.dpo.email].filter(Boolean).join(', '))}</p>` : '';
  return `<section class="page form-page" data-contact="${personal(String(contact.id))}" lang="${language}">
<div class="form">
<div class="version">${h(t.version)} ${h(version)}</div>
<h1>${h(t.formTitle)}</h1>
<div class="who"><span class="personal">${personalLine(`${h(t.formFor)} <strong>${h(contact.displayName)}</strong>${mobile ? ` · ${h(mobile.e164 ?? mobile.raw)}` : ''}`, 80)}</span></div>
<h2>${h(t.controllerHeading)}</h2>
<p>${h(controllerName(profile))}, ${h(t.representedBy)} ${h(profile.representative)}, ${h(profile.street)}, ${h(profile.postalCode)} ${h(profile.city)}, Tel. ${h(profile.phone)}, ${h(profile.email)}</p>
${dpo}
<h2>${h(t.purposesHeading)}</h2>
<div class="purposes">${purposes}</div>
<p>${h(t.data)}</p>
<p>${h(t.recipients)}</p>
<p>${h(t.transfer)}</p>
<p><span class="box"></span>${h(t.transferConsent)}</p>
<p>${h(t.legalBasis)}</p>
<p>${h(fill(t.voluntary, { channels: channelList }))}</p>
<p><strong>${h(t.retentionHeading)}</strong> ${h(language === 'en' ? profile.retentionEn : profile.retention)}</p>
<p>${h(fill(t.withdrawal, { email: profile.email }))}</p>
<p>${h(t.rights)} ${authority ? h(`${authority.name}, ${authority.street}, ${authority.town}`) : ''}.${profile.privacyUrl ? ` ${h(t.privacyPolicy)} ${h(profile.privacyUrl)}` : ''}</p>
<div class="signatures last-personal"><div>${h(t.placeDate)}</div><div><span class="personal">${personalLine(`${h(t.signature)} (${h(contact.displayName)})`, 60)}</span></div></div>
<p style="margin-top:4mm">${h(t.copyNote)}</p>
</div>
</section>`;
}

/**
 * The consent letters for a selection as one HTML document: per contact a DIN 5008 letter (page 1,
 * for the window envelope) and the consent form to sign and return (page 2). The same HTML is shown
 * in the preview, printed to PDF and sent to the printer.
 */
export function renderConsentLetters(options: ConsentLetterOptions): ConsentLetters {
  const missing = missingProfileFields(options.profile, [...new Set(options.contacts.map((contact) => contact.language))]);
  if (missing.length) throw new ProfileIncompleteError(missing);
  const version = consentTextVersion(options.profile);
  const recommended = recommendation(options.profile);
  // The same QR code on every letter: made once.
  const qr = recommended ? `<div class="qr">${qrImage(recommended.link, 26, recommended.link)}<div>${h(messengerNames[recommended.messenger])}</div></div>` : '';
  const letters: (() => string)[] = [];
  const printed: number[] = [];
  const withoutAddress: ConsentLetters['withoutAddress'] = [];
  for (const contact of options.contacts) {
    const lines = addressBlock(contact, { language: contact.language, homeCountry: options.homeCountry });
    if (!lines) {
      withoutAddress.push({ id: contact.id, displayName: contact.displayName });
      continue;
    }
    letters.push(() => `${letterPage(contact, lines, options, version, recommended, qr)}\n${formPage(contact, options, version)}`);
    printed.push(contact.id);
  }
  return { ...letterDocuments(consentTextDe.formTitle, dinLetterStyles(options.form) + formStyles, letters), printed, withoutAddress, version };
}
