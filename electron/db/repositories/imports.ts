import type { Database } from 'better-sqlite3';
import type { ColumnTarget, ImportCounts, ImportFormat } from '../../../shared/model/import';
import type { AddedRows, ContactFields } from './contacts';

export interface ImportRow {
  id: number;
  fileName: string;
  fileHash: string;
  format: ImportFormat;
  encoding: string | null;
  importedAt: string;
  counts: ImportCounts;
  undoneAt: string | null;
  /** Contacts its undo left as they were, changed since (the undo of the rest); null when undone whole or not at all. */
  keptOnUndo: number | null;
}

/** What an import changed in an existing contact. */
export interface ImportChange {
  contactId: number;
  /** The fields as they were before the import. */
  before: Partial<ContactFields>;
  /** The same fields as the import set them (null in records written before version 7). */
  after: Partial<ContactFields> | null;
  /** Numbers, e-mails and addresses the import added. */
  added: AddedRows;
  revisionAfter: number;
}

export interface ImportsRepository {
  create(record: { fileName: string; fileHash: string; format: ImportFormat; encoding: string | null; counts: ImportCounts }): number;
  addChange(importId: number, change: ImportChange): void;
  updateCounts(importId: number, counts: ImportCounts): void;
  list(): ImportRow[];
  get(id: number): ImportRow | null;
  changes(importId: number): ImportChange[];
  /** What imports changed in one contact, and which import created it. */
  historyOf(contactId: number): {
    created: ImportRow | null;
    updates: { record: ImportRow; before: Partial<ContactFields>; after: Partial<ContactFields> | null }[];
  };
  /** `kept`: contacts the undo left as they were, because they were changed since (null: undone whole). */
  markUndone(id: number, kept?: number | null): void;
  /** Forgets what an import changed in these contacts (its undo of the rest put them back). */
  removeChanges(importId: number, contactIds: number[]): void;
  addDuplicate(contactId: number, otherId: number, reason: string, importId: number | null): void;
  duplicatesOf(contactId: number): { contactId: number; otherId: number; reason: string }[];
  /** The pair was reviewed: merged, or kept as two different people. */
  resolveDuplicate(contactId: number, otherId: number): void;
  /** Records that two contacts are different people: no import or suggestion joins them again. */
  keepApart(contactId: number, otherId: number): void;
  /** Takes a keep-apart decision back (its undo); a pair first suggested as a duplicate is suggested again. */
  unkeepApart(contactId: number, otherId: number): void;
  /** A merged contact's kept-apart pairs pass to the contact it was merged into. */
  moveKeptApart(fromContact: number, toContact: number): void;
  isKeptApart(contactId: number, otherId: number): boolean;
  /** Every kept-apart pair, in both directions. */
  keptApart(): Map<number, Set<number>>;
  /**
   * Imports none of whose contacts is left (all erased, or taken back by its undo) lose their file
   * name, which often names a person ("Vorname Nachname.vcf" is how an iPhone shares a contact), and
   * the hash of that file: `anonymous` gives what is kept instead. Returns how many changed.
   */
  forgetFileNamesWithoutContacts(anonymous: (fileName: string) => string): number;
  /** Removes saved column mappings (one made from a file whose first row was a person, not headers). */
  deleteMappings(signatures: string[]): void;
  mapping(signature: string): ColumnTarget[] | null;
  /** Every saved mapping by header signature (handed to the import reader's worker thread). */
  mappings(): [string, ColumnTarget[]][];
  saveMapping(signature: string, mapping: ColumnTarget[]): void;
}

interface ImportDbRow {
  id: number;
  file_name: string;
  file_hash: string;
  format: ImportFormat;
  encoding: string | null;
  imported_at: string;
  created: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  invalid: number;
  undone_at: string | null;
  kept_on_undo: number | null;
}

const fromDb = (row: ImportDbRow): ImportRow => ({
  id: row.id,
  fileName: row.file_name,
  fileHash: row.file_hash,
  format: row.format,
  encoding: row.encoding,
  importedAt: row.imported_at,
  counts: { created: row.created, updated: row.updated, unchanged: row.unchanged, duplicates: row.duplicates, invalid: row.invalid },
  undoneAt: row.undone_at,
  keptOnUndo: row.kept_on_undo,
});

/**
 * Imports that still have a file name and no contact left. An erased contact's row stays (with
 * created_by_import emptied); the contacts in the bin still count. Asked after every erasure and
 * purge, for every import: the partial index contacts_created_by_import (migration 0008) makes each
 * question one look-up instead of a pass over all contacts.
 */
export const IMPORTS_WITHOUT_CONTACTS_SQL = `SELECT id, file_name FROM imports i
     WHERE file_hash != ''
       AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.created_by_import = i.id)
       AND NOT EXISTS (SELECT 1 FROM import_changes ch WHERE ch.import_id = i.id)`;

export function createImportsRepository(db: Database): ImportsRepository {
  const insertImport = db.prepare(
    `INSERT INTO imports (file_name, file_hash, format, encoding, created, updated, unchanged, duplicates, invalid)
     VALUES (@fileName, @fileHash, @format, @encoding, @created, @updated, @unchanged, @duplicates, @invalid)`,
  );
  const insertChange = db.prepare(
    'INSERT INTO import_changes (import_id, contact_id, before, after, added, revision_after) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const selectImports = db.prepare<[], ImportDbRow>('SELECT * FROM imports ORDER BY id DESC');
  const selectImport = db.prepare<[number], ImportDbRow>('SELECT * FROM imports WHERE id = ?');
  const selectChanges = db.prepare<
    [number],
    { contact_id: number; before: string; after: string | null; added: string; revision_after: number }
  >('SELECT * FROM import_changes WHERE import_id = ?');
  const setCounts = db.prepare(
    'UPDATE imports SET created = @created, updated = @updated, unchanged = @unchanged, duplicates = @duplicates, invalid = @invalid WHERE id = @id',
  );
  const creatorOf = db.prepare<[number], ImportDbRow>(
    'SELECT i.* FROM imports i JOIN contacts c ON c.created_by_import = i.id WHERE c.id = ? AND (i.undone_at IS NULL OR i.kept_on_undo > 0)',
  );
  const updatesOf = db.prepare<[number], ImportDbRow & { change_before: string; change_after: string | null }>(
    'SELECT i.*, ch.before AS change_before, ch.after AS change_after FROM import_changes ch JOIN imports i ON i.id = ch.import_id WHERE ch.contact_id = ? AND (i.undone_at IS NULL OR i.kept_on_undo > 0) ORDER BY i.id',
  );
  const undo = db.prepare("UPDATE imports SET undone_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), kept_on_undo = ? WHERE id = ?");
  const deleteChanges = db.prepare<[number, string]>(
    'DELETE FROM import_changes WHERE import_id = ? AND contact_id IN (SELECT value FROM json_each(?))',
  );
  // A pair is suggested once (in either order), and never when the office keeps the two apart.
  const insertDuplicate = db.prepare<{ a: number; b: number; reason: string; importId: number | null }>(
    `INSERT OR IGNORE INTO duplicate_candidates (contact_id, other_id, reason, import_id)
     SELECT @a, @b, @reason, @importId
     WHERE NOT EXISTS (SELECT 1 FROM duplicate_candidates WHERE contact_id = @b AND other_id = @a)
       AND NOT EXISTS (SELECT 1 FROM kept_apart WHERE contact_id = min(@a, @b) AND other_id = max(@a, @b))`,
  );
  const insertKeptApart = db.prepare<{ a: number; b: number }>(
    'INSERT OR IGNORE INTO kept_apart (contact_id, other_id) VALUES (min(@a, @b), max(@a, @b))',
  );
  const deleteKeptApart = db.prepare<{ a: number; b: number }>(
    'DELETE FROM kept_apart WHERE contact_id = min(@a, @b) AND other_id = max(@a, @b)',
  );
  const reopenDuplicate = db.prepare<{ a: number; b: number }>(
    'UPDATE duplicate_candidates SET resolved_at = NULL WHERE (contact_id = @a AND other_id = @b) OR (contact_id = @b AND other_id = @a)',
  );
  const selectKeptApart = db
    .prepare<{ a: number; b: number }, number>('SELECT 1 FROM kept_apart WHERE contact_id = min(@a, @b) AND other_id = max(@a, @b)')
    .pluck();
  const allKeptApart = db.prepare<[], { contact_id: number; other_id: number }>('SELECT contact_id, other_id FROM kept_apart');
  const copyKeptApart = db.prepare<{ from: number; to: number }>(
    `INSERT OR IGNORE INTO kept_apart (contact_id, other_id, decided_at)
     SELECT min(@to, other), max(@to, other), decided_at
     FROM (SELECT CASE WHEN contact_id = @from THEN other_id ELSE contact_id END AS other, decided_at FROM kept_apart WHERE contact_id = @from OR other_id = @from)
     WHERE other != @to`,
  );
  const dropKeptApart = db.prepare<{ from: number }>('DELETE FROM kept_apart WHERE contact_id = @from OR other_id = @from');
  const selectDuplicates = db.prepare<[number, number], { contactId: number; otherId: number; reason: string }>(
    'SELECT contact_id AS contactId, other_id AS otherId, reason FROM duplicate_candidates WHERE (contact_id = ? OR other_id = ?) AND resolved_at IS NULL ORDER BY id',
  );
  const resolveDuplicate = db.prepare(
    "UPDATE duplicate_candidates SET resolved_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE (contact_id = @a AND other_id = @b) OR (contact_id = @b AND other_id = @a)",
  );
  const selectMappings = db.prepare<[], { signature: string; mapping: string }>('SELECT signature, mapping FROM column_mappings');
  const withoutContacts = db.prepare<[], { id: number; file_name: string }>(IMPORTS_WITHOUT_CONTACTS_SQL);
  const forgetFileName = db.prepare<[string, number]>("UPDATE imports SET file_name = ?, file_hash = '' WHERE id = ?");
  const deleteMapping = db.prepare<[string]>('DELETE FROM column_mappings WHERE signature = ?');
  const selectMapping = db.prepare<[string], { mapping: string }>('SELECT mapping FROM column_mappings WHERE signature = ?');
  const upsertMapping = db.prepare(
    `INSERT INTO column_mappings (signature, mapping) VALUES (?, ?)
     ON CONFLICT (signature) DO UPDATE SET mapping = excluded.mapping, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
  );

  return {
    create: (record) => Number(insertImport.run({ ...record, ...record.counts }).lastInsertRowid),
    addChange(importId, change) {
      insertChange.run(
        importId,
        change.contactId,
        JSON.stringify(change.before),
        change.after ? JSON.stringify(change.after) : null,
        JSON.stringify(change.added),
        change.revisionAfter,
      );
    },
    updateCounts: (id, counts) => {
      setCounts.run({ id, ...counts });
    },
    list: () => selectImports.all().map(fromDb),
    get(id) {
      const row = selectImport.get(id);
      return row ? fromDb(row) : null;
    },
    changes: (importId) =>
      selectChanges.all(importId).map((row) => ({
        contactId: row.contact_id,
        before: JSON.parse(row.before),
        after: row.after ? JSON.parse(row.after) : null,
        added: JSON.parse(row.added),
        revisionAfter: row.revision_after,
      })),
    historyOf(contactId) {
      const creator = creatorOf.get(contactId);
      return {
        created: creator ? fromDb(creator) : null,
        updates: updatesOf.all(contactId).map((row) => ({
          record: fromDb(row),
          before: JSON.parse(row.change_before),
          after: row.change_after ? JSON.parse(row.change_after) : null,
        })),
      };
    },
    markUndone: (id, kept = null) => {
      undo.run(kept, id);
    },
    removeChanges: (importId, contactIds) => {
      if (contactIds.length) deleteChanges.run(importId, JSON.stringify(contactIds));
    },
    addDuplicate: (contactId, otherId, reason, importId) => {
      insertDuplicate.run({ a: contactId, b: otherId, reason, importId });
    },
    keepApart: (a, b) => {
      insertKeptApart.run({ a, b });
    },
    unkeepApart: (a, b) => {
      deleteKeptApart.run({ a, b });
      reopenDuplicate.run({ a, b });
    },
    moveKeptApart: (from, to) => {
      copyKeptApart.run({ from, to });
      dropKeptApart.run({ from });
    },
    isKeptApart: (a, b) => selectKeptApart.get({ a, b }) !== undefined,
    keptApart() {
      const pairs = new Map<number, Set<number>>();
      const add = (a: number, b: number) => pairs.set(a, (pairs.get(a) ?? new Set()).add(b));
      for (const row of allKeptApart.iterate()) {
        add(row.contact_id, row.other_id);
        add(row.other_id, row.contact_id);
      }
      return pairs;
    },
    duplicatesOf: (contactId) => selectDuplicates.all(contactId, contactId),
    resolveDuplicate: (a, b) => {
      resolveDuplicate.run({ a, b });
    },
    mappings: () => selectMappings.all().map((row) => [row.signature, JSON.parse(row.mapping) as ColumnTarget[]]),
    forgetFileNamesWithoutContacts(anonymous) {
      const rows = withoutContacts.all();
      for (const row of rows) forgetFileName.run(anonymous(row.file_name), row.id);
      return rows.length;
    },
    deleteMappings(signatures) {
      for (const signature of signatures) deleteMapping.run(signature);
    },
    mapping(signature) {
      const row = selectMapping.get(signature);
      return row ? (JSON.parse(row.mapping) as ColumnTarget[]) : null;
    },
    saveMapping: (signature, mapping) => {
      upsertMapping.run(signature, JSON.stringify(mapping));
    },
  };
}
