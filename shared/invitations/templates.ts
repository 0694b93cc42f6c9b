import type { LetterLanguage } from '../letters/salutation';

/** What an invitation asks for: switching messenger, the consent letter that follows, or phone and e-mail. */
export type InvitationKind = 'switch' | 'consent' | 'phone_email';

/** The placeholders a template may use; anything else in {{…}} is flagged before a text is used. */
export const placeholderNames = [
  'Anrede',
  'Vorname',
  'Nachname',
  'Firma',
  'Betrieb',
  'Messenger',
  'Messengerinfo',
  'Link',
  'Absender',
] as const;
export type PlaceholderValues = Record<(typeof placeholderNames)[number], string>;

export interface Template {
  subject: string;
  body: string;
}

/**
 * Where a text goes: each has its own length and form (an SMS is short, an e-mail has a subject and a
 * closing, a letter is printed in the DIN 5008 frame with the messenger's QR code).
 */
export const templateChannels = ['whatsapp', 'sms', 'email', 'letter'] as const;
export type TemplateChannel = (typeof templateChannels)[number];
/** The channels a text is read on a screen: nobody can scan a QR code there. */
export const messageChannels = ['whatsapp', 'sms', 'email'] as const satisfies readonly TemplateChannel[];

export type ChannelTemplates = Record<TemplateChannel, Template>;
export type TemplateCatalogue = Record<LetterLanguage, Record<'formal' | 'informal', Record<InvitationKind, ChannelTemplates>>>;
export const invitationKinds: readonly InvitationKind[] = ['switch', 'consent', 'phone_email'];

const message = (body: string): Template => ({ subject: '', body });

/**
 * The default texts; the office can edit them (the placeholders stay the same). SMS texts avoid
 * characters outside the GSM alphabet (such as "–"), which would shrink an SMS from 160 to 70 characters.
 */
export const defaultTemplates: TemplateCatalogue = {
  de: {
    formal: {
      switch: {
        whatsapp: message(
          '{{Anrede}}\nwir stellen unsere Kurznachrichten von WhatsApp auf {{Messenger}} um – zum Schutz Ihrer Daten. Sie erreichen uns dort ab sofort: {{Link}}\nVielen Dank!\n{{Absender}}, {{Betrieb}}',
        ),
        sms: message('{{Anrede}} wir schreiben künftig über {{Messenger}} statt WhatsApp: {{Link}} - {{Betrieb}}'),
        email: {
          subject: '{{Betrieb}}: Wir wechseln zu {{Messenger}}',
          body: '{{Anrede}}\n\nwir stellen unsere Kurznachrichten von WhatsApp auf {{Messenger}} um – zum Schutz Ihrer Daten und der Daten unserer anderen Kunden. Sie erreichen uns dort ab sofort: {{Link}}\n\nTelefon und E-Mail bleiben wie gewohnt.\n\nMit freundlichen Grüßen\n{{Absender}}\n{{Betrieb}}',
        },
        letter: {
          subject: 'Wir wechseln von WhatsApp zu {{Messenger}}',
          body: '{{Anrede}}\n\nwir stellen unsere Kurznachrichten von WhatsApp auf {{Messenger}} um. WhatsApp lädt die Telefonnummern aus dem Adressbuch eines Handys zum Betreiber in die USA hoch – auch Ihre Nummer aus unserem Firmenhandy. {{Messenger}} tut das nicht ({{Messengerinfo}}).\n\nSie erreichen uns dort ab sofort: Scannen Sie einfach den QR-Code oder öffnen Sie {{Link}}. Telefon und E-Mail bleiben wie gewohnt.\n\nMit freundlichen Grüßen\n\n{{Absender}}\n{{Betrieb}}',
        },
      },
      consent: {
        whatsapp: message(
          '{{Anrede}}\ndamit wir Ihnen weiter per WhatsApp schreiben dürfen, brauchen wir Ihre schriftliche Einwilligung. Die Erklärung kommt in den nächsten Tagen per Post.\nVielen Dank!\n{{Absender}}, {{Betrieb}}',
        ),
        sms: message('{{Anrede}} für WhatsApp brauchen wir Ihre schriftliche Einwilligung, das Formular kommt per Post. - {{Betrieb}}'),
        email: {
          subject: '{{Betrieb}}: Ihre Einwilligung für WhatsApp',
          body: '{{Anrede}}\n\ndamit wir Ihnen weiter per WhatsApp schreiben dürfen, brauchen wir Ihre schriftliche Einwilligung. Die Erklärung kommt in den nächsten Tagen per Post; bitte senden Sie sie unterschrieben an uns zurück.\n\nMit freundlichen Grüßen\n{{Absender}}\n{{Betrieb}}',
        },
        letter: {
          subject: 'Ihre Einwilligung für WhatsApp',
          body: '{{Anrede}}\n\ndamit wir Ihnen weiter per WhatsApp schreiben dürfen, brauchen wir Ihre schriftliche Einwilligung: WhatsApp lädt die Nummern aus dem Adressbuch unseres Firmenhandys zum Betreiber in die USA hoch. Die Einwilligungserklärung schicken wir Ihnen in den nächsten Tagen; bitte senden Sie sie unterschrieben an uns zurück.\n\nMit freundlichen Grüßen\n\n{{Absender}}\n{{Betrieb}}',
        },
      },
      phone_email: {
        whatsapp: message(
          '{{Anrede}}\nzum Schutz Ihrer Daten schreiben wir Ihnen künftig nicht mehr per WhatsApp, sondern melden uns per Telefon oder E-Mail.\nVielen Dank!\n{{Absender}}, {{Betrieb}}',
        ),
        sms: message('{{Anrede}} zum Schutz Ihrer Daten melden wir uns künftig per Telefon oder E-Mail statt per WhatsApp. - {{Betrieb}}'),
        email: {
          subject: '{{Betrieb}}: Wir erreichen Sie künftig per Telefon und E-Mail',
          body: '{{Anrede}}\n\nzum Schutz Ihrer Daten schreiben wir Ihnen künftig nicht mehr per WhatsApp, sondern melden uns per Telefon oder E-Mail.\n\nMit freundlichen Grüßen\n{{Absender}}\n{{Betrieb}}',
        },
        letter: {
          subject: 'Wir erreichen Sie künftig per Telefon und E-Mail',
          body: '{{Anrede}}\n\nzum Schutz Ihrer Daten schreiben wir Ihnen künftig nicht mehr per WhatsApp, sondern melden uns per Telefon oder E-Mail. Für Sie ändert sich sonst nichts.\n\nMit freundlichen Grüßen\n\n{{Absender}}\n{{Betrieb}}',
        },
      },
    },
    informal: {
      switch: {
        whatsapp: message(
          '{{Anrede}}\nwir stellen unsere Nachrichten von WhatsApp auf {{Messenger}} um – wegen des Datenschutzes. Du erreichst uns dort ab sofort: {{Link}}\nDanke dir!\n{{Absender}}',
        ),
        sms: message('{{Anrede}} wir schreiben ab jetzt über {{Messenger}} statt WhatsApp: {{Link}} - {{Absender}}'),
        email: {
          subject: '{{Betrieb}}: Wir wechseln zu {{Messenger}}',
          body: '{{Anrede}}\n\nwir stellen unsere Nachrichten von WhatsApp auf {{Messenger}} um – wegen des Datenschutzes. Du erreichst uns dort ab sofort: {{Link}}\n\nViele Grüße\n{{Absender}}',
        },
        letter: {
          subject: 'Wir wechseln von WhatsApp zu {{Messenger}}',
          body: '{{Anrede}}\n\nwir stellen unsere Nachrichten von WhatsApp auf {{Messenger}} um – wegen des Datenschutzes: WhatsApp lädt die Nummern aus dem Adressbuch unseres Firmenhandys in die USA hoch, {{Messenger}} nicht ({{Messengerinfo}}).\n\nDu erreichst uns dort ab sofort: Scann einfach den QR-Code oder öffne {{Link}}.\n\nViele Grüße\n\n{{Absender}}',
        },
      },
      consent: {
        whatsapp: message(
          '{{Anrede}}\ndamit wir dir weiter per WhatsApp schreiben dürfen, brauchen wir deine schriftliche Einwilligung. Das Formular bekommst du in den nächsten Tagen.\nDanke dir!\n{{Absender}}',
        ),
        sms: message('{{Anrede}} für WhatsApp brauchen wir deine schriftliche Einwilligung, das Formular kommt. - {{Absender}}'),
        email: {
          subject: '{{Betrieb}}: Deine Einwilligung für WhatsApp',
          body: '{{Anrede}}\n\ndamit wir dir weiter per WhatsApp schreiben dürfen, brauchen wir deine schriftliche Einwilligung. Das Formular bekommst du in den nächsten Tagen; bitte unterschreib es und gib es uns zurück.\n\nViele Grüße\n{{Absender}}',
        },
        letter: {
          subject: 'Deine Einwilligung für WhatsApp',
          body: '{{Anrede}}\n\ndamit wir dir weiter per WhatsApp schreiben dürfen, brauchen wir deine schriftliche Einwilligung. Das Formular bekommst du in den nächsten Tagen; bitte unterschreib es und gib es uns zurück.\n\nViele Grüße\n\n{{Absender}}',
        },
      },
      phone_email: {
        whatsapp: message(
          '{{Anrede}}\nwegen des Datenschutzes schreiben wir dir künftig nicht mehr per WhatsApp, sondern melden uns per Telefon oder E-Mail.\nDanke dir!\n{{Absender}}',
        ),
        sms: message(
          '{{Anrede}} wegen des Datenschutzes melden wir uns künftig per Telefon oder E-Mail statt per WhatsApp. - {{Absender}}',
        ),
        email: {
          subject: '{{Betrieb}}: Künftig per Telefon und E-Mail',
          body: '{{Anrede}}\n\nwegen des Datenschutzes schreiben wir dir künftig nicht mehr per WhatsApp, sondern melden uns per Telefon oder E-Mail.\n\nViele Grüße\n{{Absender}}',
        },
        letter: {
          subject: 'Künftig per Telefon und E-Mail',
          body: '{{Anrede}}\n\nwegen des Datenschutzes schreiben wir dir künftig nicht mehr per WhatsApp, sondern melden uns per Telefon oder E-Mail.\n\nViele Grüße\n\n{{Absender}}',
        },
      },
    },
  },
  en: {
    formal: {
      switch: {
        whatsapp: message(
          '{{Anrede}}\nTo protect your data we are moving our messages from WhatsApp to {{Messenger}}. You can reach us there from now on: {{Link}}\nThank you!\n{{Absender}}, {{Betrieb}}',
        ),
        sms: message('{{Anrede}} we are moving our messages from WhatsApp to {{Messenger}}: {{Link}} - {{Betrieb}}'),
        email: {
          subject: '{{Betrieb}}: we are moving to {{Messenger}}',
          body: '{{Anrede}}\n\nTo protect your data and that of our other customers, we are moving our messages from WhatsApp to {{Messenger}}. You can reach us there from now on: {{Link}}\n\nPhone and e-mail stay as they are.\n\nKind regards\n{{Absender}}\n{{Betrieb}}',
        },
        letter: {
          subject: 'We are moving from WhatsApp to {{Messenger}}',
          body: "{{Anrede}}\n\nWe are moving our messages from WhatsApp to {{Messenger}}. WhatsApp uploads the phone numbers in a phone's address book to its operator in the USA – including your number from our business phone. {{Messenger}} does not.\n\nYou can reach us there from now on: simply scan the QR code or open {{Link}}. Phone and e-mail stay as they are.\n\nKind regards\n\n{{Absender}}\n{{Betrieb}}",
        },
      },
      consent: {
        whatsapp: message(
          '{{Anrede}}\nTo keep writing to you on WhatsApp we need your written consent. The form will reach you by post in the next few days.\nThank you!\n{{Absender}}, {{Betrieb}}',
        ),
        sms: message('{{Anrede}} to keep using WhatsApp we need your written consent; the form comes by post. - {{Betrieb}}'),
        email: {
          subject: '{{Betrieb}}: your consent for WhatsApp',
          body: '{{Anrede}}\n\nTo keep writing to you on WhatsApp we need your written consent. The form will reach you by post in the next few days; please sign it and send it back to us.\n\nKind regards\n{{Absender}}\n{{Betrieb}}',
        },
        letter: {
          subject: 'Your consent for WhatsApp',
          body: "{{Anrede}}\n\nTo keep writing to you on WhatsApp we need your written consent: WhatsApp uploads the numbers in our business phone's address book to its operator in the USA. We will send you the consent form in the next few days; please sign it and send it back to us.\n\nKind regards\n\n{{Absender}}\n{{Betrieb}}",
        },
      },
      phone_email: {
        whatsapp: message(
          '{{Anrede}}\nTo protect your data we will no longer write to you on WhatsApp but call or e-mail you instead.\nThank you!\n{{Absender}}, {{Betrieb}}',
        ),
        sms: message('{{Anrede}} to protect your data we will call or e-mail you instead of using WhatsApp. - {{Betrieb}}'),
        email: {
          subject: '{{Betrieb}}: we will reach you by phone and e-mail',
          body: '{{Anrede}}\n\nTo protect your data we will no longer write to you on WhatsApp but call or e-mail you instead.\n\nKind regards\n{{Absender}}\n{{Betrieb}}',
        },
        letter: {
          subject: 'We will reach you by phone and e-mail',
          body: '{{Anrede}}\n\nTo protect your data we will no longer write to you on WhatsApp but call or e-mail you instead. Nothing else changes for you.\n\nKind regards\n\n{{Absender}}\n{{Betrieb}}',
        },
      },
    },
    informal: {
      switch: {
        whatsapp: message(
          '{{Anrede}}\nWe are moving our messages from WhatsApp to {{Messenger}} for data protection. Find us there: {{Link}}\nThanks!\n{{Absender}}',
        ),
        sms: message('{{Anrede}} we are moving from WhatsApp to {{Messenger}}: {{Link}} - {{Absender}}'),
        email: {
          subject: '{{Betrieb}}: we are moving to {{Messenger}}',
          body: '{{Anrede}}\n\nWe are moving our messages from WhatsApp to {{Messenger}} for data protection. Find us there: {{Link}}\n\nBest wishes\n{{Absender}}',
        },
        letter: {
          subject: 'We are moving from WhatsApp to {{Messenger}}',
          body: "{{Anrede}}\n\nWe are moving our messages from WhatsApp to {{Messenger}} for data protection: WhatsApp uploads the numbers in our business phone's address book to the USA, {{Messenger}} does not.\n\nFind us there from now on: just scan the QR code or open {{Link}}.\n\nBest wishes\n\n{{Absender}}",
        },
      },
      consent: {
        whatsapp: message(
          '{{Anrede}}\nTo keep writing to you on WhatsApp we need your written consent. The form will reach you in the next few days.\nThanks!\n{{Absender}}',
        ),
        sms: message('{{Anrede}} to keep using WhatsApp we need your written consent; the form is on its way. - {{Absender}}'),
        email: {
          subject: '{{Betrieb}}: your consent for WhatsApp',
          body: '{{Anrede}}\n\nTo keep writing to you on WhatsApp we need your written consent. The form will reach you in the next few days; please sign it and give it back to us.\n\nBest wishes\n{{Absender}}',
        },
        letter: {
          subject: 'Your consent for WhatsApp',
          body: '{{Anrede}}\n\nTo keep writing to you on WhatsApp we need your written consent. The form will reach you in the next few days; please sign it and give it back to us.\n\nBest wishes\n\n{{Absender}}',
        },
      },
      phone_email: {
        whatsapp: message(
          '{{Anrede}}\nFor data protection we will no longer write to you on WhatsApp but call or e-mail you instead.\nThanks!\n{{Absender}}',
        ),
        sms: message('{{Anrede}} for data protection we will call or e-mail you instead of using WhatsApp. - {{Absender}}'),
        email: {
          subject: '{{Betrieb}}: by phone and e-mail from now on',
          body: '{{Anrede}}\n\nFor data protection we will no longer write to you on WhatsApp but call or e-mail you instead.\n\nBest wishes\n{{Absender}}',
        },
        letter: {
          subject: 'By phone and e-mail from now on',
          body: '{{Anrede}}\n\nFor data protection we will no longer write to you on WhatsApp but call or e-mail you instead.\n\nBest wishes\n\n{{Absender}}',
        },
      },
    },
  },
};

const placeholderPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders a template uses (each once), known or not. */
export const placeholdersIn = (template: string): string[] => [
  ...new Set([...template.matchAll(placeholderPattern)].map((match) => match[1]!)),
];

/** Placeholders in a template that do not exist (typos such as {{Vornme}}): shown before the text is used. */
export function unknownPlaceholders(template: string): string[] {
  const known = new Set<string>(placeholderNames);
  return placeholdersIn(template).filter((name) => !known.has(name));
}

/**
 * Whether a text asks the reader to scan a QR code. Only a printed letter carries one; in a chat, an
 * SMS or an e-mail the words would point at nothing.
 */
export const mentionsQrCode = (text: string): boolean => /\bQR\b/i.test(text);

export class UnknownPlaceholderError extends Error {
  constructor(readonly names: string[]) {
    super(`unknown placeholders: ${names.join(', ')}`);
  }
}

/**
 * What an empty placeholder leaves behind (no company, no sender yet): a line of bare punctuation
 * goes, and so do a comma before the first word and a dash after the last ("Bernd Schulze, " or
 * "… Link - " without the business's name). One blank line between paragraphs stays.
 */
const tidyEmptyValues = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.trim() === '' || /[\p{L}\p{N}]/u.test(line))
    .map((line) =>
      line
        .replace(/^[ \t]*,[ \t]*/, '')
        .replace(/[ \t]+[-–][ \t]*$/, '')
        .replace(/[ \t]+$/, ''),
    )
    .join('\n')
    // A line that held only an empty value: no double gap, nothing after the end.
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd();

/** Fills a template; refuses one with unknown placeholders instead of sending "{{Vornme}}" to a customer. */
export function fillTemplate(template: string, values: PlaceholderValues): string {
  const unknown = unknownPlaceholders(template);
  if (unknown.length) throw new UnknownPlaceholderError(unknown);
  return tidyEmptyValues(template.replace(placeholderPattern, (_, name: string) => values[name as keyof PlaceholderValues]));
}
