import BetterSqlite3, { type Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../services/errors';
import { migrate, refuseNewerDatabase } from './migrate';
import { migrations } from './migrations';

export interface OpenOptions {
  /** The compiled better-sqlite3 addon to use (the Electron build in the desktop app). */
  nativeBinding?: string;
  /** Migrations to apply instead of the app's own (tests of single migrations). */
  migrations?: typeof migrations;
}

export interface OpenDatabase {
  db: Database;
  path: string;
  schemaVersion: number;
  /** Opens a scratch database (anonymous, gone on close) with the same native binding. */
  openScratch: () => Database;
}

/** A private scratch database for intermediate data: nothing in it needs to survive a crash. */
export function openScratchDatabase(nativeBinding?: string): Database {
  const scratch = new BetterSqlite3('', nativeBinding ? { nativeBinding } : {});
  scratch.pragma('journal_mode = OFF');
  scratch.pragma('synchronous = OFF');
  return scratch;
}

const isNotADatabase = (error: unknown): boolean =>
  error instanceof Error && 'code' in error && (error.code === 'SQLITE_NOTADB' || error.code === 'SQLITE_CORRUPT');

/** Opens (and creates) the database file: WAL, foreign keys on, migrated to the newest schema. */
export function openDatabase(databasePath: string, options: OpenOptions = {}): OpenDatabase {
  mkdirSync(path.dirname(databasePath), { recursive: true });
  const db = new BetterSqlite3(databasePath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const ownMigrations = options.migrations ?? migrations;
  try {
    // Checked before the WAL switch, which would already rewrite the file's header.
    refuseNewerDatabase(db, ownMigrations, databasePath);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    const version = migrate(db, ownMigrations, databasePath);
    return { db, path: databasePath, schemaVersion: version, openScratch: () => openScratchDatabase(options.nativeBinding) };
  } catch (error) {
    db.close();
    if (isNotADatabase(error)) throw new AppError('database_unreadable', 'errors.database_unreadable', { path: databasePath });
    throw error;
  }
}
