import type { Database } from 'better-sqlite3';
import { decodeCandidate, encodeCandidate, type CandidateStore } from '../../importers/candidate-store';
import type { CandidateContact } from '../../importers/normalize';

/**
 * Stages the contacts of an import in a scratch SQLite database of their own (anonymous, deleted
 * on close), so a file of any size is previewed and committed without holding it in memory.
 * The scratch database is one long transaction: nothing of it ever needs to be durable.
 */
export function createStagingStore(scratch: Database): CandidateStore {
  scratch.exec('CREATE TABLE candidates (data TEXT NOT NULL)');
  scratch.exec('BEGIN');
  const insert = scratch.prepare<[string]>('INSERT INTO candidates (data) VALUES (?)');
  const select = scratch.prepare<[number], string>('SELECT data FROM candidates WHERE rowid = ?').pluck();
  const update = scratch.prepare<[string, number]>('UPDATE candidates SET data = ? WHERE rowid = ?');
  const page = scratch.prepare<[number], { rowid: number; data: string }>('SELECT rowid, data FROM candidates WHERE rowid > ? ORDER BY rowid LIMIT 500');
  let size = 0;

  return {
    add(candidate: CandidateContact) {
      insert.run(encodeCandidate(candidate));
      return size++;
    },
    get(index) {
      const data = select.get(index + 1);
      if (data === undefined) throw new RangeError(`no candidate ${index}`);
      return decodeCandidate(data);
    },
    replace(index, candidate) {
      update.run(encodeCandidate(candidate), index + 1);
    },
    get size() {
      return size;
    },
    // A page at a time: the caller may write to the store between two rows (a re-plan merges),
    // which an open cursor on the same connection would not allow.
    *values() {
      for (let after = 0; ; ) {
        const rows = page.all(after);
        if (rows.length === 0) return;
        for (const row of rows) yield decodeCandidate(row.data);
        after = rows[rows.length - 1]!.rowid;
      }
    },
    close() {
      if (scratch.open) scratch.close();
    },
  };
}
