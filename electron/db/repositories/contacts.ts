import type { Database } from 'better-sqlite3';
import type { Address, Contact, ContactKind, ContactLanguage, EmailInput, Phone } from '../../../shared/model/contact';
import type { InvitationChannel, Messenger, Stage, Target } from '../../../shared/model/tracking';
import type { Gender } from '../../../shared/names';
import { contactSearchDigits, contactSearchText, foldForSearch } from '../../../shared/search';

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
  language: ContactLanguage;
  formal: 0 | 1 | null;
  minor: 0 | 1;
  status: Stage;
  messenger: Messenger | null;
  target: Target | null;
  messenger_id: string | null;
  stage_changed_at: string | null;
  invited_at: string | null;
  invited_channel: InvitationChannel | null;
  switched_at: string | null;
  letter_sent_at: string | null;
  letter_version: string | null;
  on_whatsapp: number;
  whatsapp_last_message_at: string | null;
  revision: number;
  updated_at: string;
}

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

export type NewContact = Partial<Omit<ContactFields, 'kind' | 'language'>> & {
  displayName: string;
  kind?: ContactKind | null;
  /** German unless given. */
  language?: ContactLanguage | null;
  phones?: Phone[];
  emails?: EmailInput[];
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
  language: 'language',
  formal: 'formal',
  minor: 'minor',
  onWhatsapp: 'on_whatsapp',
  whatsappLastMessageAt: 'whatsapp_last_message_at',
  stage: 'status',
  target: 'target',
  messenger: 'messenger',
  messengerId: 'messenger_id',
  stageChangedAt: 'stage_changed_at',
  invitedAt: 'invited_at',
  invitedChannel: 'invited_channel',
  switchedAt: 'switched_at',
  letterSentAt: 'letter_sent_at',
  letterVersion: 'letter_version',
};

/** Fields the search columns are built from: changing one refreshes them. */
/** The company in the table's German order; none sorts last (NULL). */
const organizationKey = (organization: string | null | undefined) => (organization ? foldForSearch(organization) || null : null);

/** The number the table shows and sorts by: the first mobile number, else the first (as LIST_MOBILE_SQL). */
const listMobile = (phones: readonly { e164: string | null; raw: string; kind: string }[]) => {
  const shown = phones.find((phone) => phone.kind === 'mobile') ?? phones[0];
  return shown ? (shown.e164 ?? shown.raw) : null;
};

const searchFields = new Set<keyof ContactFields>(['displayName', 'givenName', 'familyName', 'organization', 'customerNumber']);

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
  /** Contacts an import created that were changed since (revision above 1, where they start): how many, and the first three names. */
  changedSinceCreatedBy(importId: number): { count: number; names: string[] };
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
  tags(id: number): string[];
  setTags(id: number, tags: string[]): void;
  allTags(): string[];
  /** Hides contacts (a bulk delete that can be undone) or brings them back; an erased contact stays erased. */
  setDeleted(ids: number[], deleted: boolean): void;
  deleteMany(ids: number[]): void;
  /** Contacts in the bin (deleted, not erased) that were deleted before this time (ISO), with when. Only reads. */
  inBinBefore(before: string): { id: number; deletedAt: string }[];
  /** The contacts with these ids, in the bin too (not erased ones: nothing of them is left). */
  byIdsIncludingBin(ids: number[]): Contact[];
  /** A contact that can still be erased (in the list or in the bin), or null. */
  erasable(id: number): { id: number; displayName: string; deletedAt: string | null } | null;
  isErased(id: number): boolean;
  /**
   * Contacts in the bin that were merged into this one, directly or through another record in the
   * bin: the same person's earlier records. The merge entry on the kept contact names the other's id
   * (merges before version 8 only its name, matched with the name on the other's deletion entry).
   */
  mergedIntoInBin(id: number): { id: number; deletedAt: string }[];
  /**
   * Erases contacts for good: their numbers, e-mails, addresses, tags, consents (and scans no other
   * consent uses), history, duplicate pairs and what imports recorded about them go; other contacts'
   * history no longer names them; the row stays with every value emptied and `erased_at` set, as the
   * place of the one history entry left (written by the caller). Call inside a transaction.
   */
  erase(ids: number[]): void;
  /**
   * Removes evidence files uploaded before this time (ISO) that no consent uses (an upload whose
   * consent was never recorded).
   */
  purgeUnusedEvidenceBefore(before: string): number;
  hasUnusedEvidenceBefore(before: string): boolean;
  /** Marks a contact as changed (its revision moves on) when something beside its row changed. */
  touch(id: number): void;
}

/** Columns an erased contact keeps: its id, its timestamps and revision, and when it was deleted and erased. */
const keptWhenErased = new Set(['id', 'created_at', 'updated_at', 'revision', 'deleted_at', 'erased_at']);

/**
 * The SET list that empties every other column of a contact: its default where it has one (kind
 * 'other', language 'de' …), else NULL, or '' where NULL is not allowed (the display name). Read from
 * the table itself, so a column a later version adds is emptied too.
 */
function emptiedColumns(db: Database): string {
  const columns = db.prepare<[], { name: string; notnull: number; dflt_value: string | null }>("SELECT name, \"notnull\", dflt_value FROM pragma_table_info('contacts')").all();
  const set = columns
    .filter((column) => !keptWhenErased.has(column.name))
    .map((column) => `${column.name} = ${column.dflt_value ?? (column.notnull ? "''" : 'NULL')}`);
  const now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
  return [...set, `deleted_at = coalesce(deleted_at, ${now})`, `erased_at = ${now}`].join(', ');
}

const toDb = (key: keyof ContactFields, value: unknown) => {
  if (key === 'isCompany' || key === 'onWhatsapp' || key === 'minor') return value ? 1 : 0;
  // Sie, Du or the rule by kind (NULL).
  if (key === 'formal') return value === null || value === undefined ? null : value ? 1 : 0;
  return value;
};

export function createContactsRepository(db: Database): ContactsRepository {
  const alive = 'deleted_at IS NULL';
  const countAll = db.prepare<[], { total: number }>(`SELECT count(*) AS total FROM contacts WHERE ${alive}`);
  const everyContact = db.prepare<[], ContactRow>(`SELECT * FROM contacts WHERE ${alive} ORDER BY display_name COLLATE NOCASE, id`);
  const contactsById = db.prepare<[string], ContactRow>(`SELECT * FROM contacts WHERE id IN (SELECT value FROM json_each(?)) AND ${alive}`);
  const revisionsById = db.prepare<[string], { id: number; revision: number }>('SELECT id, revision FROM contacts WHERE id IN (SELECT value FROM json_each(?))');
  const phonesOf = db.prepare<[string], { contact_id: number; e164: string | null; raw: string; label: string | null; kind: Phone['kind'] }>(
    'SELECT contact_id, e164, raw, label, kind FROM contact_phones WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY contact_id, position, id',
  );
  const emailsOf = db.prepare<[string], { contact_id: number; address: string; label: string | null; valid: number }>(
    'SELECT contact_id, address, label, valid FROM contact_emails WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY contact_id, position, id',
  );
  const addressesOf = db.prepare<[string], { contact_id: number; street: string | null; postal_code: string | null; city: string | null; region: string | null; country: string | null; label: string | null }>(
    'SELECT * FROM contact_addresses WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY contact_id, position, id',
  );
  const tagsOf = db.prepare<[string], { contact_id: number; tag: string }>('SELECT contact_id, tag FROM contact_tags WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY tag');
  // The match index in slices of contact ids (see fillMatchIndex): the contact_id indexes keep each slice a range scan.
  const phoneKeysIn = db.prepare<[number, number], { contact_id: number; e164: string }>(
    `SELECT contact_id, e164 FROM contact_phones WHERE contact_id > ? AND contact_id <= ? AND e164 IS NOT NULL AND contact_id IN (SELECT id FROM contacts WHERE ${alive})`,
  );
  // Only real addresses identify a person: a text flagged invalid could belong to anyone.
  const emailKeysIn = db.prepare<[number, number], { contact_id: number; address: string }>(
    `SELECT contact_id, lower(address) AS address FROM contact_emails WHERE contact_id > ? AND contact_id <= ? AND valid = 1 AND contact_id IN (SELECT id FROM contacts WHERE ${alive})`,
  );
  const namesIn = db.prepare<[number, number], { id: number; display_name: string; given_name: string | null; family_name: string | null; organization: string | null }>(
    `SELECT id, display_name, given_name, family_name, organization FROM contacts WHERE id > ? AND id <= ? AND ${alive}`,
  );
  const lastContactId = db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM contacts').pluck();
  const insertContact = db.prepare(
    `INSERT INTO contacts (display_name, given_name, family_name, title, gender, organization, department, job_title,
       is_company, customer_number, birthday, note, kind, language, on_whatsapp, whatsapp_last_message_at, created_by_import,
       search_text, search_digits, sort_name, sort_organization, list_mobile, minor)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const nextPosition = (table: string) => db.prepare<[number], { next: number }>(`SELECT coalesce(max(position) + 1, 0) AS next FROM ${table} WHERE contact_id = ?`);
  const nextPhone = nextPosition('contact_phones');
  const nextEmail = nextPosition('contact_emails');
  const nextAddress = nextPosition('contact_addresses');
  const insertPhone = db.prepare('INSERT INTO contact_phones (contact_id, position, e164, raw, label, kind) VALUES (?, ?, ?, ?, ?, ?)');
  const insertEmail = db.prepare('INSERT INTO contact_emails (contact_id, position, address, label, valid) VALUES (?, ?, ?, ?, ?)');
  const insertAddress = db.prepare('INSERT INTO contact_addresses (contact_id, position, street, postal_code, city, region, country, label) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const clearChildren = (table: string) => db.prepare(`DELETE FROM ${table} WHERE contact_id = ?`);
  const clearPhones = clearChildren('contact_phones');
  const clearEmails = clearChildren('contact_emails');
  const clearAddresses = clearChildren('contact_addresses');
  const createdByImport = db.prepare<[number], number>('SELECT id FROM contacts WHERE created_by_import = ? ORDER BY id').pluck();
  // Counted in SQL: an import of 50,000 contacts took 140 ms to load them all for the import history.
  const changedCreatedCount = db.prepare<[number], number>('SELECT count(*) FROM contacts WHERE created_by_import = ? AND revision <> 1').pluck();
  const changedCreatedNames = db.prepare<[number], string>('SELECT display_name FROM contacts WHERE created_by_import = ? AND revision <> 1 ORDER BY id LIMIT 3').pluck();
  function fillMatchIndex(index: MatchIndex, afterId: number, upToId: number): void {
    const push = (map: Map<string, number[]>, key: string, id: number) => {
      const list = map.get(key);
      if (!list) map.set(key, [id]);
      else if (!list.includes(id)) list.push(id);
    };
    for (const row of phoneKeysIn.iterate(afterId, upToId)) push(index.byE164, row.e164, row.contact_id);
    for (const row of emailKeysIn.iterate(afterId, upToId)) push(index.byEmail, row.address, row.contact_id);
    for (const row of namesIn.iterate(afterId, upToId)) {
      index.names.set(row.id, { displayName: row.display_name, givenName: row.given_name, familyName: row.family_name, organization: row.organization });
    }
  }
  const dataVersion = db.prepare<[], { version: number; changes: number }>('SELECT (SELECT data_version FROM pragma_data_version) AS version, total_changes() AS changes');
  const touchContact = db.prepare("UPDATE contacts SET revision = revision + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?");
  const searchSource = db.prepare<[number], { display_name: string; given_name: string | null; family_name: string | null; organization: string | null; customer_number: string | null }>(
    'SELECT display_name, given_name, family_name, organization, customer_number FROM contacts WHERE id = ?',
  );
  const phonesFor = db.prepare<[number], { e164: string | null; raw: string; kind: string }>('SELECT e164, raw, kind FROM contact_phones WHERE contact_id = ? ORDER BY position');
  const emailsFor = db.prepare<[number], { address: string }>('SELECT address FROM contact_emails WHERE contact_id = ?');
  const setSearch = db.prepare('UPDATE contacts SET search_text = ?, search_digits = ?, sort_name = ?, sort_organization = ?, list_mobile = ? WHERE id = ?');
  const deleteContacts = db.prepare('DELETE FROM contacts WHERE id IN (SELECT value FROM json_each(?))');
  const inBin = 'deleted_at IS NOT NULL AND erased_at IS NULL';
  const inBinBefore = db.prepare<[string], { id: number; deletedAt: string }>(`SELECT id, deleted_at AS deletedAt FROM contacts WHERE ${inBin} AND deleted_at < ? ORDER BY id`);
  const byIdIncludingBin = db.prepare<[string], ContactRow>('SELECT * FROM contacts WHERE id IN (SELECT value FROM json_each(?)) AND erased_at IS NULL');
  const erasableRow = db.prepare<[number], { id: number; displayName: string; deletedAt: string | null }>('SELECT id, display_name AS displayName, deleted_at AS deletedAt FROM contacts WHERE id = ? AND erased_at IS NULL');
  const erasedRow = db.prepare<[number], number>('SELECT 1 FROM contacts WHERE id = ? AND erased_at IS NOT NULL').pluck();
  // Records merged into this one (and into those, when they were merged further) that are still in
  // the bin. Merges record both ids; older ones only the names, which both entries must then give.
  const mergedIntoInBin = db.prepare<{ id: number }, { id: number; deletedAt: string }>(
    `WITH RECURSIVE merged(id) AS (
       SELECT @id
       UNION
       SELECT other.id
         FROM merged
         JOIN history entry ON entry.contact_id = merged.id AND entry.kind = 'merge'
         JOIN contacts other ON other.id = json_extract(entry.after, '$.mergedFromId')
        WHERE other.deleted_at IS NOT NULL AND other.erased_at IS NULL
       UNION
       SELECT other.id
         FROM merged
         JOIN contacts kept ON kept.id = merged.id
         JOIN history entry ON entry.contact_id = kept.id AND entry.kind = 'merge' AND json_extract(entry.after, '$.mergedFromId') IS NULL
         JOIN contacts other ON other.display_name = json_extract(entry.after, '$.mergedFrom') AND other.deleted_at IS NOT NULL AND other.erased_at IS NULL
         JOIN history gone ON gone.contact_id = other.id AND gone.kind = 'deleted' AND json_extract(gone.after, '$.mergedInto') = kept.display_name
     )
     SELECT contacts.id, contacts.deleted_at AS deletedAt FROM merged JOIN contacts ON contacts.id = merged.id WHERE contacts.id != @id ORDER BY contacts.id`,
  );
  const givenIds = 'SELECT value FROM json_each(@ids)';
  const evidenceOf = db.prepare<{ ids: string }, number>(`SELECT DISTINCT evidence_id FROM consents WHERE evidence_id IS NOT NULL AND contact_id IN (${givenIds})`).pluck();
  // A scan goes with its consents unless another contact's consent shares it (a bulk form).
  const deleteUnusedEvidence = db.prepare<{ evidence: string }>(
    'DELETE FROM evidence WHERE id IN (SELECT value FROM json_each(@evidence)) AND id NOT IN (SELECT evidence_id FROM consents WHERE evidence_id IS NOT NULL)',
  );
  const eraseStatements = [
    // What an import recorded about the contact (its old field values).
    `DELETE FROM import_changes WHERE contact_id IN (${givenIds})`,
    `DELETE FROM consents WHERE contact_id IN (${givenIds})`,
    // A kept-apart entry on another contact names this one ("Als andere Person als „…“ markiert").
    `UPDATE history SET after = json_set(after, '$.other', NULL)
       WHERE kind IN ('keptApart', 'keptApartUndone') AND contact_id NOT IN (${givenIds})
         AND json_extract(after, '$.other') IN (SELECT display_name FROM contacts WHERE id IN (${givenIds}))`,
    `DELETE FROM history WHERE contact_id IN (${givenIds})`,
    `DELETE FROM duplicate_candidates WHERE contact_id IN (${givenIds}) OR other_id IN (${givenIds})`,
    `DELETE FROM kept_apart WHERE contact_id IN (${givenIds}) OR other_id IN (${givenIds})`,
    ...['contact_phones', 'contact_emails', 'contact_addresses', 'contact_tags'].map((table) => `DELETE FROM ${table} WHERE contact_id IN (${givenIds})`),
  ].map((sql) => db.prepare<{ ids: string }>(sql));
  const emptyRows = db.prepare(`UPDATE contacts SET ${emptiedColumns(db)} WHERE id IN (${givenIds})`);
  // Scans no consent refers to any more (the upload was never used for a consent).
  const unusedEvidence = 'FROM evidence WHERE uploaded_at < ? AND id NOT IN (SELECT evidence_id FROM consents WHERE evidence_id IS NOT NULL)';
  const purgeEvidence = db.prepare<[string]>(`DELETE ${unusedEvidence}`);
  const anyUnusedEvidence = db.prepare<[string], number>(`SELECT 1 ${unusedEvidence} LIMIT 1`).pluck();
  const markDeleted = db.prepare("UPDATE contacts SET deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id IN (SELECT value FROM json_each(?)) AND erased_at IS NULL");
  const markRestored = db.prepare('UPDATE contacts SET deleted_at = NULL WHERE id IN (SELECT value FROM json_each(?)) AND erased_at IS NULL');
  const deleteRows = (table: string) => db.prepare(`DELETE FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`);
  const deletePhones = deleteRows('contact_phones');
  const deleteEmails = deleteRows('contact_emails');
  const deleteAddresses = deleteRows('contact_addresses');
  const tagsFor = db.prepare<[number], string>('SELECT tag FROM contact_tags WHERE contact_id = ? ORDER BY tag').pluck();
  const clearTags = clearChildren('contact_tags');
  const insertTag = db.prepare('INSERT OR IGNORE INTO contact_tags (contact_id, tag) VALUES (?, ?)');
  const everyTag = db.prepare<[], string>(`SELECT DISTINCT tag FROM contact_tags WHERE contact_id IN (SELECT id FROM contacts WHERE ${alive}) ORDER BY tag COLLATE NOCASE`).pluck();
  const updateStatements = new Map<string, ReturnType<Database['prepare']>>();

  /** The search columns follow every change of names, numbers or e-mails. */
  const refreshSearch = (id: number) => {
    const row = searchSource.get(id);
    if (!row) return;
    const text = contactSearchText({ displayName: row.display_name, givenName: row.given_name, familyName: row.family_name, organization: row.organization, customerNumber: row.customer_number, emails: emailsFor.all(id) });
    const phones = phonesFor.all(id);
    setSearch.run(text, contactSearchDigits(phones), foldForSearch(row.display_name), organizationKey(row.organization), listMobile(phones), id);
  };

  /** Loads numbers, e-mails, addresses and tags for contacts with four queries, not four per contact. */
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
    const emails = group(emailsOf.all(ids), (e) => ({ address: e.address, label: e.label, valid: e.valid === 1 }));
    const addresses = group(addressesOf.all(ids), (a) => ({ street: a.street, postalCode: a.postal_code, city: a.city, region: a.region, country: a.country, label: a.label }));
    const tags = group(tagsOf.all(ids), (t) => t.tag);
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
      language: row.language,
      formal: row.formal === null ? null : row.formal === 1,
      minor: row.minor === 1,
      tags: tags.get(row.id) ?? [],
      stage: row.status,
      target: row.target,
      messenger: row.messenger,
      messengerId: row.messenger_id,
      stageChangedAt: row.stage_changed_at,
      invitedAt: row.invited_at,
      invitedChannel: row.invited_channel,
      switchedAt: row.switched_at,
      letterSentAt: row.letter_sent_at,
      letterVersion: row.letter_version,
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
    touchContact.run(id);
    refreshSearch(id);
    return ids;
  };

  const insert = (contact: NewContact, importId?: number): number => {
    const { phones = [], emails = [], addresses = [] } = contact;
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
        contact.language ?? 'de',
        contact.onWhatsapp ? 1 : 0,
        contact.whatsappLastMessageAt ?? null,
        importId ?? null,
        contactSearchText({ ...contact, emails }),
        contactSearchDigits(phones),
        foldForSearch(contact.displayName),
        organizationKey(contact.organization),
        listMobile(phones),
        contact.minor ? 1 : 0,
      ).lastInsertRowid,
    );
    for (let position = 0; position < phones.length; position += 1) {
      const p = phones[position]!;
      insertPhone.run(id, position, p.e164, p.raw, p.label, p.kind);
    }
    for (let position = 0; position < emails.length; position += 1) insertEmail.run(id, position, emails[position]!.address, emails[position]!.label, emails[position]!.valid === false ? 0 : 1);
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

    stateToken() {
      const { version, changes } = dataVersion.get()!;
      return `${version}:${changes}`;
    },

    fillMatchIndex,
    lastId: () => lastContactId.get()!,

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
      if (keys.some((key) => searchFields.has(key))) refreshSearch(id);
    },

    addPhones(id, phones) {
      let position = nextPhone.get(id)!.next;
      return added(id, phones, (p) => Number(insertPhone.run(id, position++, p.e164, p.raw, p.label, p.kind).lastInsertRowid));
    },
    addEmails(id, emails) {
      let position = nextEmail.get(id)!.next;
      return added(id, emails, (e) => Number(insertEmail.run(id, position++, e.address, e.label, e.valid === false ? 0 : 1).lastInsertRowid));
    },
    addAddresses(id, addresses) {
      let position = nextAddress.get(id)!.next;
      return added(id, addresses, (a) => Number(insertAddress.run(id, position++, a.street, a.postalCode, a.city, a.region, a.country, a.label).lastInsertRowid));
    },

    replacePhones: (id, phones) => replace(id, phones, clearPhones, (p, position) => insertPhone.run(id, position, p.e164, p.raw, p.label, p.kind)),
    replaceEmails: (id, emails) => replace(id, emails, clearEmails, (e, position) => insertEmail.run(id, position, e.address, e.label, e.valid === false ? 0 : 1)),
    replaceAddresses: (id, addresses) =>
      replace(id, addresses, clearAddresses, (a, position) => insertAddress.run(id, position, a.street, a.postalCode, a.city, a.region, a.country, a.label)),

    removeRows(contactId, rows) {
      if (rows.phones.length) deletePhones.run(JSON.stringify(rows.phones));
      if (rows.emails.length) deleteEmails.run(JSON.stringify(rows.emails));
      if (rows.addresses.length) deleteAddresses.run(JSON.stringify(rows.addresses));
      refreshSearch(contactId);
    },

    tags: (id) => tagsFor.all(id),
    setTags(id, tags) {
      clearTags.run(id);
      for (const tag of tags) insertTag.run(id, tag);
      touchContact.run(id);
    },
    allTags: () => everyTag.all(),

    setDeleted(ids, deleted) {
      (deleted ? markDeleted : markRestored).run(JSON.stringify(ids));
    },

    inBinBefore: (before) => inBinBefore.all(before),
    erasable: (id) => erasableRow.get(id) ?? null,
    isErased: (id) => erasedRow.get(id) !== undefined,
    mergedIntoInBin: (id) => mergedIntoInBin.all({ id }),

    erase(list) {
      if (list.length === 0) return;
      const json = JSON.stringify(list);
      const evidence = evidenceOf.all({ ids: json });
      for (const statement of eraseStatements) statement.run({ ids: json });
      if (evidence.length > 0) deleteUnusedEvidence.run({ evidence: JSON.stringify(evidence) });
      emptyRows.run({ ids: json });
    },

    purgeUnusedEvidenceBefore: (before) => purgeEvidence.run(before).changes,
    hasUnusedEvidenceBefore: (before) => anyUnusedEvidence.get(before) !== undefined,
    byIdsIncludingBin: (ids) => withDetails(byIdIncludingBin.all(JSON.stringify(ids))),

    deleteMany(ids) {
      deleteContacts.run(JSON.stringify(ids));
    },

    touch: (id) => {
      touchContact.run(id);
    },
  };
}
