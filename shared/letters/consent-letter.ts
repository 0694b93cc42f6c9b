import type { Contact } from '../model/contact';
import { missingProfileFields, type Profile } from '../model/profile';
import { messengers, type Messenger } from '../model/tracking';
import { addressBlock } from './address-block';
import { authorities } from './authorities';
import { consentTextDe } from './consent-text-de';
import { escapeHtml as h } from './html';
import { messengerLink } from './messenger-links';
import { messengerDescription, messengerNames } from '../messengers/catalogue';
import { qrImage, textId } from './qr';
import { salutation } from './salutation';

export type LetterForm = 'A' | 'B';

/** DIN 5008 positions in mm from the top edge (DOMAIN.md §3). */
export const din5008 = {
  A: { returnLine: 27, addressZone: 44.7, addressZoneEnd: 72, infoBlock: 32, folds: [87, 192], body: 80 },
  B: { returnLine: 45, addressZone: 62.7, addressZoneEnd: 90, infoBlock: 50, folds: [105, 210], body: 98.5 },
} as const;
export const HOLE_MARK = 148.5;

export type LetterContact = Pick<Contact, 'id' | 'displayName' | 'givenName' | 'familyName' | 'title' | 'gender' | 'organization' | 'department' | 'isCompany' | 'customerNumber' | 'addresses' | 'phones' | 'kind'>;

export interface ConsentLetterOptions {
  profile: Profile;
  contacts: readonly LetterContact[];
  form: LetterForm;
  /** The letter's date (YYYY-MM-DD). */
  date: string;
  homeCountry: string;
}

export interface ConsentLetters {
  /** All letters as one document (the preview). */
  html: string;
  /** The same letters as documents of at most `perDocument` letters each (for printing in parts). */
  documents: (perDocument: number) => string[];
  /** The contacts a letter was written for, in order. */
  printed: number[];
  /** Contacts without a postal address: listed for the office, not printed into an empty window. */
  withoutAddress: { id: number; displayName: string }[];
  /** The version id of the consent text, printed on every form. */
  version: string;
}

export class ProfileIncompleteError extends Error {
  constructor(readonly missing: string[]) {
    super(`profile incomplete: ${missing.join(', ')}`);
  }
}

const germanDate = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
};
const fill = (template: string, values: Record<string, string>) => template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
const controllerName = (p: Profile) => [p.name, p.legalForm].filter(Boolean).join(' ');

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
 * The version id of the consent text for this profile: the same text and controller give the same
 * id; any change to either gives a new one.
 */
export function consentTextVersion(profile: Profile): string {
  const relevant = { ...profile, text: consentTextDe };
  return `EW-${textId(JSON.stringify(relevant))}`;
}

const styles = (form: LetterForm) => {
  const pos = din5008[form];
  return `
@page { size: A4; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: 'DejaVu Sans', Arial, Helvetica, sans-serif; font-size: 10pt; line-height: 1.35; color: #000; }
.page { position: relative; width: 210mm; height: 297mm; overflow: hidden; break-after: page; page-break-after: always; }
.page:last-child { break-after: auto; page-break-after: auto; }
.letterhead { position: absolute; left: 25mm; right: 20mm; top: 12mm; }
.letterhead .name { font-size: 15pt; font-weight: bold; }
.letterhead .lines { font-size: 8.5pt; margin-top: 1mm; color: #333; }
.letterhead .logo { position: absolute; right: 0; top: -2mm; max-height: 20mm; max-width: 60mm; }
.return-line { position: absolute; left: 25mm; top: ${pos.returnLine + 1}mm; width: 80mm; height: 4mm; font-size: 7pt; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; border-bottom: 0.2mm solid #000; }
.address { position: absolute; left: 25mm; top: ${pos.addressZone + 0.5}mm; width: 80mm; height: ${(pos.addressZoneEnd - pos.addressZone - 0.5).toFixed(1)}mm; overflow: hidden; }
.address div { height: 4.5mm; line-height: 4.5mm; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font-size: 10pt; }
.address div.long { font-size: 8.5pt; }
.address div.very-long { font-size: 8pt; }
.info { position: absolute; left: 125mm; top: ${pos.infoBlock}mm; width: 75mm; font-size: 8.5pt; }
.info td { padding: 0 2mm 0.5mm 0; vertical-align: top; }
.mark { position: absolute; left: 4mm; width: 5mm; border-top: 0.25mm solid #000; }
.mark.hole { width: 7mm; }
.body { position: absolute; left: 25mm; right: 20mm; top: ${pos.body}mm; }
.subject { font-weight: bold; margin: 0 0 5mm; }
.body p { margin: 0 0 3mm; }
.options { margin: 0 0 3mm; padding-left: 5mm; }
.options li { margin-bottom: 1.5mm; }
.qr { float: right; margin: 0 0 2mm 4mm; text-align: center; font-size: 7pt; }
.form { position: absolute; left: 20mm; right: 15mm; top: 10mm; font-size: 8.8pt; line-height: 1.32; }
.form h1 { font-size: 12.5pt; margin: 0 0 2mm; }
.form h2 { font-size: 8.8pt; margin: 2mm 0 0.5mm; }
.form p { margin: 0 0 1.6mm; }
.form .who { border: 0.3mm solid #000; padding: 1.5mm 2mm; margin-bottom: 2mm; }
.form .box { display: inline-block; width: 3.2mm; height: 3.2mm; border: 0.3mm solid #000; margin-right: 2mm; vertical-align: -0.5mm; }
.form .purposes div { margin: 0 0 1.2mm; }
.form .signatures { display: flex; gap: 10mm; margin-top: 9mm; }
.form .signatures div { flex: 1; border-top: 0.3mm solid #000; padding-top: 1mm; font-size: 7.5pt; }
.form .version { text-align: right; font-size: 7pt; color: #333; margin-bottom: 1mm; }
`;
};

function letterPage(contact: LetterContact, lines: string[], options: ConsentLetterOptions, version: string, recommended: ReturnType<typeof recommendation>, qr: string): string {
  const { profile, form } = options;
  const t = consentTextDe;
  const pos = din5008[form];
  const returnLine = [controllerName(profile), profile.street, `${profile.postalCode} ${profile.city}`].join(' · ');
  const address = lines.map((line) => `<div class="${line.length > 44 ? 'very-long' : line.length > 36 ? 'long' : ''}">${h(line)}</div>`).join('');
  const info = [
    [t.date, germanDate(options.date)],
    ...(contact.customerNumber ? [[t.customerNumber, contact.customerNumber]] : []),
    [t.reference, version],
  ]
    .map(([label, value]) => `<tr><td>${h(label!)}</td><td>${h(value!)}</td></tr>`)
    .join('');
  const marks = [...pos.folds.map((top) => `<div class="mark" style="top:${top}mm"></div>`), `<div class="mark hole" style="top:${HOLE_MARK}mm"></div>`].join('');
  const switchOption = recommended
    ? `<li>${h(fill(t.options.switch, { messenger: messengerNames[recommended.messenger], facts: messengerDescription(profile.messengerTexts, recommended.messenger), link: recommended.link }))}</li>`
    : '';
  return `<section class="page" data-contact="${contact.id}">
<div class="letterhead">${profile.logo ? `<img class="logo" src="${h(profile.logo)}" alt="">` : ''}<div class="name">${h(controllerName(profile))}</div><div class="lines">${h([profile.street, `${profile.postalCode} ${profile.city}`, profile.phone, profile.email, profile.website].filter(Boolean).join(' · '))}</div></div>
<div class="return-line">${h(returnLine)}</div>
<div class="address" data-address>${address}</div>
<table class="info">${info}</table>
${marks}
<div class="body">
<p class="subject">${h(t.subject)}</p>
<p>${h(salutation(contact, { language: 'de', formal: true }))}</p>
${qr}
<p>${h(t.intro[0])}</p>
<p>${h(t.intro[1])}</p>
<ul class="options">${switchOption}<li>${h(t.options.consent)}</li><li>${h(t.options.phone)}</li></ul>
<p>${h(t.closingText)}</p>
<p>${h(t.regards)}</p>
<p>${h(profile.representative)}<br>${h(controllerName(profile))}</p>
</div>
</section>`;
}

function formPage(contact: LetterContact, options: ConsentLetterOptions, version: string): string {
  const { profile } = options;
  const t = consentTextDe;
  const authority = profile.state ? authorities[profile.state] : null;
  const mobile = contact.phones.find((p) => p.kind === 'mobile') ?? contact.phones[0];
  const offered = messengers.filter((m) => profile.messengers[m]).map((m) => messengerNames[m]);
  const alternatives = offered.length ? ` oder ${offered.join(', ')}` : '';
  const purposes = profile.purposes.map((purpose) => `<div><span class="box"></span>${h(t.purposes[purpose])}</div>`).join('');
  const dpo = profile.dpo?.name ? `<h2>${h(t.dpoHeading)}</h2><p>${h([profile.dpo.name, profile.dpo.address, profile.dpo.email].filter(Boolean).join(', '))}</p>` : '';
  return `<section class="page form-page" data-contact="${contact.id}">
<div class="form">
<div class="version">${h(t.version)} ${h(version)}</div>
<h1>${h(t.formTitle)}</h1>
<div class="who">${h(t.formFor)} <strong>${h(contact.displayName)}</strong>${mobile ? ` · ${h(mobile.e164 ?? mobile.raw)}` : ''}</div>
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
<p>${h(fill(t.voluntary, { alternatives }))}</p>
<p><strong>${h(t.retentionHeading)}</strong> ${h(profile.retention)}</p>
<p>${h(fill(t.withdrawal, { email: profile.email }))}</p>
<p>${h(t.rights)} ${authority ? h(`${authority.name}, ${authority.street}, ${authority.town}`) : ''}.${profile.privacyUrl ? ` ${h(t.privacyPolicy)} ${h(profile.privacyUrl)}` : ''}</p>
<div class="signatures"><div>${h(t.placeDate)}</div><div>${h(t.signature)} (${h(contact.displayName)})</div></div>
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
  const missing = missingProfileFields(options.profile);
  if (missing.length) throw new ProfileIncompleteError(missing);
  const version = consentTextVersion(options.profile);
  const recommended = recommendation(options.profile);
  // The same QR code on every letter: made once.
  const qr = recommended ? `<div class="qr">${qrImage(recommended.link, 26, recommended.link)}<div>${h(messengerNames[recommended.messenger])}</div></div>` : '';
  const letters: string[] = [];
  const printed: number[] = [];
  const withoutAddress: ConsentLetters['withoutAddress'] = [];
  for (const contact of options.contacts) {
    const lines = addressBlock(contact, { language: 'de', homeCountry: options.homeCountry });
    if (!lines) {
      withoutAddress.push({ id: contact.id, displayName: contact.displayName });
      continue;
    }
    letters.push(`${letterPage(contact, lines, options, version, recommended, qr)}\n${formPage(contact, options, version)}`);
    printed.push(contact.id);
  }
  const head = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>${h(consentTextDe.formTitle)}</title><style>${styles(options.form)}</style></head><body>`;
  const document = (letters: string[]) => `${head}${letters.join('\n')}</body></html>`;
  const documents = (perDocument: number) => {
    const parts: string[] = [];
    for (let i = 0; i < letters.length; i += perDocument) parts.push(document(letters.slice(i, i + perDocument)));
    return parts;
  };
  return { html: document(letters), documents, printed, withoutAddress, version };
}
