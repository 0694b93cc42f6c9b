import type { Database } from 'better-sqlite3';
import type { ConsentMethod, Purpose } from '../../../shared/model/tracking';

/** What a kept scan proves, without personal data: one consent it was recorded with. */
export interface RetainedConsent {
  purpose: Purpose;
  givenAt: string;
  textVersion: string;
  method: ConsentMethod;
  withdrawnAt: string;
}

/** The proof of a withdrawn consent kept after its contact was erased (migration 0013). */
export interface RetainedEvidence {
  id: number;
  /** The erased contact's id: its row holds nothing else. */
  contactId: number;
  mime: string;
  size: number;
  sha256: string;
  consents: RetainedConsent[];
  /** The last day it is kept (YYYY-MM-DD). */
  keepUntil: string;
  retainedAt: string;
}

/** A scan of a withdrawn consent of contacts about to be erased, with the consents it proves. */
export interface WithdrawnEvidence {
  evidenceId: number;
  contactId: number;
  consents: RetainedConsent[];
}

/**
 * The bin and erasure: contacts deleted (hidden, restorable) stay in the bin until they are erased
 * for good, 30 days after deletion or when the office asks (services/erasure.ts).
 */
export interface ContactErasureRepository {
  /** Contacts in the bin (deleted, not erased) that were deleted before this time (ISO), with when. Only reads. */
  inBinBefore(before: string): { id: number; deletedAt: string }[];
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
  /**
   * The scans of these contacts' withdrawn consents, once per contact and scan, each with the
   * withdrawn consents it proves (a consent still given, or one proven by a note, is not among them).
   */
  withdrawnEvidenceOf(ids: number[]): WithdrawnEvidence[];
  /** Copies a scan out of the evidence table, detached: without its file name. Call before erase(). */
  retainEvidence(evidence: WithdrawnEvidence, keepUntil: string): number;
  retainedEvidence(): RetainedEvidence[];
  /** One kept scan with its bytes, or null. */
  retainedEvidenceFile(id: number): (RetainedEvidence & { data: Buffer }) | null;
  /** Kept scans whose last day lies before this day (YYYY-MM-DD), with their contact. Only reads. */
  retainedEvidenceDue(today: string): { id: number; contactId: number }[];
  deleteRetainedEvidence(ids: number[]): void;
  /**
   * Puts kept proof back after a restore (the backup may be older than the erasure that kept it):
   * each row unless the same proof of the same contact is there already. Returns how many were added.
   */
  addRetainedEvidence(rows: RetainedEvidenceRow[]): number;
}

/** Kept proof as another database file holds it (a restore carries it over, services/restore-backup.ts). */
export interface RetainedEvidenceRow {
  contact_id: number;
  mime: string;
  size: number;
  sha256: string;
  data: Buffer;
  consents: string;
  keep_until: string;
  retained_at: string;
}

/** Adds one kept proof unless the same scan is kept for that contact already (a restore carries proof over). */
export const ADD_RETAINED_EVIDENCE_SQL = `INSERT INTO retained_evidence (contact_id, mime, size, sha256, data, consents, keep_until, retained_at)
  SELECT @contact_id, @mime, @size, @sha256, @data, @consents, @keep_until, @retained_at
   WHERE NOT EXISTS (SELECT 1 FROM retained_evidence WHERE contact_id = @contact_id AND sha256 = @sha256)`;

/** Every kept proof of a database opened apart from the repositories (the one a restore replaces). */
export const retainedEvidenceRows = (db: Database): RetainedEvidenceRow[] =>
  db
    .prepare<[], RetainedEvidenceRow>(
      'SELECT contact_id, mime, size, sha256, data, consents, keep_until, retained_at FROM retained_evidence ORDER BY id',
    )
    .all();

/** Columns an erased contact keeps: its id, its timestamps and revision, and when it was deleted and erased. */
const keptWhenErased = new Set(['id', 'created_at', 'updated_at', 'revision', 'deleted_at', 'erased_at']);

/**
 * The SET list that empties every other column of a contact: its default where it has one (kind
 * 'other', language 'de' …), else NULL, or '' where NULL is not allowed (the display name). Read from
 * the table itself, so a column a later version adds is emptied too.
 */
function emptiedColumns(db: Database): string {
  const columns = db
    .prepare<[], { name: string; notnull: number; dflt_value: string | null }>(
      'SELECT name, "notnull", dflt_value FROM pragma_table_info(\'contacts\')',
    )
    .all();
  const set = columns
    .filter((column) => !keptWhenErased.has(column.name))
    .map((column) => `${column.name} = ${column.dflt_value ?? (column.notnull ? "''" : 'NULL')}`);
  const now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
  return [...set, `deleted_at = coalesce(deleted_at, ${now})`, `erased_at = ${now}`].join(', ');
}

export function createContactErasureRepository(db: Database): ContactErasureRepository {
  const inBin = 'deleted_at IS NOT NULL AND erased_at IS NULL';
  const inBinBefore = db.prepare<[string], { id: number; deletedAt: string }>(
    `SELECT id, deleted_at AS deletedAt FROM contacts WHERE ${inBin} AND deleted_at < ? ORDER BY id`,
  );
  const erasableRow = db.prepare<[number], { id: number; displayName: string; deletedAt: string | null }>(
    'SELECT id, display_name AS displayName, deleted_at AS deletedAt FROM contacts WHERE id = ? AND erased_at IS NULL',
  );
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
  const evidenceOf = db
    .prepare<{ ids: string }, number>(
      `SELECT DISTINCT evidence_id FROM consents WHERE evidence_id IS NOT NULL AND contact_id IN (${givenIds})`,
    )
    .pluck();
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
    ...['contact_phones', 'contact_emails', 'contact_addresses', 'contact_tags'].map(
      (table) => `DELETE FROM ${table} WHERE contact_id IN (${givenIds})`,
    ),
  ].map((sql) => db.prepare<{ ids: string }>(sql));
  const emptyRows = db.prepare(`UPDATE contacts SET ${emptiedColumns(db)} WHERE id IN (${givenIds})`);
  // Scans no consent refers to any more (the upload was never used for a consent).
  const unusedEvidence =
    'FROM evidence WHERE uploaded_at < ? AND id NOT IN (SELECT evidence_id FROM consents WHERE evidence_id IS NOT NULL)';
  const purgeEvidence = db.prepare<[string]>(`DELETE ${unusedEvidence}`);
  const anyUnusedEvidence = db.prepare<[string], number>(`SELECT 1 ${unusedEvidence} LIMIT 1`).pluck();

  const withdrawnEvidence = db.prepare<{ ids: string }, { evidence_id: number; contact_id: number; consents: string }>(
    `SELECT evidence_id, contact_id,
            json_group_array(json_object('purpose', purpose, 'givenAt', given_at, 'textVersion', text_version,
                                         'method', method, 'withdrawnAt', withdrawn_at)) AS consents
       FROM (SELECT * FROM consents
              WHERE contact_id IN (${givenIds}) AND evidence_id IS NOT NULL AND withdrawn_at IS NOT NULL
              ORDER BY given_at, id)
      GROUP BY contact_id, evidence_id
      ORDER BY contact_id, evidence_id`,
  );
  const copyEvidence = db.prepare<{ evidence: number; contact: number; consents: string; keepUntil: string }>(
    `INSERT INTO retained_evidence (contact_id, mime, size, sha256, data, consents, keep_until)
       SELECT @contact, mime, size, sha256, data, @consents, @keepUntil FROM evidence WHERE id = @evidence`,
  );
  const retainedColumns = 'id, contact_id, mime, size, sha256, consents, keep_until, retained_at';
  type RetainedRow = {
    id: number;
    contact_id: number;
    mime: string;
    size: number;
    sha256: string;
    consents: string;
    keep_until: string;
    retained_at: string;
  };
  const fromRetainedRow = (row: RetainedRow): RetainedEvidence => ({
    id: row.id,
    contactId: row.contact_id,
    mime: row.mime,
    size: row.size,
    sha256: row.sha256,
    consents: JSON.parse(row.consents),
    keepUntil: row.keep_until,
    retainedAt: row.retained_at,
  });
  const allRetained = db.prepare<[], RetainedRow>(`SELECT ${retainedColumns} FROM retained_evidence ORDER BY id`);
  const oneRetained = db.prepare<[number], RetainedRow & { data: Buffer }>(
    `SELECT ${retainedColumns}, data FROM retained_evidence WHERE id = ?`,
  );
  const retainedDue = db.prepare<[string], { id: number; contactId: number }>(
    'SELECT id, contact_id AS contactId FROM retained_evidence WHERE keep_until < ? ORDER BY id',
  );
  const addRetained = db.prepare<RetainedEvidenceRow>(ADD_RETAINED_EVIDENCE_SQL);
  const deleteRetained = db.prepare<[string]>('DELETE FROM retained_evidence WHERE id IN (SELECT value FROM json_each(?))');

  return {
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

    withdrawnEvidenceOf: (list) =>
      withdrawnEvidence.all({ ids: JSON.stringify(list) }).map((row) => ({
        evidenceId: row.evidence_id,
        contactId: row.contact_id,
        consents: JSON.parse(row.consents),
      })),
    retainEvidence: (evidence, keepUntil) =>
      Number(
        copyEvidence.run({
          evidence: evidence.evidenceId,
          contact: evidence.contactId,
          consents: JSON.stringify(evidence.consents),
          keepUntil,
        }).lastInsertRowid,
      ),
    retainedEvidence: () => allRetained.all().map(fromRetainedRow),
    retainedEvidenceFile(id) {
      const row = oneRetained.get(id);
      return row ? { ...fromRetainedRow(row), data: row.data } : null;
    },
    retainedEvidenceDue: (today) => retainedDue.all(today),
    deleteRetainedEvidence: (list) => {
      if (list.length > 0) deleteRetained.run(JSON.stringify(list));
    },
    addRetainedEvidence: (rows) => rows.reduce((added, row) => added + addRetained.run(row).changes, 0),
  };
}
