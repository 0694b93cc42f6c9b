import type { Database } from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { localDate } from '../../shared/local-date';
import { AppError } from './errors';
import { migrations } from './migrations';

import type { BackupFile } from '../../shared/model/backup';

export type { BackupFile };

const BACKUP_PREFIX = 'Umzugshelfer-Sicherung-';
const BACKUP_SUFFIX = '.sqlite';

/** A backup's file name: the office's local day and time, so the folder sorts by age and a person can read it. */
export function backupFileName(now: Date, note = ''): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  const time = `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `${BACKUP_PREFIX}${localDate(now)}-${time}${note ? `-${note}` : ''}${BACKUP_SUFFIX}`;
}

/** The local day a backup was made on, from its name; null for any other file. */
export const backupDayOf = (name: string): string | null =>
  name.startsWith(BACKUP_PREFIX) && name.endsWith(BACKUP_SUFFIX)
    ? (/^(\d{4}-\d{2}-\d{2})-\d{6}\b/.exec(name.slice(BACKUP_PREFIX.length))?.[1] ?? null)
    : null;

/** The note a backup's name carries after its day and time (see backupFileName); '' for none. */
export const backupNoteOf = (name: string): string =>
  /^\d{4}-\d{2}-\d{2}-\d{6}(?:-([A-Za-z][\w-]*?))?(?:-\d+)?\.sqlite$/.exec(path.basename(name).slice(BACKUP_PREFIX.length))?.[1] ?? '';

/**
 * How thoroughly a backup is checked. 'full' (integrity_check) for a file chosen to restore, whatever
 * it went through; 'quick' (quick_check: every page, record and constraint, but not whether each index
 * matches its table) for the file VACUUM INTO has just written, whose indexes it built anew from the
 * rows: measured on 50,000 contacts, integrity_check took 184 ms beside VACUUM INTO's 117 ms, quick_check
 * 40–59 ms. 'none' reads only the schema and the contacts (the list of backups).
 */
export type BackupCheck = 'full' | 'quick' | 'none';

/** Opens a file read-only with the app's build of SQLite (db/open.ts openReadOnlyFile). */
export type OpenReadOnly = (file: string) => Database;

/**
 * Checks a backup before it replaces anything: SQLite's integrity check, a schema this version knows
 * (an older one is migrated when it is opened; a newer one is refused), and the contacts it holds.
 * Read-only: checking writes nothing, not even to a backup on a write-protected stick, and quick_check
 * took 44 ms read-only beside 120 ms on a connection that may write (50,000 contacts).
 */
export function verifyBackup(
  open: OpenReadOnly,
  file: string,
  check: BackupCheck = 'full',
): Omit<BackupFile, 'madeAt' | 'size' | 'file' | 'note'> {
  if (!existsSync(file)) throw new AppError('database_unavailable', 'errors.database_unavailable', { path: file });
  let db: Database | undefined;
  try {
    db = open(file);
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (schemaVersion > migrations.length) {
      throw new AppError('database_too_new', 'errors.database_too_new', { path: file, found: schemaVersion, known: migrations.length });
    }
    const integrity = check === 'none' ? 'ok' : db.pragma(check === 'full' ? 'integrity_check' : 'quick_check', { simple: true });
    if (integrity !== 'ok' || schemaVersion < 1) throw new AppError('database_unreadable', 'errors.database_unreadable', { path: file });
    const bin = (db.prepare("SELECT count(*) FROM pragma_table_info('contacts') WHERE name = 'deleted_at'").pluck().get() as number) > 0;
    const contacts = db
      .prepare(`SELECT count(*) FROM contacts${bin ? ' WHERE deleted_at IS NULL' : ''}`)
      .pluck()
      .get() as number;
    return { schemaVersion, contacts };
  } catch (error) {
    if (error instanceof AppError) throw error;
    // Whatever SQLite says of a file that is not a sound database of ours (not a database, torn, no contacts table).
    throw new AppError('database_unreadable', 'errors.database_unreadable', { path: file });
  } finally {
    db?.close();
  }
}

/** The backup folder, for this user only (0700), made when missing. */
export function privateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(folder, 0o700);
}

/**
 * A file of this process's own, empty and for this user only (0600) before anything is written into
 * it: VACUUM INTO fills an empty file as it finds it, so personal data is never readable to others,
 * and two processes backing up in the same second never share it.
 */
function ownEmptyFile(file: string): void {
  rmSync(file, { force: true });
  closeSync(openSync(file, 'wx', 0o600));
}

/** The temporary name a copy is written under, beside its final name. */
const partOf = (target: string) => `${target}.${process.pid}.part`;

/**
 * Writes a consistent copy of the database `db` holds to `target`: VACUUM INTO reads one snapshot
 * (another connection may write meanwhile; a plain copy of the file without its -wal would lose rows)
 * into a temporary name beside it, which is checked (verifyBackup) and only then renamed to `target`.
 * An existing `target` is refused, never overwritten.
 */
export function writeBackup(db: Database, target: string, open: OpenReadOnly): BackupFile {
  // VACUUM cannot run inside a transaction: a defect of the caller, not the backup folder's problem.
  if (db.inTransaction) throw new Error('A backup cannot be written inside a transaction');
  if (existsSync(target)) throw new AppError('conflict', 'backup.errors.exists', { file: target });
  const part = partOf(target);
  try {
    ownEmptyFile(part);
    db.prepare('VACUUM INTO ?').run(part);
    const checked = verifyBackup(open, part, 'quick');
    renameSync(part, target);
    const stat = statSync(target);
    return { file: target, madeAt: stat.mtime.toISOString(), size: stat.size, note: backupNoteOf(target), ...checked };
  } finally {
    rmSync(part, { force: true });
  }
}

/** The names of the backups in a folder (by their names alone), newest first. */
export function listBackupNames(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => backupDayOf(name) !== null)
    .sort()
    .reverse();
}

/**
 * The backups in a folder, newest first, with their schema and contacts (a file that cannot be read is
 * left out). Two made in the same second (before an import and by hand) are ordered by when they were
 * written: their names alone would put "…-093000.sqlite" after "…-093000-vor-Import.sqlite".
 */
export function listBackups(open: OpenReadOnly, folder: string): BackupFile[] {
  const byTime = (a: BackupFile, b: BackupFile) => (a.madeAt === b.madeAt ? 0 : a.madeAt < b.madeAt ? 1 : -1);
  return listBackupNames(folder)
    .flatMap((name) => {
      const file = path.join(folder, name);
      try {
        const stat = statSync(file);
        return [{ file, madeAt: stat.mtime.toISOString(), size: stat.size, note: backupNoteOf(name), ...verifyBackup(open, file, 'none') }];
      } catch {
        return [];
      }
    })
    .sort(byTime);
}

/**
 * Keeps what Actual Budget keeps: every backup of today (at most `perDay`), and the newest one of each
 * earlier day, for `days` days in all (today counted); the rest is deleted. Returns the files deleted.
 */
export function pruneBackups(folder: string, { days, perDay }: { days: number; perDay: number }, now = new Date()): string[] {
  if (!existsSync(folder)) return [];
  // Copies a killed process left half-written: personal data that is no backup.
  const hour = 60 * 60 * 1000;
  for (const name of readdirSync(folder)) {
    const file = path.join(folder, name);
    if (name.endsWith('.part') && now.getTime() - statSync(file).mtimeMs > hour) rmSync(file, { force: true });
  }
  const today = localDate(now);
  const names = listBackupNames(folder);
  const keptDays = new Set<string>();
  let keptToday = 0;
  const deleted: string[] = [];
  for (const name of names) {
    const day = backupDayOf(name)!;
    const keep = day === today ? keptToday++ < perDay : !keptDays.has(day) && keptDays.size < days - 1;
    if (day !== today && keep) keptDays.add(day);
    if (!keep) {
      rmSync(path.join(folder, name), { force: true });
      deleted.push(name);
    }
  }
  return deleted;
}

/**
 * Copies a backup chosen to restore into `part` (beside the database, 0600): with VACUUM INTO from a
 * read-only connection, so what a -wal beside the backup holds comes along (a file copy would leave it
 * out), then checks the copy, not the source, fully (integrity_check). Nothing else changes; a copy
 * that fails its check is removed.
 */
export function copyForRestore(open: OpenReadOnly, backup: string, part: string): Omit<BackupFile, 'madeAt' | 'size' | 'file' | 'note'> {
  verifyBackup(open, backup, 'none');
  let source: Database | undefined;
  try {
    ownEmptyFile(part);
    source = open(backup);
    source.prepare('VACUUM INTO ?').run(part);
    source.close();
    source = undefined;
    return verifyBackup(open, part, 'full');
  } catch (error) {
    source?.close();
    rmSync(part, { force: true });
    if (error instanceof AppError && error.vars.path === part)
      throw new AppError(error.code, error.messageKey, { ...error.vars, path: backup });
    throw error instanceof AppError ? error : new AppError('database_unreadable', 'errors.database_unreadable', { path: backup });
  }
}

/**
 * Removes the copy a restore killed halfway left beside the database (`<database>.restore-part`, a
 * full copy of a backup): personal data that is no backup. One younger than an hour may belong to a
 * restore under way in another program, and stays.
 */
export function removeStaleRestoreCopy(databasePath: string, now = Date.now()): void {
  const part = `${databasePath}.restore-part`;
  if (!existsSync(part) || now - statSync(part).mtimeMs < 60 * 60 * 1000) return;
  for (const file of [part, `${part}-wal`, `${part}-shm`]) rmSync(file, { force: true });
}

/**
 * Puts the checked copy (copyForRestore) in the database's place. No connection may hold the database
 * (restore-backup.ts makes sure). The old write-ahead log goes first, or SQLite would replay it into
 * the restored file; the rename then replaces the file in one step.
 */
export function replaceDatabase(databasePath: string, part: string): void {
  for (const companion of ['-wal', '-shm']) rmSync(`${databasePath}${companion}`, { force: true });
  renameSync(part, databasePath);
}
