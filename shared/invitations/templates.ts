import type { LetterLanguage } from '../letters/salutation';

/** What an invitation asks for: switching messenger, the consent letter that follows, or phone and e-mail. */
export type InvitationKind = 'switch' | 'consent' | 'phone_email';

/** The placeholders a template may use; anything else in {{…}} is flagged before a text is used. */
export const placeholderNames = ['Anrede', 'Vorname', 'Nachname', 'Firma', 'Betrieb', 'Messenger', 'Link', 'Absender'] as const;
export type PlaceholderValues = Record<(typeof placeholderNames)[number], string>;

export interface Template {
  subject: string;
  body: string;
}

export type TemplateCatalogue = Record<LetterLanguage, Record<'formal' | 'informal', Record<InvitationKind, Template>>>;
export const invitationKinds: readonly InvitationKind[] = ['switch', 'consent', 'phone_email'];

/** The default texts; the office can edit them (the placeholders stay the same). */
export const defaultTemplates: TemplateCatalogue = {
  de: {
    formal: {
      switch: {
        subject: '{{Betrieb}}: Wir wechseln zu {{Messenger}}',
        body: '{{Anrede}}\nwir stellen unsere Kurznachrichten von WhatsApp auf {{Messenger}} um – zum Schutz Ihrer Daten. Sie erreichen uns dort ab sofort: {{Link}}\nVielen Dank!\n{{Absender}}, {{Betrieb}}',
      },
      consent: {
        subject: '{{Betrieb}}: Ihre Einwilligung für WhatsApp',
        body: '{{Anrede}}\ndamit wir Ihnen weiter per WhatsApp schreiben dürfen, brauchen wir Ihre schriftliche Einwilligung. Die Erklärung kommt in den nächsten Tagen per Post.\nVielen Dank!\n{{Absender}}, {{Betrieb}}',
      },
      phone_email: {
        subject: '{{Betrieb}}: Wir erreichen Sie künftig per Telefon und E-Mail',
        body: '{{Anrede}}\nzum Schutz Ihrer Daten schreiben wir Ihnen künftig nicht mehr per WhatsApp, sondern melden uns per Telefon oder E-Mail.\nVielen Dank!\n{{Absender}}, {{Betrieb}}',
      },
    },
    informal: {
      switch: {
        subject: '{{Betrieb}}: Wir wechseln zu {{Messenger}}',
        body: '{{Anrede}}\nwir stellen unsere Nachrichten von WhatsApp auf {{Messenger}} um – wegen des Datenschutzes. Du erreichst uns dort ab sofort: {{Link}}\nDanke dir!\n{{Absender}}',
      },
      consent: {
        subject: '{{Betrieb}}: Deine Einwilligung für WhatsApp',
        body: '{{Anrede}}\ndamit wir dir weiter per WhatsApp schreiben dürfen, brauchen wir deine schriftliche Einwilligung. Das Formular bekommst du in den nächsten Tagen.\nDanke dir!\n{{Absender}}',
      },
      phone_email: {
        subject: '{{Betrieb}}: Künftig per Telefon und E-Mail',
        body: '{{Anrede}}\nwegen des Datenschutzes schreiben wir dir künftig nicht mehr per WhatsApp, sondern melden uns per Telefon oder E-Mail.\nDanke dir!\n{{Absender}}',
      },
    },
  },
  en: {
    formal: {
      switch: {
        subject: '{{Betrieb}}: we are moving to {{Messenger}}',
        body: '{{Anrede}}\nto protect your data we are moving our messages from WhatsApp to {{Messenger}}. You can reach us there from now on: {{Link}}\nThank you!\n{{Absender}}, {{Betrieb}}',
      },
      consent: {
        subject: '{{Betrieb}}: your consent for WhatsApp',
        body: '{{Anrede}}\nto keep writing to you on WhatsApp we need your written consent. The form will reach you by post in the next few days.\nThank you!\n{{Absender}}, {{Betrieb}}',
      },
      phone_email: {
        subject: '{{Betrieb}}: we will reach you by phone and e-mail',
        body: '{{Anrede}}\nto protect your data we will no longer write to you on WhatsApp but call or e-mail you instead.\nThank you!\n{{Absender}}, {{Betrieb}}',
      },
    },
    informal: {
      switch: {
        subject: '{{Betrieb}}: we are moving to {{Messenger}}',
        body: '{{Anrede}}\nwe are moving our messages from WhatsApp to {{Messenger}} for data protection. Find us there: {{Link}}\nThanks!\n{{Absender}}',
      },
      consent: {
        subject: '{{Betrieb}}: your consent for WhatsApp',
        body: '{{Anrede}}\nto keep writing to you on WhatsApp we need your written consent. The form will reach you in the next few days.\nThanks!\n{{Absender}}',
      },
      phone_email: {
        subject: '{{Betrieb}}: by phone and e-mail from now on',
        body: '{{Anrede}}\nfor data protection we will no longer write to you on WhatsApp but call or e-mail you instead.\nThanks!\n{{Absender}}',
      },
    },
  },
};

const placeholderPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Placeholders in a template that do not exist (typos such as {{Vornme}}): shown before the text is used. */
export function unknownPlaceholders(template: string): string[] {
  const known = new Set<string>(placeholderNames);
  return [...new Set([...template.matchAll(placeholderPattern)].map((match) => match[1]!).filter((name) => !known.has(name)))];
}

export class UnknownPlaceholderError extends Error {
  constructor(readonly names: string[]) {
    super(`unknown placeholders: ${names.join(', ')}`);
  }
}

/** Fills a template; refuses one with unknown placeholders instead of sending "{{Vornme}}" to a customer. */
export function fillTemplate(template: string, values: PlaceholderValues): string {
  const unknown = unknownPlaceholders(template);
  if (unknown.length) throw new UnknownPlaceholderError(unknown);
  return template.replace(placeholderPattern, (_, name: string) => values[name as keyof PlaceholderValues]).replace(/[ \t]+\n/g, '\n');
}
