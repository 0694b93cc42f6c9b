import type { Database } from 'better-sqlite3';
import type { Address, Contact, ContactKind, Email, Phone } from '../../../shared/model/contact';
import type { Gender } from '../../../shared/names';

interface ContactRow {
  id: number;
  display_name: string;
  given_name: string | null;
  family_name: string | null;
  title: string | null;
  gender: Gender | null;
  organization: string | null;
  department: string | null;
  job_title: string | null;
  is_company: number;
  customer_number: string | null;
  birthday: string | null;
  note: string | null;
  kind: ContactKind;
  status: string;
  messenger: string | null;
  on_whatsapp: number;
  whatsapp_last_message_at: string | null;
  revision: number;
  updated_at: string;
}

/** The plain fields of a contact, as the services write them (children separately). */
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
  onWhatsapp: boolean;
  whatsappLastMessageAt: string | null;
}

export type NewContact = Partial<Omit<ContactFields, 'kind'>> & {
  displayName: string;
  kind?: ContactKind | null;
  phones?: Phone[];
  emails?: Email[];
  addresses?: Address[];
};

export const contactFieldColumns: Record<keyof ContactFields, string> = {
  displayName: 'display_name',
  givenName: 'given_name',
  familyName: 'family_name',
  title: 'title',
  gender: 'gender',
  organization: 'organization',
  department: 'department',
  jobTitle: 'job_title',
  isCompany: 'is_company',
  customerNumber: 'customer_number',
  birthday: 'birthday',
  note: 'note',
  kind: 'kind',
  onWhatsapp: 'on_whatsapp',
  whatsappLastMessageAt: 'whatsapp_last_message_at',
};

/** Rows added to a contact, by id, so that exactly those can be removed again. */
export interface AddedRows {
  phones: number[];
  emails: number[];
  addresses: number[];
}

/** For matching an import against the database without loading every contact in full. */
export interface MatchIndex {
  byE164: Map<string, number[]>;
  byEmail: Map<string, number[]>;
  names: Map<number, { displayName: string; givenName: string | null; familyName: string | null; organization: string | null }>;
}

export interface ContactsRepository {
  count(): number;
  page(input: { offset: number; limit: number; search: string; importId?: number }): { total: number; rows: Contact[] };
  all(): Contact[];
  byIds(ids: number[]): Map<number, Contact>;
  revisions(ids: number[]): Map<number, number>;
  /** Contacts an import created: their ids and revisions (1 until anything is done to them). */
  createdBy(importId: number): { id: number; revision: number; displayName: string }[];
  /** Changes whenever this or another connection writes: a plan made under one token is still true under the same. */
  stateToken(): string;
  matchIndex(): MatchIndex;
  /** Inserts one contact with its numbers, addresses and e-mails; returns the new id. `createdByImport`: the import creating it (its undo removes exactly these). */
  insert(contact: NewContact, createdByImport?: number): number;
  /** Inserts contacts in one transaction; returns the new ids. */
  insertMany(contacts: NewContact[]): number[];
  /** Sets fields; returns nothing (the caller knows the old values). */
  updateFields(id: number, fields: Partial<ContactFields>): void;
  addPhones(id: number, phones: Phone[]): number[];
  addEmails(id: number, emails: Email[]): number[];
  addAddresses(id: number, addresses: Address[]): number[];
  removeRows(added: AddedRows): void;
  deleteMany(ids: number[]): void;
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const toDb = (key: keyof ContactFields, value: unknown) => (key === 'isCompany' || key === 'onWhatsapp' ? (value ? 1 : 0) : value);

export function createContactsRepository(db: Database): ContactsRepository {
  const countAll = db.prepare<[], { total: number }>('SELECT count(*) AS total FROM contacts');
  const searchWhere = `(
    display_name LIKE @pattern ESCAPE '\\' OR organization LIKE @pattern ESCAPE '\\'
    OR id IN (SELECT contact_id FROM contact_phones WHERE raw LIKE @pattern ESCAPE '\\' OR e164 LIKE @pattern ESCAPE '\\')
    OR id IN (SELECT contact_id FROM contact_emails WHERE address LIKE @pattern ESCAPE '\\'))`;
  const importWhere = '(@importId IS NULL OR created_by_import = @importId OR id IN (SELECT contact_id FROM import_changes WHERE import_id = @importId))';
  const countMatching = db.prepare<{ pattern: string; importId: number | null }, { total: number }>(
    `SELECT count(*) AS total FROM contacts WHERE ${searchWhere} AND ${importWhere}`,
  );
  const pageMatching = db.prepare<{ limit: number; offset: number; pattern: string; importId: number | null }, ContactRow>(
    `SELECT * FROM contacts WHERE ${searchWhere} AND ${importWhere} ORDER BY display_name COLLATE NOCASE, id LIMIT @limit OFFSET @offset`,
  );
  const everyContact = db.prepare<[], ContactRow>('SELECT * FROM contacts ORDER BY display_name COLLATE NOCASE, id');
  const contactsById = db.prepare<[string], ContactRow>('SELECT * FROM contacts WHERE id IN (SELECT value FROM json_each(?))');
  const revisionsById = db.prepare<[string], { id: number; revision: number }>(
    'SELECT id, revision FROM contacts WHERE id IN (SELECT value FROM json_each(?))',
  );
  const phonesOf = db.prepare<[string], { contact_id: number; e164: string | null; raw: string; label: string | null; kind: Phone['kind'] }>(
    'SELECT contact_id, e164, raw, label, kind FROM contact_phones WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY contact_id, position, id',
  );
  const emailsOf = db.prepare<[string], { contact_id: number; address: string; label: string | null }>(
    'SELECT contact_id, address, label FROM contact_emails WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY contact_id, position, id',
  );
  const addressesOf = db.prepare<[string], { contact_id: number; street: string | null; postal_code: string | null; city: string | null; region: string | null; country: string | null; label: string | null }>(
    'SELECT * FROM contact_addresses WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY contact_id, position, id',
  );
  const allPhoneKeys = db.prepare<[], { contact_id: number; e164: string }>('SELECT contact_id, e164 FROM contact_phones WHERE e164 IS NOT NULL');
  const allEmailKeys = db.prepare<[], { contact_id: number; address: string }>('SELECT contact_id, lower(address) AS address FROM contact_emails');
  const allNames = db.prepare<[], { id: number; display_name: string; given_name: string | null; family_name: string | null; organization: string | null }>(
    'SELECT id, display_name, given_name, family_name, organization FROM contacts',
  );
  const insertContact = db.prepare(
    `INSERT INTO contacts (display_name, given_name, family_name, title, gender, organization, department, job_title,
       is_company, customer_number, birthday, note, kind, on_whatsapp, whatsapp_last_message_at, created_by_import)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const nextPosition = (table: string) =>
    db.prepare<[number], { next: number }>(`SELECT coalesce(max(position) + 1, 0) AS next FROM ${table} WHERE contact_id = ?`);
  const nextPhone = nextPosition('contact_phones');
  const nextEmail = nextPosition('contact_emails');
  const nextAddress = nextPosition('contact_addresses');
  const insertPhone = db.prepare('INSERT INTO contact_phones (contact_id, position, e164, raw, label, kind) VALUES (?, ?, ?, ?, ?, ?)');
  const insertEmail = db.prepare('INSERT INTO contact_emails (contact_id, position, address, label) VALUES (?, ?, ?, ?)');
  const insertAddress = db.prepare(
    'INSERT INTO contact_addresses (contact_id, position, street, postal_code, city, region, country, label) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const createdByImport = db.prepare<[number], { id: number; revision: number; displayName: string }>(
    'SELECT id, revision, display_name AS displayName FROM contacts WHERE created_by_import = ? ORDER BY id',
  );
  const dataVersion = db.prepare<[], { version: number; changes: number }>('SELECT (SELECT data_version FROM pragma_data_version) AS version, total_changes() AS changes');
  const touch = db.prepare("UPDATE contacts SET revision = revision + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?");
  const deleteContacts = db.prepare('DELETE FROM contacts WHERE id IN (SELECT value FROM json_each(?))');
  const deleteRows = (table: string) => db.prepare(`DELETE FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`);
  const deletePhones = deleteRows('contact_phones');
  const deleteEmails = deleteRows('contact_emails');
  const deleteAddresses = deleteRows('contact_addresses');
  const updateStatements = new Map<string, ReturnType<Database['prepare']>>();

  /** Loads numbers, e-mails and addresses for a page of contacts with three queries, not three per contact. */
  function withDetails(rows: ContactRow[]): Contact[] {
    const ids = JSON.stringify(rows.map((row) => row.id));
    const group = <T extends { contact_id: number }, U>(list: T[], map: (item: T) => U) => {
      const grouped = new Map<number, U[]>();
      for (const item of list) {
        const entries = grouped.get(item.contact_id) ?? [];
        entries.push(map(item));
        grouped.set(item.contact_id, entries);
      }
      return grouped;
    };
    const phones = group(phonesOf.all(ids), (p) => ({ e164: p.e164, raw: p.raw, label: p.label, kind: p.kind }));
    const emails = group(emailsOf.all(ids), (e) => ({ address: e.address, label: e.label }));
    const addresses = group(addressesOf.all(ids), (a) => ({ street: a.street, postalCode: a.postal_code, city: a.city, region: a.region, country: a.country, label: a.label }));
    return rows.map((row) => ({
      id: row.id,
      displayName: row.display_name,
      givenName: row.given_name,
      familyName: row.family_name,
      title: row.title,
      gender: row.gender,
      organization: row.organization,
      department: row.department,
      jobTitle: row.job_title,
      isCompany: row.is_company === 1,
      customerNumber: row.customer_number,
      birthday: row.birthday,
      note: row.note,
      phones: phones.get(row.id) ?? [],
      emails: emails.get(row.id) ?? [],
      addresses: addresses.get(row.id) ?? [],
      kind: row.kind,
      status: row.status,
      messenger: row.messenger,
      onWhatsapp: row.on_whatsapp === 1,
      whatsappLastMessageAt: row.whatsapp_last_message_at,
      revision: row.revision,
      updatedAt: row.updated_at,
    }));
  }

  // Rows added to an existing contact change it: its revision moves on (see migration 0002).
  const added = <T>(id: number, rows: T[], insertRow: (row: T) => number): number[] => {
    if (rows.length === 0) return [];
    const ids = rows.map(insertRow);
    touch.run(id);
    return ids;
  };
  const addPhones = (id: number, phones: Phone[]) => {
    let position = nextPhone.get(id)!.next;
    return added(id, phones, (p) => Number(insertPhone.run(id, position++, p.e164, p.raw, p.label, p.kind).lastInsertRowid));
  };
  const addEmails = (id: number, emails: Email[]) => {
    let position = nextEmail.get(id)!.next;
    return added(id, emails, (e) => Number(insertEmail.run(id, position++, e.address, e.label).lastInsertRowid));
  };
  const addAddresses = (id: number, addresses: Address[]) => {
    let position = nextAddress.get(id)!.next;
    return added(id, addresses, (a) => Number(insertAddress.run(id, position++, a.street, a.postalCode, a.city, a.region, a.country, a.label).lastInsertRowid));
  };

  const insert = (contact: NewContact, createdByImport?: number): number => {
    // Positional parameters: an import inserts tens of thousands of these.
    const id = Number(
      insertContact.run(
        contact.displayName,
        contact.givenName ?? null,
        contact.familyName ?? null,
        contact.title ?? null,
        contact.gender ?? null,
        contact.organization ?? null,
        contact.department ?? null,
        contact.jobTitle ?? null,
        contact.isCompany ? 1 : 0,
        contact.customerNumber ?? null,
        contact.birthday ?? null,
        contact.note ?? null,
        contact.kind ?? 'other',
        contact.onWhatsapp ? 1 : 0,
        contact.whatsappLastMessageAt ?? null,
        createdByImport ?? null,
      ).lastInsertRowid,
    );
    // New rows start at position 0: no need to ask for the next position.
    const { phones = [], emails = [], addresses = [] } = contact;
    for (let position = 0; position < phones.length; position += 1) {
      const p = phones[position]!;
      insertPhone.run(id, position, p.e164, p.raw, p.label, p.kind);
    }
    for (let position = 0; position < emails.length; position += 1) insertEmail.run(id, position, emails[position]!.address, emails[position]!.label);
    for (let position = 0; position < addresses.length; position += 1) {
      const a = addresses[position]!;
      insertAddress.run(id, position, a.street, a.postalCode, a.city, a.region, a.country, a.label);
    }
    return id;
  };

  return {
    count: () => countAll.get()!.total,

    page(input) {
      const pattern = `%${escapeLike(input.search.trim())}%`;
      const importId = input.importId ?? null;
      return {
        total: countMatching.get({ pattern, importId })!.total,
        rows: withDetails(pageMatching.all({ limit: input.limit, offset: input.offset, pattern, importId })),
      };
    },

    all: () => withDetails(everyContact.all()),

    byIds(ids) {
      const found = withDetails(contactsById.all(JSON.stringify(ids)));
      return new Map(found.map((contact) => [contact.id, contact]));
    },

    revisions: (ids) => new Map(revisionsById.all(JSON.stringify(ids)).map((row) => [row.id, row.revision])),

    createdBy: (importId) => createdByImport.all(importId),

    stateToken() {
      const { version, changes } = dataVersion.get()!;
      return `${version}:${changes}`;
    },

    matchIndex() {
      const index: MatchIndex = { byE164: new Map(), byEmail: new Map(), names: new Map() };
      const push = (map: Map<string, number[]>, key: string, id: number) => {
        const list = map.get(key);
        if (!list) map.set(key, [id]);
        else if (!list.includes(id)) list.push(id);
      };
      for (const row of allPhoneKeys.iterate()) push(index.byE164, row.e164, row.contact_id);
      for (const row of allEmailKeys.iterate()) push(index.byEmail, row.address, row.contact_id);
      for (const row of allNames.iterate()) {
        index.names.set(row.id, { displayName: row.display_name, givenName: row.given_name, familyName: row.family_name, organization: row.organization });
      }
      return index;
    },

    insert,
    insertMany: db.transaction((contacts: NewContact[]) => contacts.map((contact) => insert(contact))),

    updateFields(id, fields) {
      const keys = (Object.keys(fields) as (keyof ContactFields)[]).filter((key) => key in contactFieldColumns).sort();
      if (keys.length === 0) return;
      const sqlKey = keys.join(',');
      let statement = updateStatements.get(sqlKey);
      if (!statement) {
        statement = db.prepare(`UPDATE contacts SET ${keys.map((key) => `${contactFieldColumns[key]} = @${key}`).join(', ')} WHERE id = @id`);
        updateStatements.set(sqlKey, statement);
      }
      const values: Record<string, unknown> = { id };
      for (const key of keys) values[key] = toDb(key, fields[key]);
      statement.run(values);
    },

    addPhones,
    addEmails,
    addAddresses,

    removeRows(added) {
      if (added.phones.length) deletePhones.run(JSON.stringify(added.phones));
      if (added.emails.length) deleteEmails.run(JSON.stringify(added.emails));
      if (added.addresses.length) deleteAddresses.run(JSON.stringify(added.addresses));
    },

    deleteMany(ids) {
      deleteContacts.run(JSON.stringify(ids));
    },
  };
}
