import { messagingPhone, type Contact, type ContactLanguage } from '../model/contact';
import { missingProfileFields, type Profile } from '../model/profile';
import { messengers, type Messenger } from '../model/tracking';
import { addressBlock, wrapped } from './address-block';
import { authorities } from './authorities';
import {
  controllerName,
  din5008,
  dinLetterPage,
  markElements,
  dinLetterStyles,
  letterDate,
  letterDocuments,
  typeSize,
  type LetterDocuments,
  type LetterForm,
} from './din-letter';
import { consentTextDe, type ConsentText } from './consent-text-de';
import { addDays } from '../local-date';
import { consentTextEn } from './consent-text-en';
import { escapeHtml as h } from './html';
import { messengerLink } from './messenger-links';
import { messengerDescription, messengerNames } from '../messengers/catalogue';
import { personal, personalLine } from './layers';
import { qrImage, returnQrImage } from './qr';
import { cornerMarkElements, cornerMarkStyles, RETURN_QR_MM } from '../scan/return-form';
import { formatReturnCode, printedReturnCode, type ReturnCode } from '../scan/return-code';
import { salutation } from './salutation';
import { consentTextVersion } from './consent-text-version';
import { channelList, controllerLine, dpoLine, fill, sentence } from './consent-form-text';

export type { LetterForm } from './din-letter';

export type LetterContact = Pick<
  Contact,
  | 'id'
  | 'displayName'
  | 'givenName'
  | 'familyName'
  | 'title'
  | 'gender'
  | 'organization'
  | 'department'
  | 'isCompany'
  | 'customerNumber'
  | 'addresses'
  | 'phones'
  | 'kind'
  | 'language'
  | 'formal'
  | 'minor'
>;

export interface ConsentLetterOptions {
  profile: Profile;
  contacts: readonly LetterContact[];
  form: LetterForm;
  /** The letter's date (YYYY-MM-DD). */
  date: string;
  homeCountry: string;
  /**
   * The check value of a contact's Rückläufer-Code for this letter (its date and text version), made
   * with the database's key (electron/services/return-codes.ts): printed on the return copy.
   */
  returnCheck: (contactId: number, letterDate: string, version: string) => string;
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

/** The messenger the letter recommends, with its link (the recommended one if it has a link, else the first that has). */
function recommendation(profile: Profile): { messenger: Messenger; link: string } | null {
  const order = [profile.recommendedMessenger, ...messengers].filter((m): m is Messenger => !!m);
  for (const messenger of order) {
    const link = messengerLink(messenger, profile.messengers[messenger]);
    if (link) return { messenger, link };
  }
  return null;
}

/** Escaped text whose web addresses never break at a line's end (a hyphen there reads as part of it). */
const withWholeAddresses = (text: string) =>
  h(text).replace(/(?:https?:\/\/|www\.)[^\s<]+[^\s<.,;:)]/g, (url) => `<span class="nowrap">${url}</span>`);

/** Four weeks to answer: after that the contact is reached by phone and e-mail only. */
export const ANSWER_WITHIN_DAYS = 28;

/** The consent form's own styles, beside the letter's (din-letter.ts): at least 10.5 pt, boxes of 5 mm. */
const formStyles = `
.form { padding: 7mm 20mm 0 25mm; font-size: ${typeSize(10.5)}; line-height: 1.16; }
.form .head { height: 9mm; font-size: ${typeSize(8)}; }
.form .head .copy { font-weight: bold; font-size: ${typeSize(10.5)}; }
.form h1 { font-size: ${typeSize(13)}; margin: 0 0 2mm; line-height: 1.2; }
.form h2 { font-size: ${typeSize(10.5)}; margin: 2mm 0 0.8mm; }
.form p { margin: 0 0 0.6mm; }
.nowrap { white-space: nowrap; }
.form .who { border: 0.3mm solid #000; padding: 1mm 2mm; margin-bottom: 2mm; }
/* Personal lines keep one line's height; what even 8 pt cannot hold ends with an ellipsis at the margin. */
.form .who .personal, .form .signatures .personal, .form .head .personal { display: block; height: 1.16em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.form .choice { display: flex; align-items: flex-start; gap: 2.5mm; margin: 0 0 1.3mm; }
.form .box { flex: none; width: 5mm; height: 5mm; border: 0.3mm solid #000; }
.form .purposes { display: flex; flex-wrap: wrap; column-gap: 6mm; margin: 0 0 0.3mm 7.5mm; }
.form .signatures { display: flex; gap: 7mm; margin-top: 9mm; }
.form .signatures > div:empty { border-top: none; }
.form .signatures > div { flex: 1; min-width: 0; border-top: 0.3mm solid #000; padding-top: 0.8mm; line-height: 1.18; }
.form .head .sign-other { font-weight: normal; }
/* The return copy: the business's address where a DL window envelope shows it (the letter's Form A
   or B, see returnCopyStyles), so the folded sheet goes back in any window envelope. */
.form-return .send-to { position: absolute; left: 25mm; width: 80mm; }
.form-return .send-to .label { font-size: ${typeSize(8)}; height: 5mm; }
.form-return .send-to div { font-size: ${typeSize(10.5)}; line-height: 4.5mm; white-space: nowrap; overflow: hidden; }
.form-return .beside { position: absolute; left: 125mm; width: 65mm; }
/* The Rückläufer-Code: the QR code (personal, a fixed size) and the code in plain text beside it. */
.form-return .return-code { position: absolute; left: 122mm; width: 70mm; height: 27mm; display: flex; align-items: center; gap: 1mm; }
.form-return .return-code div { font-size: ${typeSize(8)}; line-height: 1.3; white-space: nowrap; }
.form-return .return-code b { font-family: 'DejaVu Sans Mono', 'Courier New', monospace; font-weight: normal; font-size: ${typeSize(9)}; }
${cornerMarkStyles}
`;

/** Where the return copy puts the business's address and what stands beside it, for Form A or B. */
const returnCopyStyles = (form: LetterForm) => {
  const pos = din5008[form];
  return `.form-return .send-to { top: ${pos.addressZone - 5}mm; }
.form-return .beside { top: ${pos.infoBlock}mm; }
.form-return .return-code { top: ${pos.infoBlock + 12}mm; }
.form-return .window { height: ${pos.addressZoneEnd + 4 - 7 - 9}mm; }`;
};

/** The function printed under the representative's name. */
function representativeRole(profile: Profile, t: ConsentText): string {
  if (profile.representativeRole.trim()) return profile.representativeRole.trim();
  const form = profile.legalForm.replace(/[\s.]/g, '').toLowerCase();
  if (form === 'ag') return t.roles.board;
  if (/gmbh|^ug|kgaa/.test(form)) return t.roles.managingDirector;
  return t.roles.owner;
}

/** What differs between the letters of one batch, from the contact. */
function variantOf(contact: Pick<LetterContact, 'kind' | 'formal' | 'isCompany' | 'givenName' | 'familyName' | 'minor'>) {
  const employee = contact.kind === 'employee';
  return {
    employee,
    // Employees as the office addresses them (Du unless set otherwise); everyone else with Sie.
    formal: employee ? contact.formal === true : true,
    // A company without a person: only a person can consent, the form asks who signs.
    company: contact.isCompany && !contact.givenName && !contact.familyName,
    minor: contact.minor,
  };
}

function letterPage(
  contact: LetterContact,
  lines: string[],
  options: ConsentLetterOptions,
  version: string,
  recommended: ReturnType<typeof recommendation>,
  qr: string,
): string {
  const { profile } = options;
  const { language } = contact;
  const t = consentTexts[language];
  const variant = variantOf(contact);
  const informal = !variant.formal;
  const intro = variant.employee ? (informal ? t.introEmployeeInformal : t.introEmployee) : t.intro;
  const choices = informal ? t.optionsInformal : t.options;
  const switchOption = recommended
    ? `<li>${withWholeAddresses(fill(choices.switch, { messenger: messengerNames[recommended.messenger], facts: messengerDescription(profile.messengerTexts, recommended.messenger, language), link: recommended.link }))}</li>`
    : '';
  const deadline = fill(informal ? t.deadlineInformal : t.deadline, {
    date: letterDate(addDays(options.date, ANSWER_WITHIN_DAYS), language),
    phone: profile.phone,
  });
  return dinLetterPage({
    profile,
    contactId: contact.id,
    language,
    addressLines: lines,
    info: [
      ...(contact.customerNumber ? [[t.customerNumber, contact.customerNumber] as const] : []),
      [t.ourReference, letterReference(version, contact)],
      [t.contactPerson, profile.representative],
      [t.phone, profile.phone],
      [t.email, profile.email],
      [t.date, letterDate(options.date, language)],
    ],
    body: `<p class="subject">${h(t.subject)}</p>
<p class="salutation personal last-personal">${personalLine(h(salutation(contact, { language, formal: variant.formal })), 70)}</p>
${qr}
<p>${h(intro.join(' '))}</p>
<ul class="options">${switchOption}<li>${h(choices.consent)}</li><li>${h(choices.phone)}</li></ul>
<p>${h(deadline)}</p>
<div class="closing"><p>${h(informal ? t.regardsInformal : t.regards)}<br>${h(controllerName(profile))}</p><p class="signed">${h(profile.representative)}<br>${h(representativeRole(profile, t))}</p></div>
<p class="enclosure">${h(t.enclosure)}</p>`,
  });
}

/** "Unser Zeichen": the text's version and the contact's number, so a returned form finds its contact. */
const letterReference = (version: string, contact: LetterContact) => `${version}/${contact.id}`;

/**
 * The return copy's first row of signature lines, left to right: place and date, the signer's name (a
 * company's form), the signature, a guardian's (a minor's form). The scan reader looks for the
 * signature (and a guardian's) there.
 */
export function signatureLineRoles(
  contact: Pick<LetterContact, 'kind' | 'formal' | 'isCompany' | 'givenName' | 'familyName' | 'minor'>,
): ('placeDate' | 'signer' | 'signature' | 'guardian')[] {
  const variant = variantOf(contact);
  return [
    'placeDate',
    ...(variant.company ? ['signer' as const] : []),
    'signature',
    ...(variant.minor && !variant.company ? ['guardian' as const] : []),
  ];
}

/** A company's form for a minor: the guardian signs on a row of its own below the first (formPage). */
export const guardianSignsBelow = (
  contact: Pick<LetterContact, 'kind' | 'formal' | 'isCompany' | 'givenName' | 'familyName' | 'minor'>,
) => {
  const variant = variantOf(contact);
  return variant.minor && variant.company;
};

/** One copy of the consent form: for the contact's records (all the information) or to return (the declaration, addressed back). */
function formPage(contact: LetterContact, options: ConsentLetterOptions, version: string, copy: 'keep' | 'return'): string {
  const { profile } = options;
  const { language } = contact;
  const t = consentTexts[language];
  const variant = variantOf(contact);
  const business = controllerName(profile);
  const authority = profile.state ? authorities[profile.state] : null;
  // The number the consent is for: the one WhatsApp can reach (a landline is never on the form).
  const mobile = messagingPhone(contact.phones);
  const channels = channelList(profile, t);
  const advertising = profile.purposes.includes('advertising');
  const box = (text: string) => `<div class="choice"><span class="box"></span><span>${h(text)}</span></div>`;
  const purposes = profile.purposes
    .filter((purpose) => purpose !== 'advertising')
    .map((purpose) => box(t.purposes[purpose]))
    .join('');
  const controller = controllerLine(profile, t);
  const dpoText = dpoLine(profile, t);
  const dpo = dpoText ? `<p>${h(dpoText)}</p>` : '';
  const information =
    copy === 'keep'
      ? `<p>${h(fill(t.controller, { controller }))}</p>
${dpo}
<p>${withWholeAddresses(t.data)}</p>
<p>${h(t.transfer)}</p>
<p>${h(fill(variant.employee ? t.legalBasisEmployee : t.legalBasis, { business, channels }))}</p>
<p>${h(fill(t.withdrawal, { email: profile.email, business }))}</p>
<p>${h(fill(t.retention, { retention: sentence(language === 'en' ? profile.retentionEn : profile.retention) }))}</p>
<p>${h(t.rights)}${advertising ? ` ${h(t.objection)}` : ''} ${h(fill(t.complaint, { authority: authority ? `${authority.name}, ${authority.street}, ${authority.town}` : '' }))}${profile.privacyUrl ? ` ${withWholeAddresses(fill(t.privacyPolicy, { url: profile.privacyUrl }))}` : ''}</p>`
      : `<p>${h(t.returnInformation)}</p>`;
  // Signed is the return copy only (the one the business keeps as proof); the copy to keep says so.
  // The lines side by side: only a person consents (a company's form asks who signs), and for a
  // minor a parent or guardian signs too.
  const signatureLines = [
    `<div>${h(t.placeDate)}</div>`,
    ...(variant.company ? [`<div>${h(t.signerNameAndMobile)}</div>`] : []),
    `<div><span class="personal">${personalLine(`${h(t.signature)}${variant.company ? '' : ` (${h(contact.displayName)})`}`, variant.company || variant.minor ? 20 : 34)}</span></div>`,
    ...(variant.minor && !variant.company ? [`<div>${h(t.guardian)}</div>`] : []),
  ];
  // Three lines side by side at most: a company's contact under 18 signs with a guardian on a second row.
  const guardianRow = variant.minor && variant.company ? `<div class="signatures"><div>${h(t.guardian)}</div><div></div></div>` : '';
  const signatures = copy === 'return' ? `<div class="signatures last-personal">${signatureLines.join('')}</div>${guardianRow}` : '';
  // The letter it belongs to (its date and reference, with the contact's number) and the text's version.
  const belongsTo = `${h(fill(t.belongsTo, { date: letterDate(options.date, language), reference: letterReference(version, contact) }))} · ${h(t.version)} ${h(version)}`;
  const copyName = copy === 'keep' ? `${h(t.copyKeep)} <span class="sign-other">(${h(t.signOtherCopy)})</span>` : h(t.copyReturn);
  const head = `<div class="head"><div class="copy">${copyName}</div><span class="personal">${personal(belongsTo)}</span></div>`;
  const title = `<h1>${h(t.formTitle)}</h1>
<div class="who"><span class="personal">${personalLine(`${h(t.formFor)} <strong>${h(contact.displayName)}</strong> · ${mobile ? h(mobile.e164 ?? mobile.raw) : h(t.mobileBlank)}`, 64)}</span></div>`;
  // The return copy: below the head (9 mm), the window row keeps the text clear of the address zone.
  const top =
    copy === 'keep'
      ? `${head}${title}`
      : `${markElements}${cornerMarkElements}${head}<div class="window"></div><div class="send-to"><div class="label">${h(t.returnNote)}</div>${wrapped(
          [business, profile.street, `${profile.postalCode} ${profile.city}`],
        )
          .map((line) => `<div>${h(line)}</div>`)
          .join(
            '',
          )}</div><div class="beside"><p>${h(fill(t.scanEnough, { email: profile.email }))}</p></div>${returnCodeBlock(contact, options, version, t)}${title}`;
  return `<section class="page form-page form-${copy}" data-contact="${personal(String(contact.id))}" lang="${language}">
<div class="form">
${top}
<p>${h(fill(t.act, { business, number: profile.whatsappNumber }))}</p>
${information}
<h2>${h(t.decisionHeading)}</h2>
<p>${h(fill(t.consentFor, { business }))}</p>
<div class="purposes">${purposes}</div>
${advertising ? box(fill(t.advertising, { business })) : ''}
${box(t.transferConsent)}
${box(t.refusal)}
${signatures}
</div>
</section>`;
}

/** The return copy's QR code and its Rückläufer-Code in plain text: a personal part of fixed size. */
function returnCodeBlock(contact: LetterContact, options: ConsentLetterOptions, version: string, t: ConsentText): string {
  const parts = { contactId: contact.id, letterDate: options.date, version };
  const code: ReturnCode = { ...parts, check: options.returnCheck(contact.id, options.date, version) };
  const [first, second] = printedReturnCode(code);
  return `<div class="return-code personal">${personal(
    `${returnQrImage(formatReturnCode(code), RETURN_QR_MM, t.returnCode)}<div>${h(t.returnCode)}<br><b>${first}</b><br><b>${second}</b></div>`,
  )}</div>`;
}

/**
 * The consent letters for a selection as one HTML document: per contact a DIN 5008 letter (page 1,
 * for the window envelope) and the consent form twice: a copy to keep with all the information
 * (page 2) and a copy to sign and return, addressed to the business for a window envelope (page 3). The same HTML is shown
 * in the preview, printed to PDF and sent to the printer.
 */
export function renderConsentLetters(options: ConsentLetterOptions): ConsentLetters {
  const missing = missingProfileFields(options.profile, [...new Set(options.contacts.map((contact) => contact.language))]);
  if (missing.length) throw new ProfileIncompleteError(missing);
  const version = consentTextVersion(options.profile);
  const recommended = recommendation(options.profile);
  // The same QR code on every letter: made once.
  const qr = recommended
    ? `<div class="qr">${qrImage(recommended.link, 26, recommended.link)}<div>${h(messengerNames[recommended.messenger])}</div></div>`
    : '';
  const letters: (() => string)[] = [];
  const printed: number[] = [];
  const withoutAddress: ConsentLetters['withoutAddress'] = [];
  for (const contact of options.contacts) {
    const lines = addressBlock(contact, { language: contact.language, homeCountry: options.homeCountry });
    if (!lines) {
      withoutAddress.push({ id: contact.id, displayName: contact.displayName });
      continue;
    }
    letters.push(() =>
      [
        letterPage(contact, lines, options, version, recommended, qr),
        formPage(contact, options, version, 'keep'),
        formPage(contact, options, version, 'return'),
      ].join('\n'),
    );
    printed.push(contact.id);
  }
  return {
    ...letterDocuments(consentTextDe.formTitle, dinLetterStyles(options.form) + formStyles + returnCopyStyles(options.form), letters),
    printed,
    withoutAddress,
    version,
  };
}
