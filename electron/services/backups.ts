import { existsSync } from 'node:fs';
import path from 'node:path';
import { type BackupFile, backupFileName, pruneBackups, replaceDatabase } from '../db/backup';
import { holdExclusively, openDatabase, openScratchDatabase } from '../db/open';
import type { ServiceContext } from './context';

/** How many backups are kept: every one of today up to this many, and one of each earlier day … */
export const BACKUPS_PER_DAY = 10;
/** … for this many days in all (today counted). */
export const BACKUP_DAYS = 14;

/**
 * Where the backups go: the folder "Sicherungen" beside the database. (The live database belongs on
 * the office computer's own disk; a copy of it on a USB stick or network drive is what a backup is for.)
 */
export const backupFolder = (ctx: Pick<ServiceContext, 'databasePath'>): string => path.join(path.dirname(ctx.databasePath), 'Sicherungen');

/**
 * A backup now: a checked copy of the database (consents, scans, history and all) in the backup folder,
 * then the older ones thinned out as BACKUPS_PER_DAY and BACKUP_DAYS say. `note` goes into the file
 * name ("vor-Wiederherstellung").
 */
export function backupNow(ctx: ServiceContext, { note = '', now = new Date() }: { note?: string; now?: Date } = {}): BackupFile {
  const folder = backupFolder(ctx);
  // Two backups in one second (a restore, and its undo at once) must not overwrite each other.
  const name = backupFileName(now, note);
  let target = path.join(folder, name);
  for (let copy = 2; existsSync(target); copy += 1) target = path.join(folder, name.replace(/\.sqlite$/, `-${copy}.sqlite`));
  const made = ctx.repos.backupInto(target);
  pruneBackups(folder, { days: BACKUP_DAYS, perDay: BACKUPS_PER_DAY }, now);
  return made;
}

/** The backups in the backup folder, newest first, each with its contacts and schema as read from it. */
export const listBackupFiles = (ctx: ServiceContext): BackupFile[] => ctx.repos.backupsIn(backupFolder(ctx));

export interface RestoredBackup {
  /** The backup now in the database's place. */
  restored: string;
  /** The state before the restore, backed up first: restoring it undoes the restore. */
  before: BackupFile;
  schemaVersion: number;
  contacts: number;
}

/**
 * Puts a backup in the database's place. It is checked first (a broken or newer one is refused and
 * nothing changes), the current state is backed up (so the restore can be undone), the session is
 * closed, the file replaced unless another program still has it open (refused), and the database opened once to migrate a backup from an older version.
 * `close` ends the caller's session; nothing may use it afterwards.
 */
export function restoreBackup(ctx: ServiceContext, close: () => void, backup: string, nativeBinding?: string): RestoredBackup {
  const file = path.resolve(backup);
  ctx.repos.checkBackup(file);
  const before = backupNow(ctx, { note: 'vor-Wiederherstellung' });
  close();
  // Replacing a file another program has open would leave that program writing to the old one.
  const release = holdExclusively(ctx.databasePath, nativeBinding);
  const scratch = openScratchDatabase(nativeBinding);
  try {
    replaceDatabase(scratch, ctx.databasePath, file);
  } finally {
    scratch.close();
    release();
  }
  const opened = openDatabase(ctx.databasePath, { nativeBinding });
  try {
    const contacts = opened.db.prepare('SELECT count(*) FROM contacts WHERE deleted_at IS NULL').pluck().get() as number;
    return { restored: file, before, schemaVersion: opened.schemaVersion, contacts };
  } finally {
    opened.db.close();
  }
}
