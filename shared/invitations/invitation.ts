import { businessDetails } from '../letters/business-details';
import { messengerLink } from '../letters/messenger-links';
import { messengerDescription, messengerNames } from '../messengers/catalogue';
import type { InvitationProfileField } from './profile-field';
import { salutation, type LetterLanguage } from '../letters/salutation';
import { formalByKind, messagingPhone } from '../model/contact-terms';
import type { Contact, Phone } from '../model/contact';
import type { Profile } from '../model/profile';
import { messengers, type Messenger, type Target } from '../model/tracking-terms';
import {
  defaultTemplates,
  fillTemplate,
  messageChannels,
  placeholdersIn,
  type InvitationKind,
  type PlaceholderValues,
  type TemplateCatalogue,
  type TemplateChannel,
} from './templates';

export type InvitationChannel = 'whatsapp' | 'sms' | 'email' | 'letter';

/**
 * Why an invitation offers neither WhatsApp nor SMS: the contact's numbers are landlines (libphonenumber's
 * type, see shared/phone.ts), none of them is a valid number, or there is no number at all.
 */
export const noMessagingReasons = ['landline_only', 'invalid_numbers', 'no_phone'] as const;
export type NoMessagingReason = (typeof noMessagingReasons)[number];

/** The order the fields are named in: as the profile form lists them. */
const profileFieldOrder: readonly InvitationProfileField[] = [
  'name',
  'representative',
  ...messengers.map((m) => `messengers.${m}` as const),
];

export interface Invitation {
  id: number;
  /** The language and the Du or Sie the texts are in (the contact's, see invitationParts). */
  language: LetterLanguage;
  formal: boolean;
  /** The channel that reaches the contact first: WhatsApp (a mobile number), else e-mail, else only a letter. */
  channel: InvitationChannel;
  subject: string;
  /** The message for that channel (the e-mail, else the chat text); never the letter's text, which speaks of a QR code. */
  text: string;
  texts: Record<TemplateChannel, string>;
  links: { whatsapp: string | null; sms: string | null; messenger: string | null; mailto: string | null };
  /** The target the texts ask for: the contact's own, else the one chosen for this invitation. */
  target: Target | null;
  /** The contact has no target and none was chosen: the office is asked first, the texts are empty until then. */
  needsTarget: boolean;
  /** What to offer first when asking: the messenger the business recommends (or the first it is on). */
  suggestedTarget: Messenger | null;
  /**
   * Profile fields the texts use but that are still empty: the texts would read "öffnen Sie ." or end
   * without a sender. While any is missing, no link sends the text.
   */
  missingProfile: InvitationProfileField[];
  /** Why WhatsApp and SMS are not offered (with the numbers concerned, as stored); null when they are. */
  noMessaging: { reason: NoMessagingReason; numbers: string[] } | null;
}

/** The digits wa.me wants: the E.164 number without "+" (docs/messengers.md). */
export const whatsappLink = (e164: string, text: string) => `https://wa.me/${e164.replace(/\D/g, '')}?text=${encodeURIComponent(text)}`;

export const mailtoLink = (address: string, subject: string, body: string) =>
  `mailto:${encodeURIComponent(address).replace(/%40/g, '@')}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body.replace(/\n/g, '\r\n'))}`;

const isMessenger = (target: string | null | undefined): target is Messenger =>
  !!target && (messengers as readonly string[]).includes(target);

/** The messenger to suggest to a contact without a target: the one the business recommends, else the first it is on. */
export const suggestedTarget = (profile: Profile): Messenger | null =>
  profile.recommendedMessenger ?? messengers.find((m) => profile.messengers[m]?.trim()) ?? null;

export interface InvitationOptions {
  /** The text's language; by default the contact's own. */
  language?: LetterLanguage;
  /** Du or Sie; by default as set for the contact, else informal for employees and formal for everyone else. */
  formal?: boolean;
  /** The office's texts (defaults where it has not changed them). */
  templates?: TemplateCatalogue;
  /** For a contact without a target: the target the office chose for this invitation. The contact's own always wins. */
  target?: Target;
}

const toneOf = (contact: Contact, options: InvitationOptions) => ({
  language: options.language ?? contact.language,
  formal: options.formal ?? contact.formal ?? formalByKind(contact.kind),
});

export interface InvitationParts {
  kind: InvitationKind;
  language: LetterLanguage;
  formal: boolean;
  values: PlaceholderValues;
  messengerUrl: string | null;
  /** Placeholders left empty because the business profile lacks what fills them, with that field. */
  emptyProfileFields: Partial<Record<keyof PlaceholderValues, InvitationProfileField>>;
}

/**
 * Which text a contact gets, Du or Sie, and what its placeholders stand for. The target is the
 * contact's, else the one chosen (options.target), else the suggested messenger: letters on paper and
 * the template preview show that suggestion, while invitationFor asks for a target first.
 */
export function invitationParts(contact: Contact, profile: Profile, options: InvitationOptions = {}): InvitationParts {
  const { language, formal } = toneOf(contact, options);
  const target = contact.target ?? options.target ?? suggestedTarget(profile);
  const messenger = isMessenger(target) ? target : null;
  const kind: InvitationKind = target === 'whatsapp_consent' ? 'consent' : messenger ? 'switch' : 'phone_email';
  const messengerUrl = messenger ? messengerLink(messenger, profile.messengers[messenger]) : null;
  const values: PlaceholderValues = {
    Anrede: salutation(contact, { language, formal }),
    Vorname: contact.givenName ?? '',
    Nachname: contact.familyName ?? '',
    Firma: contact.organization ?? '',
    // The legal form alone ("GmbH") names nobody.
    Betrieb: profile.name.trim() ? [profile.name, profile.legalForm].filter(Boolean).join(' ') : '',
    Messenger: messenger ? messengerNames[messenger] : '',
    // What the office says about that messenger (cost, encryption, who runs it), as in the consent letter.
    Messengerinfo: messenger ? messengerDescription(profile.messengerTexts, messenger, language) : '',
    // Wire and ginlo have no link: the business's id there instead.
    Link: messengerUrl ?? (messenger ? (profile.messengers[messenger]?.trim() ?? '') : ''),
    Absender: profile.representative.trim(),
  };
  const emptyProfileFields: InvitationParts['emptyProfileFields'] = {};
  if (!values.Betrieb) emptyProfileFields.Betrieb = 'name';
  if (!values.Absender) emptyProfileFields.Absender = 'representative';
  if (messenger && !values.Link) emptyProfileFields.Link = `messengers.${messenger}`;
  return { kind, language, formal, values, messengerUrl, emptyProfileFields };
}

/**
 * The number WhatsApp and SMS go to: a mobile number, else one libphonenumber cannot tell from a
 * landline (FIXED_LINE_OR_MOBILE, kind "other"). A landline never: it has neither WhatsApp nor SMS.
 */
function messagingNumber(phones: readonly Phone[]): { e164: string | null; noMessaging: Invitation['noMessaging'] } {
  const number = messagingPhone(phones);
  if (number?.e164) return { e164: number.e164, noMessaging: null };
  const landlines = phones.filter((p) => p.kind === 'landline');
  if (landlines.length) return { e164: null, noMessaging: { reason: 'landline_only', numbers: landlines.map((p) => p.raw) } };
  if (phones.length) return { e164: null, noMessaging: { reason: 'invalid_numbers', numbers: phones.map((p) => p.raw) } };
  return { e164: null, noMessaging: { reason: 'no_phone', numbers: [] } };
}

const noTexts: Record<TemplateChannel, string> = { whatsapp: '', sms: '', email: '', letter: '' };

/** An e-mail is a business letter too: the company details the legal form requires go under it (the letter prints them in its footer). */
function withBusinessDetails(text: string, profile: Profile, language: Invitation['language']): string {
  const details = businessDetails(profile, language);
  return details ? `${text}\n\n--\n${details}` : text;
}

/**
 * A contact's invitation: the texts from the templates for their target (switch messenger, consent
 * letter to come, phone and e-mail), personalised, one per channel, with the links that send each in
 * one tap. A contact without a target gets no texts until one is chosen (`needsTarget`); a text that
 * needs a profile field still empty gets no links (`missingProfile`); WhatsApp and SMS only go to a
 * number that can take them (`noMessaging` says why not), e-mail only to a valid address.
 */
export function invitationFor(contact: Contact, profile: Profile, options: InvitationOptions = {}): Invitation {
  const { language, formal } = toneOf(contact, options);
  const { e164, noMessaging } = messagingNumber(contact.phones);
  const email = contact.emails.find((e) => e.valid)?.address ?? null;
  const channel: InvitationChannel = e164 ? 'whatsapp' : email ? 'email' : 'letter';
  const target = contact.target ?? options.target ?? null;
  const common = { id: contact.id, language, formal, channel, target, suggestedTarget: suggestedTarget(profile), noMessaging };
  if (!target) {
    return {
      ...common,
      needsTarget: true,
      subject: '',
      text: '',
      texts: { ...noTexts },
      links: { whatsapp: null, sms: null, messenger: null, mailto: null },
      missingProfile: [],
    };
  }

  const { kind, values, messengerUrl, emptyProfileFields } = invitationParts(contact, profile, { ...options, target });
  const templates = (options.templates ?? defaultTemplates)[language][formal ? 'formal' : 'informal'][kind];
  const texts = {
    whatsapp: fillTemplate(templates.whatsapp.body, values),
    sms: fillTemplate(templates.sms.body, values),
    email: withBusinessDetails(fillTemplate(templates.email.body, values), profile, language),
    letter: fillTemplate(templates.letter.body, values),
  };
  const subject = fillTemplate(templates.email.subject, values);
  // What the messages would leave empty; the letter's text is never sent from here (letters check the profile when printed).
  const used = messageChannels.flatMap((name) => placeholdersIn(templates[name].subject + templates[name].body));
  const lacking = new Set(used.map((name) => emptyProfileFields[name as keyof PlaceholderValues]));
  const missingProfile = profileFieldOrder.filter((field) => lacking.has(field));
  const sendable = missingProfile.length === 0;
  return {
    ...common,
    needsTarget: false,
    subject,
    text: channel === 'email' ? texts.email : texts.whatsapp,
    texts,
    links: {
      whatsapp: sendable && e164 ? whatsappLink(e164, texts.whatsapp) : null,
      sms: sendable && e164 ? `sms:${e164}?body=${encodeURIComponent(texts.sms)}` : null,
      messenger: messengerUrl,
      mailto: sendable && email ? mailtoLink(email, subject, texts.email) : null,
    },
    missingProfile,
  };
}
