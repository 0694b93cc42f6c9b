import type { Database } from 'better-sqlite3';
import type { Address, Contact, ContactKind, ContactLanguage, EmailInput, Phone } from '../../../shared/model/contact';
import {
  alive,
  contactFromRow,
  contactSelectList,
  insertContactSql,
  insertValues,
  isContactField,
  storedValue,
  updateSql,
  type ContactFields,
  type StoredContact,
} from './contact-columns';
import { createContactErasureRepository, type ContactErasureRepository } from './contact-erasure';
import { newSearchColumns, searchColumnsRefresher, searchFields } from './contact-search-columns';
import { createContactTagsRepository, type ContactTagsRepository } from './contact-tags';

// Re-exported so the services keep importing the fields with the repository that writes them.
export type { ContactFields } from './contact-columns';

export type NewContact = Partial<Omit<ContactFields, 'kind' | 'language'>> & {
  displayName: string;
  kind?: ContactKind | null;
  /** German unless given. */
  language?: ContactLanguage | null;
  phones?: Phone[];
  emails?: EmailInput[];
  addresses?: Address[];
};

/** Rows added to a contact, by id, so that exactly those can be removed again. */
export interface AddedRows {
  phones: number[];
  emails: number[];
  addresses: number[];
}

/** A contact in the bin, as its list shows it. */
export interface BinRow {
  id: number;
  displayName: string;
  organization: string | null;
  /** When it was deleted (ISO). */
  deletedAt: string;
  /** The contact it was merged into (its name then), when a merge put it in the bin. */
  mergedInto: string | null;
}

/** For matching an import against the database without loading every contact in full. */
export interface MatchIndex {
  byE164: Map<string, number[]>;
  byEmail: Map<string, number[]>;
  names: Map<number, { displayName: string; givenName: string | null; familyName: string | null; organization: string | null }>;
}

export interface ContactsRepository extends ContactTagsRepository, ContactErasureRepository {
  count(): number;
  all(): Contact[];
  /** The contacts with these ids that are not deleted. */
  byIds(ids: number[]): Map<number, Contact>;
  revisions(ids: number[]): Map<number, number>;
  /** Adds the contacts with ids in (afterId, upToId] to a match index: the index built in slices between which other requests are answered. */
  fillMatchIndex(index: MatchIndex, afterId: number, upToId: number): void;
  /** The highest contact id given so far (0 in an empty database). */
  lastId(): number;
  /** The ids of the contacts an import created. */
  createdBy(importId: number): number[];
  /** Contacts an import created that were changed since (revision above 1, where they start): how many, and the first five names. */
  changedSinceCreatedBy(importId: number): { count: number; names: string[] };
  /** The ids of the contacts an import created that nobody changed since (what the undo of the rest removes). */
  unchangedCreatedBy(importId: number): number[];
  /** Contacts in the list (not the bin) with one of these numbers (E.164) or e-mail addresses (any case), and by which. */
  sharingWays(e164s: string[], emails: string[]): { id: number; via: 'phone' | 'email' }[];
  /** The bin, most recently deleted first: how many lie in it, and the first `limit` of them. */
  bin(limit: number): { total: number; contacts: BinRow[] };
  /** Changes whenever this or another connection writes: a plan made under one token is still true under the same. */
  stateToken(): string;
  /** Inserts one contact with its numbers, addresses and e-mails; returns the new id. `createdByImport`: the import creating it (its undo removes exactly these). */
  insert(contact: NewContact, createdByImport?: number): number;
  /** Inserts contacts in one transaction; returns the new ids. */
  insertMany(contacts: NewContact[]): number[];
  updateFields(id: number, fields: Partial<ContactFields>): void;
  addPhones(id: number, phones: Phone[]): number[];
  addEmails(id: number, emails: EmailInput[]): number[];
  addAddresses(id: number, addresses: Address[]): number[];
  /** Replaces all numbers, e-mails or addresses of a contact (the edit form). */
  replacePhones(id: number, phones: Phone[]): void;
  replaceEmails(id: number, emails: EmailInput[]): void;
  replaceAddresses(id: number, addresses: Address[]): void;
  removeRows(contactId: number, added: AddedRows): void;
  /** Hides contacts (a bulk delete that can be undone) or brings them back; an erased contact stays erased. */
  setDeleted(ids: number[], deleted: boolean): void;
  deleteMany(ids: number[]): void;
  /** The contacts with these ids, in the bin too (not erased ones: nothing of them is left). */
  byIdsIncludingBin(ids: number[]): Contact[];
  /** Marks a contact as changed (its revision moves on) when something beside its row changed. */
  touch(id: number): void;
}

export function createContactsRepository(db: Database): ContactsRepository {
  const countAll = db.prepare<[], { total: number }>(`SELECT count(*) AS total FROM contacts WHERE ${alive}`);
  const everyContact = db.prepare<[], StoredContact>(
    `SELECT ${contactSelectList} FROM contacts WHERE ${alive} ORDER BY display_name COLLATE NOCASE, id`,
  );
  const contactsById = db.prepare<[string], StoredContact>(
    `SELECT ${contactSelectList} FROM contacts WHERE id IN (SELECT value FROM json_each(?)) AND ${alive}`,
  );
  const byIdIncludingBin = db.prepare<[string], StoredContact>(
    `SELECT ${contactSelectList} FROM contacts WHERE id IN (SELECT value FROM json_each(?)) AND erased_at IS NULL`,
  );
  const revisionsById = db.prepare<[string], { id: number; revision: number }>(
    'SELECT id, revision FROM contacts WHERE id IN (SELECT value FROM json_each(?))',
  );
  const phonesOf = db.prepare<
    [string],
    { contact_id: number; e164: string | null; raw: string; label: string | null; kind: Phone['kind'] }
  >(
    'SELECT contact_id, e164, raw, label, kind FROM contact_phones WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY contact_id, position, id',
  );
  const emailsOf = db.prepare<[string], { contact_id: number; address: string; label: string | null; valid: number }>(
    'SELECT contact_id, address, label, valid FROM contact_emails WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY contact_id, position, id',
  );
  const addressesOf = db.prepare<
    [string],
    {
      contact_id: number;
      street: string | null;
      postal_code: string | null;
      city: string | null;
      region: string | null;
      country: string | null;
      label: string | null;
    }
  >('SELECT * FROM contact_addresses WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY contact_id, position, id');
  const tagsOf = db.prepare<[string], { contact_id: number; tag: string }>(
    'SELECT contact_id, tag FROM contact_tags WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY tag',
  );
  // The match index in slices of contact ids (see fillMatchIndex): the contact_id indexes keep each slice a range scan.
  // Joined to the contact, not `contact_id IN (SELECT id FROM contacts WHERE …)`: SQLite builds that list
  // from every contact on each run, which made each slice (and each lookup below) cost as much as the
  // whole table: 23 ms a slice, 11 ms a number at 50,000 contacts, against 2 ms and 5 µs joined (issue 20).
  const phoneKeysIn = db.prepare<[number, number], { contact_id: number; e164: string }>(
    `SELECT p.contact_id, p.e164 FROM contact_phones p JOIN contacts c ON c.id = p.contact_id
     WHERE p.contact_id > ? AND p.contact_id <= ? AND p.e164 IS NOT NULL AND c.${alive}`,
  );
  // Only real addresses identify a person: a text flagged invalid could belong to anyone.
  const emailKeysIn = db.prepare<[number, number], { contact_id: number; address: string }>(
    `SELECT e.contact_id, lower(e.address) AS address FROM contact_emails e JOIN contacts c ON c.id = e.contact_id
     WHERE e.contact_id > ? AND e.contact_id <= ? AND e.valid = 1 AND c.${alive}`,
  );
  const namesIn = db.prepare<
    [number, number],
    { id: number; display_name: string; given_name: string | null; family_name: string | null; organization: string | null }
  >(`SELECT id, display_name, given_name, family_name, organization FROM contacts WHERE id > ? AND id <= ? AND ${alive}`);
  const lastContactId = db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM contacts').pluck();
  const insertContact = db.prepare(insertContactSql);
  const nextPosition = (table: string) =>
    db.prepare<[number], { next: number }>(`SELECT coalesce(max(position) + 1, 0) AS next FROM ${table} WHERE contact_id = ?`);
  const nextPhone = nextPosition('contact_phones');
  const nextEmail = nextPosition('contact_emails');
  const nextAddress = nextPosition('contact_addresses');
  const insertPhone = db.prepare('INSERT INTO contact_phones (contact_id, position, e164, raw, label, kind) VALUES (?, ?, ?, ?, ?, ?)');
  const insertEmail = db.prepare('INSERT INTO contact_emails (contact_id, position, address, label, valid) VALUES (?, ?, ?, ?, ?)');
  const insertAddress = db.prepare(
    'INSERT INTO contact_addresses (contact_id, position, street, postal_code, city, region, country, label) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const clearChildren = (table: string) => db.prepare(`DELETE FROM ${table} WHERE contact_id = ?`);
  const clearPhones = clearChildren('contact_phones');
  const clearEmails = clearChildren('contact_emails');
  const clearAddresses = clearChildren('contact_addresses');
  const createdByImport = db.prepare<[number], number>('SELECT id FROM contacts WHERE created_by_import = ? ORDER BY id').pluck();
  // Counted in SQL: an import of 50,000 contacts took 140 ms to load them all for the import history.
  const changedCreatedCount = db
    .prepare<[number], number>('SELECT count(*) FROM contacts WHERE created_by_import = ? AND revision <> 1')
    .pluck();
  const changedCreatedNames = db
    .prepare<[number], string>('SELECT display_name FROM contacts WHERE created_by_import = ? AND revision <> 1 ORDER BY id LIMIT 5')
    .pluck();
  const unchangedCreated = db
    .prepare<[number], number>('SELECT id FROM contacts WHERE created_by_import = ? AND revision = 1 ORDER BY id')
    .pluck();
  const byNumber = db
    .prepare<[string], number>(
      `SELECT DISTINCT p.contact_id FROM contact_phones p JOIN contacts c ON c.id = p.contact_id WHERE p.e164 = ? AND c.${alive} ORDER BY p.contact_id`,
    )
    .pluck();
  const byEmail = db
    .prepare<[string], number>(
      `SELECT DISTINCT e.contact_id FROM contact_emails e JOIN contacts c ON c.id = e.contact_id
       WHERE e.address = ? COLLATE NOCASE AND e.valid = 1 AND c.${alive} ORDER BY e.contact_id`,
    )
    .pluck();
  const inBin = 'deleted_at IS NOT NULL AND erased_at IS NULL';
  const binCount = db.prepare<[], number>(`SELECT count(*) FROM contacts WHERE ${inBin}`).pluck();
  const binRows = db.prepare<[number], BinRow>(
    `SELECT id, display_name AS displayName, organization, deleted_at AS deletedAt,
            (SELECT json_extract(h.after, '$.mergedInto') FROM history h WHERE h.contact_id = contacts.id AND h.kind = 'deleted' ORDER BY h.id DESC LIMIT 1) AS mergedInto
       FROM contacts WHERE ${inBin} ORDER BY deleted_at DESC, id DESC LIMIT ?`,
  );
  function fillMatchIndex(index: MatchIndex, afterId: number, upToId: number): void {
    const push = (map: Map<string, number[]>, key: string, id: number) => {
      const list = map.get(key);
      if (!list) map.set(key, [id]);
      else if (!list.includes(id)) list.push(id);
    };
    for (const row of phoneKeysIn.iterate(afterId, upToId)) push(index.byE164, row.e164, row.contact_id);
    for (const row of emailKeysIn.iterate(afterId, upToId)) push(index.byEmail, row.address, row.contact_id);
    for (const row of namesIn.iterate(afterId, upToId)) {
      index.names.set(row.id, {
        displayName: row.display_name,
        givenName: row.given_name,
        familyName: row.family_name,
        organization: row.organization,
      });
    }
  }
  const dataVersion = db.prepare<[], { version: number; changes: number }>(
    'SELECT (SELECT data_version FROM pragma_data_version) AS version, total_changes() AS changes',
  );
  const touchContact = db.prepare(
    "UPDATE contacts SET revision = revision + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
  );
  const refreshSearch = searchColumnsRefresher(db);
  const deleteContacts = db.prepare('DELETE FROM contacts WHERE id IN (SELECT value FROM json_each(?))');
  const markDeleted = db.prepare(
    "UPDATE contacts SET deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id IN (SELECT value FROM json_each(?)) AND erased_at IS NULL",
  );
  const markRestored = db.prepare(
    'UPDATE contacts SET deleted_at = NULL WHERE id IN (SELECT value FROM json_each(?)) AND erased_at IS NULL',
  );
  const deleteRows = (table: string) => db.prepare(`DELETE FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`);
  const deletePhones = deleteRows('contact_phones');
  const deleteEmails = deleteRows('contact_emails');
  const deleteAddresses = deleteRows('contact_addresses');
  const updateStatements = new Map<string, ReturnType<Database['prepare']>>();

  /** Loads numbers, e-mails, addresses and tags for contacts with four queries, not four per contact. */
  function withDetails(rows: StoredContact[]): Contact[] {
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
    const emails = group(emailsOf.all(ids), (e) => ({ address: e.address, label: e.label, valid: e.valid === 1 }));
    const addresses = group(addressesOf.all(ids), (a) => ({
      street: a.street,
      postalCode: a.postal_code,
      city: a.city,
      region: a.region,
      country: a.country,
      label: a.label,
    }));
    const tags = group(tagsOf.all(ids), (t) => t.tag);
    return rows.map((row) =>
      contactFromRow(row, {
        phones: phones.get(row.id) ?? [],
        emails: emails.get(row.id) ?? [],
        addresses: addresses.get(row.id) ?? [],
        tags: tags.get(row.id) ?? [],
      }),
    );
  }

  // Rows added to an existing contact change it: its revision moves on (see migration 0002).
  const added = <T>(id: number, rows: T[], insertRow: (row: T) => number): number[] => {
    if (rows.length === 0) return [];
    const ids = rows.map(insertRow);
    touchContact.run(id);
    refreshSearch(id);
    return ids;
  };

  const insert = (contact: NewContact, importId?: number): number => {
    const { phones = [], emails = [], addresses = [] } = contact;
    // Separate arguments, not one array: better-sqlite3 binds them faster (measured on 10,000 inserts).
    const id = Number(
      insertContact.run(...insertValues(contact, importId ?? null, newSearchColumns(contact, phones, emails))).lastInsertRowid,
    );
    for (let position = 0; position < phones.length; position += 1) {
      const p = phones[position]!;
      insertPhone.run(id, position, p.e164, p.raw, p.label, p.kind);
    }
    for (let position = 0; position < emails.length; position += 1)
      insertEmail.run(id, position, emails[position]!.address, emails[position]!.label, emails[position]!.valid === false ? 0 : 1);
    for (let position = 0; position < addresses.length; position += 1) {
      const a = addresses[position]!;
      insertAddress.run(id, position, a.street, a.postalCode, a.city, a.region, a.country, a.label);
    }
    return id;
  };

  const replace = <T>(id: number, rows: T[], clear: { run: (id: number) => unknown }, insertRow: (row: T, position: number) => void) => {
    clear.run(id);
    rows.forEach(insertRow);
    touchContact.run(id);
    refreshSearch(id);
  };

  return {
    count: () => countAll.get()!.total,

    all: () => withDetails(everyContact.all()),

    byIds(ids) {
      const found = withDetails(contactsById.all(JSON.stringify(ids)));
      return new Map(found.map((contact) => [contact.id, contact]));
    },

    revisions: (ids) => new Map(revisionsById.all(JSON.stringify(ids)).map((row) => [row.id, row.revision])),

    createdBy: (importId) => createdByImport.all(importId),
    changedSinceCreatedBy: (importId) => {
      const count = changedCreatedCount.get(importId)!;
      return { count, names: count ? changedCreatedNames.all(importId) : [] };
    },

    sharingWays(e164s, emails) {
      const found = new Map<number, 'phone' | 'email'>();
      for (const email of new Set(emails)) for (const id of byEmail.all(email)) if (!found.has(id)) found.set(id, 'email');
      for (const e164 of new Set(e164s)) for (const id of byNumber.all(e164)) if (!found.has(id)) found.set(id, 'phone');
      return [...found].map(([id, via]) => ({ id, via }));
    },
    unchangedCreatedBy: (importId) => unchangedCreated.all(importId),
    bin: (limit) => ({ total: binCount.get()!, contacts: binRows.all(limit) }),

    stateToken() {
      const { version, changes } = dataVersion.get()!;
      return `${version}:${changes}`;
    },

    fillMatchIndex,
    lastId: () => lastContactId.get()!,

    insert,
    insertMany: db.transaction((contacts: NewContact[]) => contacts.map((contact) => insert(contact))),

    updateFields(id, fields) {
      const keys = (Object.keys(fields) as string[]).filter(isContactField).sort();
      if (keys.length === 0) return;
      const sqlKey = keys.join(',');
      let statement = updateStatements.get(sqlKey);
      if (!statement) {
        statement = db.prepare(updateSql(keys));
        updateStatements.set(sqlKey, statement);
      }
      const values: Record<string, unknown> = { id };
      for (const key of keys) values[key] = storedValue(key, fields[key]);
      statement.run(values);
      if (keys.some((key) => searchFields.has(key))) refreshSearch(id);
    },

    addPhones(id, phones) {
      let position = nextPhone.get(id)!.next;
      return added(id, phones, (p) => Number(insertPhone.run(id, position++, p.e164, p.raw, p.label, p.kind).lastInsertRowid));
    },
    addEmails(id, emails) {
      let position = nextEmail.get(id)!.next;
      return added(id, emails, (e) =>
        Number(insertEmail.run(id, position++, e.address, e.label, e.valid === false ? 0 : 1).lastInsertRowid),
      );
    },
    addAddresses(id, addresses) {
      let position = nextAddress.get(id)!.next;
      return added(id, addresses, (a) =>
        Number(insertAddress.run(id, position++, a.street, a.postalCode, a.city, a.region, a.country, a.label).lastInsertRowid),
      );
    },

    replacePhones: (id, phones) =>
      replace(id, phones, clearPhones, (p, position) => insertPhone.run(id, position, p.e164, p.raw, p.label, p.kind)),
    replaceEmails: (id, emails) =>
      replace(id, emails, clearEmails, (e, position) => insertEmail.run(id, position, e.address, e.label, e.valid === false ? 0 : 1)),
    replaceAddresses: (id, addresses) =>
      replace(id, addresses, clearAddresses, (a, position) =>
        insertAddress.run(id, position, a.street, a.postalCode, a.city, a.region, a.country, a.label),
      ),

    removeRows(contactId, rows) {
      if (rows.phones.length) deletePhones.run(JSON.stringify(rows.phones));
      if (rows.emails.length) deleteEmails.run(JSON.stringify(rows.emails));
      if (rows.addresses.length) deleteAddresses.run(JSON.stringify(rows.addresses));
      refreshSearch(contactId);
    },

    ...createContactTagsRepository(db, (id) => touchContact.run(id)),
    ...createContactErasureRepository(db),

    setDeleted(ids, deleted) {
      (deleted ? markDeleted : markRestored).run(JSON.stringify(ids));
    },

    byIdsIncludingBin: (ids) => withDetails(byIdIncludingBin.all(JSON.stringify(ids))),

    deleteMany(ids) {
      deleteContacts.run(JSON.stringify(ids));
    },

    touch: (id) => {
      touchContact.run(id);
    },
  };
}
