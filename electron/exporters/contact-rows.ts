import { translate } from '../../shared/i18n';
import { localDateOf } from '../../shared/local-date';
import type { Address, Contact } from '../../shared/model/contact';
import type { Language } from '../../shared/model/settings';
import { purposes, type Consent } from '../../shared/model/tracking';

/**
 * The rows of the contact list's export (Excel and CSV), one module for both so that they cannot
 * drift apart. The headers are ones the app's own importer recognises (electron/importers/column-headers.ts):
 * an exported list imported again gives the same people, numbers, e-mails and addresses. The columns
 * of the app's own state (stage, target, consent, dates) are listed there as known-but-ignored: an
 * import never sets a stage or records a consent, which needs its proof.
 */

/** A cell: text, a calendar day (YYYY-MM-DD, written as a date by each format), or nothing. */
export type ExportCell = string | { date: string } | null;

/** What the row builder needs of a consent. */
export type ExportConsent = Pick<Consent, 'purpose' | 'givenAt' | 'textVersion' | 'withdrawnAt'>;

const columnKeys = [
  'gender',
  'title',
  'givenName',
  'familyName',
  'organization',
  'department',
  'jobTitle',
  'mobile',
  'phone',
  'email',
  'street',
  'postalCode',
  'city',
  'region',
  'country',
  'moreAddresses',
  'customerNumber',
  'birthday',
  'kind',
  'language',
  'note',
  'tags',
  'stage',
  'target',
  'consentPurposes',
  'consentDate',
  'consentVersion',
  'consentWithdrawn',
  'invitedAt',
  'switchedAt',
  'letterSentAt',
  'stageChangedAt',
  'updatedAt',
] as const;
type ColumnKey = (typeof columnKeys)[number];

/** Column widths in characters, for the Excel file. */
const widths: Partial<Record<ColumnKey, number>> = {
  email: 30,
  note: 40,
  moreAddresses: 40,
  consentPurposes: 40,
  street: 28,
  organization: 28,
};

export interface ExportColumn {
  key: ColumnKey;
  header: string;
  width: number;
  /** Holds calendar days. */
  date: boolean;
}

const dateKeys: ReadonlySet<ColumnKey> = new Set([
  'consentDate',
  'consentWithdrawn',
  'invitedAt',
  'switchedAt',
  'letterSentAt',
  'stageChangedAt',
  'updatedAt',
]);

/** The columns with their headers in the office's language (both are headers the importer knows). */
export const exportColumns = (language: Language): ExportColumn[] =>
  columnKeys.map((key) => ({
    key,
    header: translate(language, `export.columns.${key}`),
    width: widths[key] ?? (dateKeys.has(key) ? 12 : 18),
    date: dateKeys.has(key),
  }));

/** A stored date or moment as the office's calendar day (a moment in UTC is the local day it was). */
const day = (value: string | null): ExportCell => {
  const date = value ? localDateOf(value) : null;
  return date ? { date } : null;
};

const text = (value: string | null | undefined): string | null => (value ? value : null);

/** Several values in one cell, as the importer splits them again ("0171 1234567; 030 987654"). */
const list = (values: readonly string[]): string | null => (values.length ? values.join('; ') : null);

const addressLine = (address: Address): string =>
  [address.street, [address.postalCode, address.city].filter(Boolean).join(' '), address.region, address.country]
    .filter(Boolean)
    .join(', ');

/**
 * The consent the columns show: the consents in force (not withdrawn) if any, else the last withdrawn
 * one's purposes with the day of the withdrawal. Day and text version are those of the latest.
 */
function consentCells(consents: readonly ExportConsent[], language: Language): ExportCell[] {
  const active = consents.filter((consent) => consent.withdrawnAt === null);
  const shown = active.length ? active : consents;
  if (shown.length === 0) return [null, null, null, null];
  const latest = shown.reduce((last, consent) => (consent.givenAt >= last.givenAt ? consent : last));
  const group = active.length ? active : consents.filter((consent) => consent.withdrawnAt === latest.withdrawnAt);
  const chosen = purposes.filter((purpose) => group.some((consent) => consent.purpose === purpose));
  const withdrawn = active.length ? null : shown.reduce((last, c) => ((c.withdrawnAt ?? '') > last ? c.withdrawnAt! : last), '');
  return [
    chosen.map((purpose) => translate(language, `tracking.purposes.${purpose}`)).join(', '),
    day(latest.givenAt),
    latest.textVersion,
    day(withdrawn || null),
  ];
}

/**
 * One contact's cells, in the order of exportColumns. Numbers are written as they stood in the source
 * or the form (`raw`): read again with the office's region they give the same number (E.164) and the
 * same text, and a number the app could not read stays as it was.
 */
export function exportRow(contact: Contact, consents: readonly ExportConsent[], language: Language): ExportCell[] {
  const [address, ...moreAddresses] = contact.addresses;
  const label = (key: string) => translate(language, key);
  return [
    contact.gender ? label(`tracking.genders.${contact.gender}`) : null,
    text(contact.title),
    text(contact.givenName),
    // A company without a person's name: its name stands in Firma only, as the importer reads it back.
    text(contact.familyName) ?? (contact.givenName || contact.organization ? null : contact.displayName),
    text(contact.organization),
    text(contact.department),
    text(contact.jobTitle),
    list(contact.phones.filter((phone) => phone.kind === 'mobile').map((phone) => phone.raw)),
    list(contact.phones.filter((phone) => phone.kind !== 'mobile').map((phone) => phone.raw)),
    list(contact.emails.map((email) => email.address)),
    text(address?.street),
    text(address?.postalCode),
    text(address?.city),
    text(address?.region),
    text(address?.country),
    moreAddresses.length ? moreAddresses.map(addressLine).join(' | ') : null,
    text(contact.customerNumber),
    birthdayCell(contact.birthday),
    label(`contacts.kinds.${contact.kind}`),
    label(`contacts.languages.${contact.language}`),
    text(contact.note),
    contact.tags.length ? contact.tags.join(', ') : null,
    label(`tracking.stages.${contact.stage}`),
    contact.target ? label(`tracking.targets.${contact.target}`) : null,
    ...consentCells(consents, language),
    day(contact.invitedAt),
    day(contact.switchedAt),
    day(contact.letterSentAt),
    day(contact.stageChangedAt),
    day(contact.updatedAt),
  ];
}

/** A birthday: a date, or day and month as text ("22.03.") when the year is unknown ("--03-22"). */
function birthdayCell(birthday: string | null): ExportCell {
  if (!birthday) return null;
  const noYear = /^--(\d{2})-(\d{2})$/.exec(birthday);
  return noYear ? `${noYear[2]}.${noYear[1]}.` : day(birthday);
}

/** A calendar day as German Excel writes it: TT.MM.JJJJ. */
export const germanDate = (date: string): string => {
  const [year, month, dayOfMonth] = date.split('-');
  return `${dayOfMonth}.${month}.${year}`;
};
