import type { PhoneKind } from '../phone-kinds';

/**
 * The words of a contact as plain values: kinds, genders, languages, Du or Sie, the overview's lists,
 * the table's sort columns, the number to message. Without zod, so the renderer's first download stays
 * small (issue 20); shared/model/contact.ts adds the schemas and re-exports these.
 */

export const contactKinds = ['customer', 'employee', 'supplier', 'other'] as const;
export type ContactKind = (typeof contactKinds)[number];

export const genders = ['female', 'male', 'diverse'] as const;

/** The languages the office writes to contacts in (invitations, letters); German unless set. */
export const contactLanguages = ['de', 'en'] as const;
export type ContactLanguage = (typeof contactLanguages)[number];

/** Sie, Du, or the rule by kind (null): the choices, keyed as the catalogues name them (contacts.formal.*). */
export const formalChoices = [
  ['formal', true],
  ['informal', false],
  ['auto', null],
] as const;
export type FormalKey = (typeof formalChoices)[number][0];
export const formalKey = (formal: boolean | null | undefined): FormalKey =>
  formalChoices.find(([, value]) => value === (formal ?? null))![0];
/** The rule by kind, for a contact with no Du or Sie of its own: Du for employees, Sie for everyone else. */
export const formalByKind = (kind: ContactKind): boolean => kind !== 'employee';

/**
 * The number WhatsApp (and SMS) can reach: a mobile number, else one the numbering plan cannot tell
 * from a mobile (kind "other"); never a landline (docs/consent-letter.md). The one rule for invitations, the
 * consent form and consent letters.
 */
export const messagingPhone = <P extends { kind: PhoneKind; e164: string | null }>(phones: readonly P[]): P | null =>
  phones.find((p) => p.kind === 'mobile' && p.e164) ?? phones.find((p) => p.kind === 'other' && p.e164) ?? null;

/** The next-step lists of the overview, each a filter of the contact table. */
export const contactViews = ['not_invited', 'invitation_overdue', 'letter_overdue', 'withdrawn'] as const;
export type ContactView = (typeof contactViews)[number];

export const sortColumns = ['name', 'organization', 'kind', 'mobile', 'target', 'stage', 'updatedAt', 'whatsapp'] as const;
