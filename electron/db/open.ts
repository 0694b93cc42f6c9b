import BetterSqlite3, { type Database } from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import path from 'node:path';
import { AppError, openingError } from './errors';
import { migrate, refuseNewerDatabase } from './migrate';
import { migrations } from './migrations';
import { userDataDir } from './paths';
import { retryPendingCheckpoint, retryPendingVacuum } from './upkeep';

export interface OpenOptions {
  /** The compiled better-sqlite3 addon to use (the Electron build in the desktop app). */
  nativeBinding?: string;
  /** Migrations to apply instead of the app's own (tests of single migrations). */
  migrations?: typeof migrations;
  /**
   * Only reading is intended (`contacts`, `history` …): an existing database with the current schema
   * is opened read-only, so nothing is written to it and a write-protected file can still be read.
   * A database that does not exist yet or needs migrating is opened for writing as usual.
   */
  readOnly?: boolean;
  /**
   * How the file is rewritten once after the upgrade to version 8 (VACUUM). Tests stand in one that
   * fails as a full disk makes it fail, to see the rewrite tried again at the next open.
   */
  vacuum?: (db: Database) => void;
}

export interface OpenDatabase {
  db: Database;
  path: string;
  schemaVersion: number;
  /** True when the connection cannot write (see OpenOptions.readOnly). */
  readOnly: boolean;
  /** Opens a scratch database (anonymous, gone on close) with the same native binding. */
  openScratch: () => Database;
  /** Opens another file read-only with the same native binding (a backup to check). */
  openReadOnly: (file: string) => Database;
}

/** Another SQLite file, read-only (a backup to check): the desktop app passes its build of SQLite. */
export function openReadOnlyFile(file: string, nativeBinding?: string): Database {
  return new BetterSqlite3(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
}

/** A private scratch database for intermediate data: nothing in it needs to survive a crash. */
export function openScratchDatabase(nativeBinding?: string): Database {
  const scratch = new BetterSqlite3('', nativeBinding ? { nativeBinding } : {});
  scratch.pragma('journal_mode = OFF');
  scratch.pragma('synchronous = OFF');
  return scratch;
}

/**
 * The database's folder (0700) and file (0600) for this user only. SQLite creates a new file 0644
 * (less the umask) and gives the -wal and -shm the database file's mode, so the empty file is made
 * here first: SQLite takes an empty file as a new database, and its companions follow its mode.
 */
function createPrivately(databasePath: string): void {
  mkdirSync(path.dirname(databasePath), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(databasePath, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/**
 * A database, -wal, -shm and folder an earlier version made keep the modes they were made with
 * (0644 and 0755 under the usual umask): every writable open takes the group's and others' bits
 * away. Only those, so a file the office write-protected (0400) stays write-protected. The folder
 * only when it is the app's own data folder; a folder chosen with --db (a "Kunden" folder others
 * use too) is the office's to set. A file of another user (a shared drive) cannot be changed and
 * is left as it is; Windows has no such modes.
 */
function keepPrivate(databasePath: string): void {
  if (process.platform === 'win32') return;
  const targets = [databasePath, `${databasePath}-wal`, `${databasePath}-shm`];
  const folder = path.dirname(path.resolve(databasePath));
  if (folder === path.resolve(userDataDir())) targets.push(folder);
  for (const target of targets) {
    try {
      const { mode } = statSync(target);
      if ((mode & 0o077) !== 0) chmodSync(target, mode & 0o700);
    } catch {
      // Not there (no -wal yet), or not ours to change.
    }
  }
}

/** Settings every connection needs: foreign keys, waiting for a writer, and deleted content overwritten. */
function configure(db: Database): void {
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Deleted rows and freed pages are overwritten with zeros, so an erased contact cannot be read
  // back from the file (off by default in SQLite; costs some writes on deletion only).
  db.pragma('secure_delete = ON');
}

/** An existing database with the current schema, opened so that it cannot be written; else null. */
function openForReading(databasePath: string, ownMigrations: typeof migrations, options: OpenOptions): OpenDatabase | null {
  if (!existsSync(databasePath)) return null;
  const db = new BetterSqlite3(databasePath, {
    readonly: true,
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    const version = refuseNewerDatabase(db, ownMigrations, databasePath);
    if (version < ownMigrations.length) {
      db.close();
      return null;
    }
    configure(db);
    return {
      db,
      path: databasePath,
      schemaVersion: version,
      readOnly: true,
      openScratch: () => openScratchDatabase(options.nativeBinding),
      openReadOnly: (file) => openReadOnlyFile(file, options.nativeBinding),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Work a full disk or another program's reader held up last time (see upkeep.ts). A failure leaves
 * it pending for the next open and the database as usable as before (a write-protected file still
 * answers a command that turns out to write nothing).
 */
function catchUpOnUpkeep(db: Database, vacuum: (db: Database) => void): void {
  try {
    retryPendingVacuum(db, vacuum);
    retryPendingCheckpoint(db);
  } catch {
    // Still pending; everything deleted from now on is overwritten all the same (secure_delete).
  }
}

/**
 * Opens (and creates) the database file: WAL, foreign keys on, secure_delete on, migrated to the
 * newest schema. Failures of the file (corrupt, read-only, disk full, locked) come as an AppError
 * naming the file.
 */
export function openDatabase(databasePath: string, options: OpenOptions = {}): OpenDatabase {
  const ownMigrations = options.migrations ?? migrations;
  try {
    if (options.readOnly) {
      const reading = openForReading(databasePath, ownMigrations, options);
      if (reading) return reading;
    }
    createPrivately(databasePath);
    keepPrivate(databasePath);
    const db = new BetterSqlite3(databasePath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    try {
      // Checked before the WAL switch, which would already rewrite the file's header.
      refuseNewerDatabase(db, ownMigrations, databasePath);
      db.pragma('journal_mode = WAL');
      configure(db);
      db.pragma('synchronous = NORMAL');
      const version = migrate(db, ownMigrations, databasePath);
      catchUpOnUpkeep(db, options.vacuum ?? ((connection) => connection.exec('VACUUM')));
      return {
        db,
        path: databasePath,
        schemaVersion: version,
        readOnly: false,
        openScratch: () => openScratchDatabase(options.nativeBinding),
        openReadOnly: (file) => openReadOnlyFile(file, options.nativeBinding),
      };
    } catch (error) {
      db.close();
      throw error;
    }
  } catch (error) {
    throw openingError(error, databasePath) ?? error;
  }
}

/**
 * Holds the database file so that no other connection has it open (the desktop app, `npm run serve`,
 * another command): in exclusive locking mode SQLite takes the file's exclusive lock, which every
 * other connection's shared lock refuses, also an idle one, and keeps it until this connection
 * closes. Throws `database_busy` (backup.errors.inUse) when another program has the file open.
 */
export function holdExclusively(databasePath: string, nativeBinding?: string): Database {
  const db = new BetterSqlite3(databasePath, { fileMustExist: true, timeout: 0, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // The lock is taken by the first write transaction and, in this mode, kept after it ends.
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    return db;
  } catch (error) {
    db.close();
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new AppError('database_busy', 'backup.errors.inUse', { path: databasePath });
    }
    throw openingError(error, databasePath) ?? error;
  }
}
