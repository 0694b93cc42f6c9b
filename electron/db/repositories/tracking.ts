import type { Database } from 'better-sqlite3';
import type { ConsentMethod, Purpose } from '../../../shared/model/tracking';

export interface HistoryEntry {
  id: number;
  contactId: number;
  at: string;
  kind: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  operationId: number | null;
}

export interface ConsentRecord {
  id: number;
  contactId: number;
  purpose: Purpose;
  givenAt: string;
  textVersion: string;
  method: ConsentMethod;
  evidenceId: number | null;
  /** The stated reason when there is no scan ("mündlich am Telefon"). */
  evidenceNote: string | null;
  withdrawnAt: string | null;
  recordedAt: string;
}

export interface EvidenceFile {
  id: number;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  data: Buffer;
  uploadedAt: string;
}

export interface TrackingRepository {
  addHistory(entry: { contactId: number; kind: string; before: object | null; after: object | null; operationId?: number | null }): number;
  history(contactId: number): HistoryEntry[];
  historyOfOperation(operationId: number): HistoryEntry[];
  /** Stage changes over all contacts, oldest first (the overview's progress chart). */
  stageChanges(): { at: string; before: string | null; after: string | null }[];
  createOperation(kind: string, count: number): number;
  operation(id: number): { id: number; kind: string; at: string; count: number; undoneAt: string | null } | null;
  markOperationUndone(id: number): void;
  addConsent(consent: Omit<ConsentRecord, 'id' | 'recordedAt' | 'withdrawnAt'>): number;
  consents(contactId: number): ConsentRecord[];
  /** The consents of these contacts, each contact's oldest first (the export: one query for many contacts). */
  consentsOfContacts(contactIds: readonly number[]): Map<number, ConsentRecord[]>;
  withdrawConsent(id: number, at: string): void;
  restoreConsent(id: number): void;
  deleteConsent(id: number): void;
  moveConsents(fromContact: number, toContact: number): void;
  addEvidence(file: Omit<EvidenceFile, 'id' | 'uploadedAt'>): number;
  evidence(id: number): EvidenceFile | null;
  evidenceInfo(ids: number[]): Map<number, { fileName: string; mime: string; size: number }>;
  /** What is known of these scans without their bytes (an access report lists them), in the order of their ids. */
  evidenceDetails(ids: number[]): Omit<EvidenceFile, 'data'>[];
  /** Removes a scan no consent refers to any more (the undo of the consent that brought it). */
  deleteEvidenceIfUnused(id: number): void;
}

interface HistoryRow {
  id: number;
  contact_id: number;
  at: string;
  kind: string;
  before: string | null;
  after: string | null;
  operation_id: number | null;
}

const fromHistoryRow = (row: HistoryRow): HistoryEntry => ({
  id: row.id,
  contactId: row.contact_id,
  at: row.at,
  kind: row.kind,
  before: row.before ? JSON.parse(row.before) : null,
  after: row.after ? JSON.parse(row.after) : null,
  operationId: row.operation_id,
});

interface ConsentRow {
  id: number;
  contact_id: number;
  purpose: Purpose;
  given_at: string;
  text_version: string;
  method: ConsentRecord['method'];
  evidence_id: number | null;
  evidence_note: string | null;
  withdrawn_at: string | null;
  recorded_at: string;
}

const fromConsentRow = (row: ConsentRow): ConsentRecord => ({
  id: row.id,
  contactId: row.contact_id,
  purpose: row.purpose,
  givenAt: row.given_at,
  textVersion: row.text_version,
  method: row.method,
  evidenceId: row.evidence_id,
  evidenceNote: row.evidence_note,
  withdrawnAt: row.withdrawn_at,
  recordedAt: row.recorded_at,
});

/** History, bulk operations, consent records and their evidence: what the office must be able to show. */
export function createTrackingRepository(db: Database): TrackingRepository {
  const insertHistory = db.prepare('INSERT INTO history (contact_id, kind, before, after, operation_id) VALUES (?, ?, ?, ?, ?)');
  const historyOf = db.prepare<[number], HistoryRow>('SELECT * FROM history WHERE contact_id = ? ORDER BY id');
  const historyOfOperation = db.prepare<[number], HistoryRow>('SELECT * FROM history WHERE operation_id = ? ORDER BY id');
  const stageChanges = db.prepare<[], { at: string; before: string | null; after: string | null }>(
    "SELECT h.at, json_extract(h.before, '$.stage') AS before, json_extract(h.after, '$.stage') AS after FROM history h JOIN contacts c ON c.id = h.contact_id WHERE c.deleted_at IS NULL AND json_extract(h.after, '$.stage') IS NOT NULL ORDER BY h.at, h.id",
  );
  const insertOperation = db.prepare('INSERT INTO operations (kind, count) VALUES (?, ?)');
  const selectOperation = db.prepare<[number], { id: number; kind: string; at: string; count: number; undone_at: string | null }>(
    'SELECT * FROM operations WHERE id = ?',
  );
  const undoOperation = db.prepare("UPDATE operations SET undone_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?");
  const insertConsent = db.prepare(
    'INSERT INTO consents (contact_id, purpose, given_at, text_version, method, evidence_id, evidence_note) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const consentsOf = db.prepare<[number], ConsentRow>('SELECT * FROM consents WHERE contact_id = ? ORDER BY given_at, id');
  const consentsOfMany = db.prepare<[string], ConsentRow>(
    'SELECT * FROM consents WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY contact_id, given_at, id',
  );
  const withdraw = db.prepare('UPDATE consents SET withdrawn_at = ? WHERE id = ?');
  const restore = db.prepare('UPDATE consents SET withdrawn_at = NULL WHERE id = ?');
  const removeConsent = db.prepare('DELETE FROM consents WHERE id = ?');
  const moveConsents = db.prepare('UPDATE consents SET contact_id = ? WHERE contact_id = ?');
  const insertEvidence = db.prepare('INSERT INTO evidence (file_name, mime, size, sha256, data) VALUES (?, ?, ?, ?, ?)');
  const selectEvidence = db.prepare<
    [number],
    { id: number; file_name: string; mime: string; size: number; sha256: string; data: Buffer; uploaded_at: string }
  >('SELECT * FROM evidence WHERE id = ?');
  const deleteUnusedEvidence = db.prepare<[number]>(
    'DELETE FROM evidence WHERE id = ? AND id NOT IN (SELECT evidence_id FROM consents WHERE evidence_id IS NOT NULL)',
  );
  const evidenceInfo = db.prepare<[string], { id: number; file_name: string; mime: string; size: number }>(
    'SELECT id, file_name, mime, size FROM evidence WHERE id IN (SELECT value FROM json_each(?))',
  );

  const evidenceDetails = db.prepare<
    [string],
    { id: number; file_name: string; mime: string; size: number; sha256: string; uploaded_at: string }
  >('SELECT id, file_name, mime, size, sha256, uploaded_at FROM evidence WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id');

  return {
    addHistory: ({ contactId, kind, before, after, operationId }) =>
      Number(
        insertHistory.run(
          contactId,
          kind,
          before ? JSON.stringify(before) : null,
          after ? JSON.stringify(after) : null,
          operationId ?? null,
        ).lastInsertRowid,
      ),
    history: (contactId) => historyOf.all(contactId).map(fromHistoryRow),
    historyOfOperation: (operationId) => historyOfOperation.all(operationId).map(fromHistoryRow),
    stageChanges: () => stageChanges.all(),
    createOperation: (kind, count) => Number(insertOperation.run(kind, count).lastInsertRowid),
    operation(id) {
      const row = selectOperation.get(id);
      return row ? { id: row.id, kind: row.kind, at: row.at, count: row.count, undoneAt: row.undone_at } : null;
    },
    markOperationUndone: (id) => {
      undoOperation.run(id);
    },
    addConsent: (c) =>
      Number(insertConsent.run(c.contactId, c.purpose, c.givenAt, c.textVersion, c.method, c.evidenceId, c.evidenceNote).lastInsertRowid),
    consents: (contactId) => consentsOf.all(contactId).map(fromConsentRow),
    consentsOfContacts(contactIds) {
      const byContact = new Map<number, ConsentRecord[]>();
      for (const row of consentsOfMany.iterate(JSON.stringify(contactIds))) {
        const list = byContact.get(row.contact_id);
        if (list) list.push(fromConsentRow(row));
        else byContact.set(row.contact_id, [fromConsentRow(row)]);
      }
      return byContact;
    },
    withdrawConsent: (id, at) => {
      withdraw.run(at, id);
    },
    restoreConsent: (id) => {
      restore.run(id);
    },
    deleteConsent: (id) => {
      removeConsent.run(id);
    },
    moveConsents: (from, to) => {
      moveConsents.run(to, from);
    },
    addEvidence: (file) => Number(insertEvidence.run(file.fileName, file.mime, file.size, file.sha256, file.data).lastInsertRowid),
    evidence(id) {
      const row = selectEvidence.get(id);
      return row
        ? {
            id: row.id,
            fileName: row.file_name,
            mime: row.mime,
            size: row.size,
            sha256: row.sha256,
            data: row.data,
            uploadedAt: row.uploaded_at,
          }
        : null;
    },
    deleteEvidenceIfUnused: (id) => {
      deleteUnusedEvidence.run(id);
    },
    evidenceDetails: (ids) =>
      evidenceDetails.all(JSON.stringify(ids)).map((row) => ({
        id: row.id,
        fileName: row.file_name,
        mime: row.mime,
        size: row.size,
        sha256: row.sha256,
        uploadedAt: row.uploaded_at,
      })),
    evidenceInfo: (ids) =>
      new Map(evidenceInfo.all(JSON.stringify(ids)).map((row) => [row.id, { fileName: row.file_name, mime: row.mime, size: row.size }])),
  };
}
