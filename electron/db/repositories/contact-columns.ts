import type { Contact, ContactKind, ContactLanguage } from '../../../shared/model/contact';
import type { InvitationChannel, Messenger, Stage, Target } from '../../../shared/model/tracking';
import type { Gender } from '../../../shared/names';

/** The plain fields of a contact, as the services write them (numbers, e-mails, addresses separately). */
export interface ContactFields {
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  title: string | null;
  gender: Gender | null;
  organization: string | null;
  department: string | null;
  jobTitle: string | null;
  isCompany: boolean;
  customerNumber: string | null;
  birthday: string | null;
  note: string | null;
  kind: ContactKind;
  language: ContactLanguage;
  formal: boolean | null;
  /** Under 18: a parent or guardian signs the consent form too. */
  minor: boolean;
  onWhatsapp: boolean;
  whatsappLastMessageAt: string | null;
  stage: Stage;
  target: Target | null;
  messenger: Messenger | null;
  messengerId: string | null;
  stageChangedAt: string | null;
  invitedAt: string | null;
  invitedChannel: InvitationChannel | null;
  switchedAt: string | null;
  letterSentAt: string | null;
  letterVersion: string | null;
}

/**
 * How a field is stored. SQLite has no booleans: a yes/no field is 0 or 1, and `formal` may be NULL
 * too (the rule by kind), so the compiler asks for `flag` exactly where a field is a boolean.
 * `onInsert`: what a new contact that leaves the field out gets (null unless given), or false where
 * an insert leaves the column to its default (the way off WhatsApp is set as the contact moves on).
 */
type Column<T> = boolean extends T
  ? { name: string; flag: null extends T ? 'nullable' : 'yes/no'; onInsert?: false }
  : { name: string; onInsert?: T | false };

/**
 * The one place a field meets its column: the select list, the insert and update statements and the
 * row → contact conversion below are derived from it, so a new field is added here (and in a
 * migration) alone.
 */
const columns: { [K in keyof ContactFields]: Column<ContactFields[K]> } = {
  displayName: { name: 'display_name' },
  givenName: { name: 'given_name' },
  familyName: { name: 'family_name' },
  title: { name: 'title' },
  gender: { name: 'gender' },
  organization: { name: 'organization' },
  department: { name: 'department' },
  jobTitle: { name: 'job_title' },
  isCompany: { name: 'is_company', flag: 'yes/no' },
  customerNumber: { name: 'customer_number' },
  birthday: { name: 'birthday' },
  note: { name: 'note' },
  kind: { name: 'kind', onInsert: 'other' },
  language: { name: 'language', onInsert: 'de' },
  formal: { name: 'formal', flag: 'nullable', onInsert: false },
  minor: { name: 'minor', flag: 'yes/no' },
  onWhatsapp: { name: 'on_whatsapp', flag: 'yes/no' },
  whatsappLastMessageAt: { name: 'whatsapp_last_message_at' },
  stage: { name: 'status', onInsert: false },
  target: { name: 'target', onInsert: false },
  messenger: { name: 'messenger', onInsert: false },
  messengerId: { name: 'messenger_id', onInsert: false },
  stageChangedAt: { name: 'stage_changed_at', onInsert: false },
  invitedAt: { name: 'invited_at', onInsert: false },
  invitedChannel: { name: 'invited_channel', onInsert: false },
  switchedAt: { name: 'switched_at', onInsert: false },
  letterSentAt: { name: 'letter_sent_at', onInsert: false },
  letterVersion: { name: 'letter_version', onInsert: false },
};

/** A contact the list shows: not deleted (an erased contact is deleted too). */
export const alive = 'deleted_at IS NULL';

type Field = keyof ContactFields;
type AnyColumn = { name: string; flag?: 'nullable' | 'yes/no'; onInsert?: unknown };
const column = (key: Field): AnyColumn => columns[key];
const fields = (Object.keys(columns) as Field[]).map((key) => ({ key, ...column(key) }));

/** A stored field: a boolean as SQLite returns it. */
type Stored<T> = T extends boolean ? 0 | 1 : T;

/** A contact's row as contactSelectList reads it: its fields under their own names, flags still 0/1. */
export type StoredContact = { id: number; revision: number; updatedAt: string } & { [K in Field]: Stored<ContactFields[K]> };

/**
 * The columns a contact is read from, each named as its field (`display_name AS displayName`): the
 * row is then the contact already but for its flags, and no search or sort column is read.
 */
export const contactSelectList = [
  'id',
  ...fields.map(({ key, name }) => (name === key ? key : `${name} AS ${key}`)),
  'revision',
  'updated_at AS updatedAt',
].join(', ');

/** What a contact has beside its row, loaded for many rows at once. */
export type ContactDetails = Pick<Contact, 'phones' | 'emails' | 'addresses' | 'tags'>;

const flags = fields.filter((field) => field.flag);

export function contactFromRow(row: StoredContact, details: ContactDetails): Contact {
  const contact: Record<string, unknown> = { ...row, ...details };
  for (const { key } of flags) contact[key] = row[key] === null ? null : row[key] === 1;
  // The compiler checks that fields, row and details together are a whole Contact.
  return contact as unknown as ContactFields & ContactDetails & Pick<Contact, 'id' | 'revision' | 'updatedAt'>;
}

/** A field's value as its column stores it (for updates). */
export function storedValue(key: Field, value: unknown): unknown {
  const flag = column(key).flag;
  if (flag === 'yes/no') return value ? 1 : 0;
  // Sie, Du or the rule by kind (NULL).
  if (flag === 'nullable') return value === null || value === undefined ? null : value ? 1 : 0;
  return value;
}

/** Keys that name a field (anything else handed to an update is left out). */
export const isContactField = (key: string): key is Field => key in columns;

/** The update of these fields (sorted: one statement per set of fields, prepared once), with named parameters. */
export const updateSql = (keys: readonly Field[]): string =>
  `UPDATE contacts SET ${keys.map((key) => `${column(key).name} = @${key}`).join(', ')} WHERE id = @id`;

const inserted = fields.filter((field) => field.onInsert !== false);
/** Written by an insert after the fields: the import that creates the contact, then the search and list columns. */
const insertedBeside = ['created_by_import', 'search_text', 'search_digits', 'sort_name', 'sort_organization', 'list_mobile'];

/** Positional parameters: an import inserts tens of thousands of contacts. */
export const insertContactSql = `INSERT INTO contacts (${[...inserted.map((field) => field.name), ...insertedBeside].join(', ')})
     VALUES (${[...inserted, ...insertedBeside].map(() => '?').join(', ')})`;

/** The parameters of insertContactSql: the new contact's fields, then those of insertedBeside, in its order. */
export function insertValues(
  contact: Partial<Record<Field, unknown>>,
  importId: number | null,
  search: readonly [searchText: string, searchDigits: string, sortName: string, sortOrganization: string | null, listMobile: string | null],
): unknown[] {
  const values: unknown[] = [];
  for (let i = 0; i < inserted.length; i += 1) {
    const { key, flag, onInsert } = inserted[i]!;
    values.push(flag ? (contact[key] ? 1 : 0) : (contact[key] ?? onInsert ?? null));
  }
  values.push(importId, search[0], search[1], search[2], search[3], search[4]);
  return values;
}
