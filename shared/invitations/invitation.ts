import { messengerLink } from '../letters/messenger-links';
import { messengerDescription, messengerNames } from '../messengers/catalogue';
import { salutation, type LetterLanguage } from '../letters/salutation';
import type { Contact } from '../model/contact';
import type { Profile } from '../model/profile';
import { messengers, type Messenger } from '../model/tracking';
import { defaultTemplates, fillTemplate, type InvitationKind, type PlaceholderValues, type TemplateCatalogue, type TemplateChannel } from './templates';

export type InvitationChannel = 'whatsapp' | 'sms' | 'email' | 'letter';

export interface Invitation {
  id: number;
  /** The language and the Du or Sie the texts are in (the contact's, see invitationParts). */
  language: LetterLanguage;
  formal: boolean;
  channel: InvitationChannel;
  subject: string;
  text: string;
  texts: Record<TemplateChannel, string>;
  links: { whatsapp: string | null; sms: string | null; messenger: string | null; mailto: string | null };
}


/** The digits wa.me wants: the E.164 number without "+" (DOMAIN.md §5). */
export const whatsappLink = (e164: string, text: string) => `https://wa.me/${e164.replace(/\D/g, '')}?text=${encodeURIComponent(text)}`;

export const mailtoLink = (address: string, subject: string, body: string) =>
  `mailto:${encodeURIComponent(address).replace(/%40/g, '@')}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body.replace(/\n/g, '\r\n'))}`;

/** The messenger the contact is invited to: their target if it is one, else the one the business recommends. */
function messengerFor(contact: Pick<Contact, 'target'>, profile: Profile): Messenger | null {
  if (contact.target && (messengers as readonly string[]).includes(contact.target)) return contact.target as Messenger;
  return profile.recommendedMessenger ?? messengers.find((m) => profile.messengers[m]) ?? null;
}

export interface InvitationOptions {
  /** The text's language; by default the contact's own. */
  language?: LetterLanguage;
  /** Du or Sie; by default as set for the contact, else informal for employees and formal for everyone else. */
  formal?: boolean;
  /** The office's texts (defaults where it has not changed them). */
  templates?: TemplateCatalogue;
}

/** Which text a contact gets, Du or Sie, and what its placeholders stand for. */
export function invitationParts(
  contact: Contact,
  profile: Profile,
  options: InvitationOptions = {},
): { kind: InvitationKind; language: LetterLanguage; formal: boolean; values: PlaceholderValues; messengerUrl: string | null } {
  const language = options.language ?? contact.language;
  const formal = options.formal ?? contact.formal ?? contact.kind !== 'employee';
  const messenger = messengerFor(contact, profile);
  const kind: InvitationKind = contact.target === 'whatsapp_consent' ? 'consent' : contact.target === 'phone_email' || !messenger ? 'phone_email' : 'switch';
  const messengerUrl = messenger ? messengerLink(messenger, profile.messengers[messenger]) : null;
  const values: PlaceholderValues = {
    Anrede: salutation(contact, { language, formal }),
    Vorname: contact.givenName ?? '',
    Nachname: contact.familyName ?? '',
    Firma: contact.organization ?? '',
    Betrieb: [profile.name, profile.legalForm].filter(Boolean).join(' '),
    Messenger: messenger ? messengerNames[messenger] : '',
    // What the office says about that messenger (cost, encryption, who runs it), as in the consent letter.
    Messengerinfo: messenger ? messengerDescription(profile.messengerTexts, messenger, language) : '',
    // Wire and ginlo have no link: the business's id there instead.
    Link: messengerUrl ?? (messenger ? (profile.messengers[messenger] ?? '') : ''),
    Absender: profile.representative,
  };
  return { kind, language, formal, values, messengerUrl };
}

/**
 * A contact's invitation: the texts from the templates for their target (switch messenger, consent
 * letter to come, phone and e-mail), personalised, one per channel, with the links that send each in
 * one tap. `text` is the one for the channel that reaches them first (WhatsApp, else e-mail, else a letter).
 */
export function invitationFor(contact: Contact, profile: Profile, options: InvitationOptions = {}): Invitation {
  const { kind, language, formal, values, messengerUrl } = invitationParts(contact, profile, options);
  const templates = (options.templates ?? defaultTemplates)[language][formal ? 'formal' : 'informal'][kind];
  const texts = {
    whatsapp: fillTemplate(templates.whatsapp.body, values),
    sms: fillTemplate(templates.sms.body, values),
    email: fillTemplate(templates.email.body, values),
    letter: fillTemplate(templates.letter.body, values),
  };
  const subject = fillTemplate(templates.email.subject, values);
  const mobile = contact.phones.find((p) => p.kind === 'mobile' && p.e164) ?? contact.phones.find((p) => p.e164);
  const email = contact.emails[0]?.address ?? null;
  const channel: InvitationChannel = mobile ? 'whatsapp' : email ? 'email' : 'letter';
  return {
    id: contact.id,
    language,
    formal,
    channel,
    subject,
    text: texts[channel],
    texts,
    links: {
      whatsapp: mobile?.e164 ? whatsappLink(mobile.e164, texts.whatsapp) : null,
      sms: mobile?.e164 ? `sms:${mobile.e164}?body=${encodeURIComponent(texts.sms)}` : null,
      messenger: messengerUrl,
      mailto: email ? mailtoLink(email, subject, texts.email) : null,
    },
  };
}
