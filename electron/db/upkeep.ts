import type { Database } from 'better-sqlite3';

/**
 * Work on the database file that must be done but may have to wait (table pending_upkeep, see
 * migration 0008): a task stays recorded until it succeeded, so a full disk or another program
 * holding the file only postpones it to the next writable open.
 * - `vacuum`: rewrite the file once with only what is alive (contacts purged before version 8 may
 *   still lie in its free pages).
 * - `checkpoint`: copy the write-ahead log into the file and empty it (an erasure whose own
 *   checkpoint was held up by another connection's reader: the -wal and the file still hold copies).
 */
export type UpkeepTask = 'vacuum' | 'checkpoint';

/**
 * How long one checkpoint waits for other connections' readers (the desktop app, the host, a
 * second CLI). SQLite's busy handler is the retry: during the wait it tries again and again with
 * growing pauses (1, 2, 5 … 100 ms), and TRUNCATE only returns busy once the time is up (measured:
 * with the connection's usual busy_timeout of 5000 ms, a checkpoint behind an open read
 * transaction took 5011 ms to return busy=1). The erasure should not keep the office waiting that
 * long for something that is done again at close and at the next open.
 */
export const CHECKPOINT_WAIT_MS = 750;

const isBusy = (error: unknown): boolean => error instanceof Error && 'code' in error && /^SQLITE_(BUSY|LOCKED)/.test(String(error.code));

const hasUpkeepTable = (db: Database): boolean =>
  db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'pending_upkeep'").get() !== undefined;

function markPending(db: Database, task: UpkeepTask): void {
  db.prepare('INSERT OR IGNORE INTO pending_upkeep (task) VALUES (?)').run(task);
}

function isPending(db: Database, task: UpkeepTask): boolean {
  return hasUpkeepTable(db) && db.prepare('SELECT 1 FROM pending_upkeep WHERE task = ?').get(task) !== undefined;
}

function clearPending(db: Database, task: UpkeepTask): void {
  db.prepare('DELETE FROM pending_upkeep WHERE task = ?').run(task);
}

/**
 * Copies the write-ahead log into the database file and empties it (TRUNCATE). True when done;
 * false when another connection still reads an older state of the file (SQLite answers busy=1 and
 * leaves the -wal, and the pages it would overwrite in the file, as they are).
 */
export function emptyWriteAheadLog(db: Database, waitMs = CHECKPOINT_WAIT_MS): boolean {
  const usual = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${waitMs}`);
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    return result?.busy === 0;
  } catch (error) {
    // Another connection checkpointing at the same moment: the same as a reader holding it up.
    if (isBusy(error)) return false;
    throw error;
  } finally {
    db.pragma(`busy_timeout = ${usual}`);
  }
}

/**
 * Empties the write-ahead log after an erasure; when another program holds it, the checkpoint is
 * recorded as pending (for the session's close and the next open). True when the files are clean.
 */
export function scrubWriteAheadLog(db: Database): boolean {
  if (emptyWriteAheadLog(db)) return true;
  try {
    if (hasUpkeepTable(db)) markPending(db, 'checkpoint');
  } catch (error) {
    // Another program writing for longer than the busy wait: the erasure itself is done, and SQLite
    // checkpoints when the last program closes the file.
    if (!isBusy(error)) throw error;
  }
  return false;
}

/**
 * A pending checkpoint, tried again (at the session's close and at the next open). The marker is
 * cleared only after the log was emptied; clearing it writes one page of pending_upkeep to the log
 * again, which holds nothing personal, and is emptied in the same go when nobody reads.
 */
export function retryPendingCheckpoint(db: Database): boolean {
  if (!isPending(db, 'checkpoint')) return true;
  if (!emptyWriteAheadLog(db)) return false;
  clearPending(db, 'checkpoint');
  emptyWriteAheadLog(db, 0);
  return true;
}

/**
 * The one-time rewrite of migration 0008, tried at every writable open until it succeeded. A failure
 * (no room for the copy on the disk) leaves the file as it was and the task pending; the app goes on,
 * and secure_delete covers everything deleted from now on.
 */
export function retryPendingVacuum(db: Database, vacuum: (db: Database) => void): boolean {
  if (!isPending(db, 'vacuum')) return true;
  try {
    vacuum(db);
  } catch {
    return false;
  }
  clearPending(db, 'vacuum');
  // The rewritten pages went through the log: the file holds the old ones until the checkpoint.
  scrubWriteAheadLog(db);
  return true;
}
