import type { Database } from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { decodeCandidate, encodeCandidate, type CandidateStore } from './candidate-store';
import type { CandidateContact } from './normalize';
import { AppError } from '../db/errors';

/**
 * What SQLite says when the scratch database cannot grow: it is anonymous and spills to the system's
 * folder for temporary files, so a full or unwritable disk there is no problem of the office's
 * database (errors.ts would name that file as full or broken) but of temporary space for the import.
 */
const tempSpaceProblems = ['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_CANTOPEN'];

function asTempSpaceProblem(error: unknown): unknown {
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
  const isTempSpace = tempSpaceProblems.some((prefix) => code === prefix || code.startsWith(`${prefix}_`));
  return isTempSpace ? new AppError('disk_full', 'import.errors.tempSpace', { folder: tmpdir() }) : error;
}

/** Runs work on the scratch database, its failures of temporary space said as such. */
function onScratch<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw asTempSpaceProblem(error);
  }
}

/**
 * Stages the contacts of an import in a scratch SQLite database of their own (anonymous, deleted
 * on close), so a file of any size is previewed and committed without holding it in memory.
 * The scratch database is one long transaction: nothing of it ever needs to be durable.
 */
export function createStagingStore(scratch: Database): CandidateStore {
  const statements = onScratch(() => {
    scratch.exec('CREATE TABLE candidates (data TEXT NOT NULL)');
    scratch.exec('BEGIN');
    return {
      insert: scratch.prepare<[string]>('INSERT INTO candidates (data) VALUES (?)'),
      select: scratch.prepare<[number], string>('SELECT data FROM candidates WHERE rowid = ?').pluck(),
      update: scratch.prepare<[string, number]>('UPDATE candidates SET data = ? WHERE rowid = ?'),
      range: scratch.prepare<[number, number], string>('SELECT data FROM candidates WHERE rowid > ? ORDER BY rowid LIMIT ?').pluck(),
    };
  });
  const { insert, select, update, range } = statements;
  let size = 0;
  const addEncoded = (encoded: string) => {
    onScratch(() => insert.run(encoded));
    return size++;
  };

  return {
    add: (candidate: CandidateContact) => addEncoded(encodeCandidate(candidate)),
    addEncoded,
    get(index) {
      const data = onScratch(() => select.get(index + 1));
      if (data === undefined) throw new RangeError(`no candidate ${index}`);
      return decodeCandidate(data);
    },
    range(from, count) {
      return onScratch(() => range.all(from, count)).map(decodeCandidate);
    },
    replace(index, candidate) {
      onScratch(() => update.run(encodeCandidate(candidate), index + 1));
    },
    get size() {
      return size;
    },
    // A page at a time: the caller may write to the store between two rows (a re-plan merges),
    // which an open cursor on the same connection would not allow.
    *values() {
      for (let from = 0; ; from += 500) {
        const rows = onScratch(() => range.all(from, 500));
        if (rows.length === 0) return;
        for (const data of rows) yield decodeCandidate(data);
      }
    },
    close() {
      if (scratch.open) scratch.close();
    },
  };
}
