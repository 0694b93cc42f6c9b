import type { Database } from 'better-sqlite3';
import { ADD_RETAINED_EVIDENCE_SQL, type RetainedEvidenceRow, retainedEvidenceRows } from './contact-erasure';
import { UPSERT_SETTING_SQL } from './settings';

/** The settings a restore keeps from the database it replaces: where backups go and how many are kept. */
const KEPT_SETTINGS = ['backupFolder', 'backupDays', 'backupsPerDay'];

interface HistoryRow {
  contact_id: number;
  at: string;
  kind: string;
  before: string | null;
  after: string | null;
}

/**
 * What a restore carries from the database it replaces into the backup (services/restore-backup.ts):
 * - the people erased on request since (their ids, and their history, which says only when);
 * - the proof of withdrawn consents kept after such an erasure;
 * - the access reports answered (counted for the accountability report);
 * - where backups go and how many are kept, so the backup of the state before stays listed.
 */
export interface CarryOver {
  erased: number[];
  erasedHistory: HistoryRow[];
  keptProof: RetainedEvidenceRow[];
  accessReports: { answered_at: string; format: string }[];
  settings: { key: string; value: string }[];
}

/** Reads what must survive a restore from the database about to be replaced (held exclusively). */
export function readCarryOver(db: Database): CarryOver {
  const erased = db.prepare('SELECT id FROM contacts WHERE erased_at IS NOT NULL').pluck().all() as number[];
  return {
    erased,
    erasedHistory: db
      .prepare<[string], HistoryRow>(
        'SELECT contact_id, at, kind, before, after FROM history WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY id',
      )
      .all(JSON.stringify(erased)),
    keptProof: retainedEvidenceRows(db),
    accessReports: db
      .prepare<[], { answered_at: string; format: string }>('SELECT answered_at, format FROM access_reports ORDER BY id')
      .all(),
    settings: db
      .prepare<[string], { key: string; value: string }>('SELECT key, value FROM settings WHERE key IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(KEPT_SETTINGS)),
  };
}

/**
 * Writes it into the restored copy, in one transaction, after the erased contacts were erased there
 * again: their history becomes the one the replaced database had (the day they were erased, not the
 * day of the restore), and the rest is added where missing.
 */
export function writeCarryOver(db: Database, carried: CarryOver): void {
  const deleteHistory = db.prepare<[number]>('DELETE FROM history WHERE contact_id = ?');
  const insertHistory = db.prepare<HistoryRow>(
    'INSERT INTO history (contact_id, at, kind, before, after) VALUES (@contact_id, @at, @kind, @before, @after)',
  );
  const addRetained = db.prepare<RetainedEvidenceRow>(ADD_RETAINED_EVIDENCE_SQL);
  const addAccessReport = db.prepare<{ answered_at: string; format: string }>(
    `INSERT INTO access_reports (answered_at, format) SELECT @answered_at, @format
      WHERE NOT EXISTS (SELECT 1 FROM access_reports WHERE answered_at = @answered_at AND format = @format)`,
  );
  const setting = db.prepare<[string, string]>(UPSERT_SETTING_SQL);
  // Only contacts the backup has (and that are erased in it now): one made after the backup has no row there.
  const erasedHere = new Set(
    db
      .prepare<[string], number>('SELECT id FROM contacts WHERE erased_at IS NOT NULL AND id IN (SELECT value FROM json_each(?))')
      .pluck()
      .all(JSON.stringify(carried.erased)),
  );
  db.transaction(() => {
    for (const id of erasedHere) deleteHistory.run(id);
    for (const row of carried.erasedHistory) if (erasedHere.has(row.contact_id)) insertHistory.run(row);
    for (const row of carried.keptProof) addRetained.run(row);
    for (const row of carried.accessReports) addAccessReport.run(row);
    for (const row of carried.settings) setting.run(row.key, row.value);
  })();
}
