import type { Database } from 'better-sqlite3';

/** What the reading of returned consent forms (issue 18) keeps and looks up. */
export interface ReturnFormsRepository {
  /** The database's own key, for the Rückläufer-Code's check value (migration 0015). */
  identityKey(): Buffer;
  /** The page kept as proof for this Rückläufer-Code, or with these bytes: the same page read before. */
  keptPage(code: string, sha256: string): { evidenceId: number; uploadedAt: string } | null;
  /** Notes on a kept page which form it was read from. */
  markPage(evidenceId: number, code: string): void;
}

export function createReturnFormsRepository(db: Database): ReturnFormsRepository {
  const key = db.prepare<[], Buffer>('SELECT key FROM database_identity WHERE id = 1').pluck();
  const kept = db.prepare<[string, string], { evidenceId: number; uploadedAt: string }>(
    'SELECT id AS evidenceId, uploaded_at AS uploadedAt FROM evidence WHERE return_code = ? OR sha256 = ? ORDER BY id LIMIT 1',
  );
  const mark = db.prepare<[string, number]>('UPDATE evidence SET return_code = ? WHERE id = ?');
  let cachedKey: Buffer | null = null;
  return {
    identityKey() {
      cachedKey ??= key.get() ?? null;
      if (!cachedKey) throw new Error('the database has no identity key (migration 0015)');
      return cachedKey;
    },
    keptPage: (code, sha256) => kept.get(code, sha256) ?? null,
    markPage: (evidenceId, code) => void mark.run(code, evidenceId),
  };
}
