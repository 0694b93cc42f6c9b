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
}

/** What an import changed in an existing contact. */
export interface ImportChange {
  contactId: number;
  /** The fields as they were before the import. */
  before: Partial<ContactFields>;
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
  historyOf(contactId: number): { created: ImportRow | null; updates: { record: ImportRow; before: Partial<ContactFields> }[] };
  markUndone(id: number): void;
  addDuplicate(contactId: number, otherId: number, reason: string, importId: number | null): void;
  duplicatesOf(contactId: number): { contactId: number; otherId: number; reason: string }[];
  /** The pair was reviewed: merged, or kept as two different people. */
  resolveDuplicate(contactId: number, otherId: number): void;
  mapping(signature: string): ColumnTarget[] | null;
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
});

export function createImportsRepository(db: Database): ImportsRepository {
  const insertImport = db.prepare(
    `INSERT INTO imports (file_name, file_hash, format, encoding, created, updated, unchanged, duplicates, invalid)
     VALUES (@fileName, @fileHash, @format, @encoding, @created, @updated, @unchanged, @duplicates, @invalid)`,
  );
  const insertChange = db.prepare(
    'INSERT INTO import_changes (import_id, contact_id, before, added, revision_after) VALUES (?, ?, ?, ?, ?)',
  );
  const selectImports = db.prepare<[], ImportDbRow>('SELECT * FROM imports ORDER BY id DESC');
  const selectImport = db.prepare<[number], ImportDbRow>('SELECT * FROM imports WHERE id = ?');
  const selectChanges = db.prepare<[number], { contact_id: number; before: string; added: string; revision_after: number }>(
    'SELECT * FROM import_changes WHERE import_id = ?',
  );
  const setCounts = db.prepare(
    'UPDATE imports SET created = @created, updated = @updated, unchanged = @unchanged, duplicates = @duplicates, invalid = @invalid WHERE id = @id',
  );
  const creatorOf = db.prepare<[number], ImportDbRow>('SELECT i.* FROM imports i JOIN contacts c ON c.created_by_import = i.id WHERE c.id = ? AND i.undone_at IS NULL');
  const updatesOf = db.prepare<[number], ImportDbRow & { change_before: string }>(
    'SELECT i.*, ch.before AS change_before FROM import_changes ch JOIN imports i ON i.id = ch.import_id WHERE ch.contact_id = ? AND i.undone_at IS NULL ORDER BY i.id',
  );
  const undo = db.prepare("UPDATE imports SET undone_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?");
  const insertDuplicate = db.prepare(
    'INSERT OR IGNORE INTO duplicate_candidates (contact_id, other_id, reason, import_id) VALUES (?, ?, ?, ?)',
  );
  const selectDuplicates = db.prepare<[number, number], { contactId: number; otherId: number; reason: string }>(
    'SELECT contact_id AS contactId, other_id AS otherId, reason FROM duplicate_candidates WHERE (contact_id = ? OR other_id = ?) AND resolved_at IS NULL ORDER BY id',
  );
  const resolveDuplicate = db.prepare(
    "UPDATE duplicate_candidates SET resolved_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE (contact_id = @a AND other_id = @b) OR (contact_id = @b AND other_id = @a)",
  );
  const selectMapping = db.prepare<[string], { mapping: string }>('SELECT mapping FROM column_mappings WHERE signature = ?');
  const upsertMapping = db.prepare(
    `INSERT INTO column_mappings (signature, mapping) VALUES (?, ?)
     ON CONFLICT (signature) DO UPDATE SET mapping = excluded.mapping, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
  );

  return {
    create: (record) => Number(insertImport.run({ ...record, ...record.counts }).lastInsertRowid),
    addChange(importId, change) {
      insertChange.run(importId, change.contactId, JSON.stringify(change.before), JSON.stringify(change.added), change.revisionAfter);
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
        added: JSON.parse(row.added),
        revisionAfter: row.revision_after,
      })),
    historyOf(contactId) {
      const creator = creatorOf.get(contactId);
      return {
        created: creator ? fromDb(creator) : null,
        updates: updatesOf.all(contactId).map((row) => ({ record: fromDb(row), before: JSON.parse(row.change_before) })),
      };
    },
    markUndone: (id) => {
      undo.run(id);
    },
    addDuplicate: (contactId, otherId, reason, importId) => {
      insertDuplicate.run(contactId, otherId, reason, importId);
    },
    duplicatesOf: (contactId) => selectDuplicates.all(contactId, contactId),
    resolveDuplicate: (a, b) => {
      resolveDuplicate.run({ a, b });
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
