import type { Database } from 'better-sqlite3';
import type { Contact, ContactKind, Phone } from '../../../shared/model/contact';

interface ContactRow {
  id: number;
  display_name: string;
  given_name: string | null;
  family_name: string | null;
  organization: string | null;
  kind: ContactKind;
  status: string;
  messenger: string | null;
  updated_at: string;
}

interface PhoneRow {
  contact_id: number;
  e164: string | null;
  raw: string;
  label: string | null;
}

interface EmailRow {
  contact_id: number;
  address: string;
}

export interface NewContact {
  displayName: string;
  givenName?: string | null;
  familyName?: string | null;
  organization?: string | null;
  kind?: ContactKind;
  phones?: Phone[];
  emails?: string[];
}

export interface ContactsRepository {
  count(): number;
  page(input: { offset: number; limit: number; search: string }): { total: number; rows: Contact[] };
  all(): Contact[];
  /** Inserts contacts with their numbers and addresses in one transaction; returns the new ids. */
  insertMany(contacts: NewContact[]): number[];
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export function createContactsRepository(db: Database): ContactsRepository {
  const countAll = db.prepare<[], { total: number }>('SELECT count(*) AS total FROM contacts');
  const searchWhere = `
    display_name LIKE @pattern ESCAPE '\\' OR organization LIKE @pattern ESCAPE '\\'
    OR id IN (SELECT contact_id FROM contact_phones WHERE raw LIKE @pattern ESCAPE '\\' OR e164 LIKE @pattern ESCAPE '\\')
    OR id IN (SELECT contact_id FROM contact_emails WHERE address LIKE @pattern ESCAPE '\\')`;
  const countMatching = db.prepare<{ pattern: string }, { total: number }>(
    `SELECT count(*) AS total FROM contacts WHERE ${searchWhere}`,
  );
  const pageAll = db.prepare<{ limit: number; offset: number }, ContactRow>(
    'SELECT * FROM contacts ORDER BY display_name COLLATE NOCASE, id LIMIT @limit OFFSET @offset',
  );
  const pageMatching = db.prepare<{ limit: number; offset: number; pattern: string }, ContactRow>(
    `SELECT * FROM contacts WHERE ${searchWhere} ORDER BY display_name COLLATE NOCASE, id LIMIT @limit OFFSET @offset`,
  );
  const everyContact = db.prepare<[], ContactRow>('SELECT * FROM contacts ORDER BY display_name COLLATE NOCASE, id');
  const phonesOf = db.prepare<[string], PhoneRow>(
    'SELECT contact_id, e164, raw, label FROM contact_phones WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY contact_id, position',
  );
  const emailsOf = db.prepare<[string], EmailRow>(
    'SELECT contact_id, address FROM contact_emails WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY contact_id, position',
  );
  const insertContact = db.prepare(
    `INSERT INTO contacts (display_name, given_name, family_name, organization, kind)
     VALUES (@displayName, @givenName, @familyName, @organization, @kind)`,
  );
  const insertPhone = db.prepare(
    'INSERT INTO contact_phones (contact_id, position, e164, raw, label) VALUES (?, ?, ?, ?, ?)',
  );
  const insertEmail = db.prepare('INSERT INTO contact_emails (contact_id, position, address) VALUES (?, ?, ?)');

  /** Loads numbers and addresses for a page of contacts with two queries, not two per contact. */
  function withDetails(rows: ContactRow[]): Contact[] {
    const ids = JSON.stringify(rows.map((row) => row.id));
    const phones = new Map<number, Phone[]>();
    for (const phone of phonesOf.all(ids)) {
      const list = phones.get(phone.contact_id) ?? [];
      list.push({ e164: phone.e164, raw: phone.raw, label: phone.label });
      phones.set(phone.contact_id, list);
    }
    const emails = new Map<number, string[]>();
    for (const email of emailsOf.all(ids)) {
      const list = emails.get(email.contact_id) ?? [];
      list.push(email.address);
      emails.set(email.contact_id, list);
    }
    return rows.map((row) => ({
      id: row.id,
      displayName: row.display_name,
      givenName: row.given_name,
      familyName: row.family_name,
      organization: row.organization,
      phones: phones.get(row.id) ?? [],
      emails: emails.get(row.id) ?? [],
      kind: row.kind,
      status: row.status,
      messenger: row.messenger,
      updatedAt: row.updated_at,
    }));
  }

  return {
    count: (): number => countAll.get()!.total,

    page(input) {
      const search = input.search.trim();
      if (!search) {
        return { total: countAll.get()!.total, rows: withDetails(pageAll.all(input)) };
      }
      const pattern = `%${escapeLike(search)}%`;
      return {
        total: countMatching.get({ pattern })!.total,
        rows: withDetails(pageMatching.all({ ...input, pattern })),
      };
    },

    all: () => withDetails(everyContact.all()),

    insertMany: db.transaction((contacts: NewContact[]): number[] =>
      contacts.map((contact) => {
        const id = Number(
          insertContact.run({
            displayName: contact.displayName,
            givenName: contact.givenName ?? null,
            familyName: contact.familyName ?? null,
            organization: contact.organization ?? null,
            kind: contact.kind ?? 'other',
          }).lastInsertRowid,
        );
        (contact.phones ?? []).forEach((phone, position) => insertPhone.run(id, position, phone.e164, phone.raw, phone.label));
        (contact.emails ?? []).forEach((address, position) => insertEmail.run(id, position, address));
        return id;
      }),
    ),
  };
}
