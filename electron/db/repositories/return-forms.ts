import type { Database } from 'better-sqlite3';

/** What the reading of returned consent forms (issue 18) keeps and looks up. */
export interface ReturnFormsRepository {
  /** The database's own key, for the Rückläufer-Code's check value (migration 0015). */
  identityKey(): Buffer;
  /**
   * When a form with this Rückläufer-Code was recorded (a consent or a refusal), or a page with these
   * bytes kept: the same form read before. Null when neither.
   */
  recordedBefore(code: string | null, sha256: string | null): { at: string } | null;
  /** Notes on a kept page which form it was read from. */
  markPage(evidenceId: number, code: string): void;
}

export function createReturnFormsRepository(db: Database): ReturnFormsRepository {
  const key = db.prepare<[], Buffer>('SELECT key FROM database_identity WHERE id = 1').pluck();
  const byCode = db
    .prepare<[string], string>("SELECT at FROM history WHERE json_extract(after, '$.returnCode') = ? ORDER BY id LIMIT 1")
    .pluck();
  const byBytes = db.prepare<[string], string>('SELECT uploaded_at FROM evidence WHERE sha256 = ? ORDER BY id LIMIT 1').pluck();
  const mark = db.prepare<[string, number]>('UPDATE evidence SET return_code = ? WHERE id = ?');
  let cachedKey: Buffer | null = null;
  return {
    identityKey() {
      cachedKey ??= key.get() ?? null;
      if (!cachedKey) throw new Error('the database has no identity key (migration 0015)');
      return cachedKey;
    },
    recordedBefore(code, sha256) {
      const at = (code ? byCode.get(code) : undefined) ?? (sha256 ? byBytes.get(sha256) : undefined);
      return at ? { at } : null;
    },
    markPage: (evidenceId, code) => void mark.run(code, evidenceId),
  };
}
