import { existsSync } from 'node:fs';
import path from 'node:path';
import { localDate } from '../../shared/local-date';
import { type BackupFile, backupDayOf, backupFileName, listBackupNames, privateFolder, pruneBackups } from '../db/backup';
import { AppError } from '../db/errors';
import type { ServiceContext } from './context';
import { getSettings } from './settings';

/** The folder backups go to unless the settings name another: "Sicherungen" beside the database. */
export const defaultBackupFolder = (databasePath: string): string => path.join(path.dirname(databasePath), 'Sicherungen');

/**
 * Where the backups go: the folder chosen in the settings (a USB stick, a network drive), else
 * "Sicherungen" beside the database. (The live database belongs on the office computer's own disk; a
 * copy of it elsewhere is what a backup is for.)
 */
export const backupFolder = (ctx: ServiceContext): string => backupPlace(ctx).folder;

/** How many backups the settings keep: every one of today up to `perDay`, and one of each earlier day for `days` days. */
export interface BackupRetention {
  days: number;
  perDay: number;
}

/**
 * A backup now: a checked copy of the database (consents, scans, history and all) in the backup folder,
 * then the older ones thinned out as the settings say (BackupRetention). `note` goes into the file
 * name ("vor-Import").
 */
export function backupNow(ctx: ServiceContext, { note = '', now = new Date() }: { note?: string; now?: Date } = {}): BackupFile {
  const { folder, keep } = backupPlace(ctx);
  return backupIntoFolder((target) => ctx.repos.backupInto(target), folder, keep, { note, now });
}

/** Where backups go and how many are kept, from one read of the settings (a restore reads it before it closes the database). */
export function backupPlace(ctx: ServiceContext): { folder: string; keep: BackupRetention } {
  const settings = getSettings(ctx);
  return {
    folder: settings.backupFolder || defaultBackupFolder(ctx.databasePath),
    keep: { days: settings.backupDays, perDay: settings.backupsPerDay },
  };
}

/** A backup into the backup folder by `write` (the session's connection, or the one a restore holds), then the folder thinned out. */
export function backupIntoFolder(
  write: (target: string) => BackupFile,
  folder: string,
  keep: BackupRetention,
  { note = '', now = new Date() }: { note?: string; now?: Date } = {},
): BackupFile {
  privateFolder(folder);
  // Two backups in one second (a restore, and its undo at once) must not overwrite each other.
  const name = backupFileName(now, note);
  let target = path.join(folder, name);
  for (let copy = 2; existsSync(target); copy += 1) target = path.join(folder, name.replace(/\.sqlite$/, `-${copy}.sqlite`));
  const made = write(target);
  pruneBackups(folder, keep, now);
  return made;
}

/**
 * A backup before a step that changes many contacts at once (an import, a bulk delete, a restore):
 * none while the database never held a contact (nothing to lose). A backup that cannot be written
 * stops the step: it is refused with the folder named, and nothing is changed.
 */
export function backupBefore(ctx: ServiceContext, note: string): BackupFile | null {
  if (ctx.repos.contacts.lastId() === 0) return null;
  return backupNowOrRefuse(ctx, note);
}

/**
 * A backup now, its failure said as the backup's (a full or write-protected folder, a USB stick not
 * plugged in, a copy that failed its check), with the folder named: "Jetzt sichern", and before a step.
 */
export function backupNowOrRefuse(ctx: ServiceContext, note = ''): BackupFile {
  try {
    return backupNow(ctx, { note });
  } catch (error) {
    if (error instanceof AppError && error.messageKey.startsWith('backup.')) throw error;
    throw new AppError('conflict', 'backup.errors.failed', { folder: backupFolder(ctx) });
  }
}

/**
 * The day's backup when the app opens (the desktop app, `npm run serve`): made when the folder holds
 * none of today yet. It never keeps the app from opening: a failure is left for the next start.
 */
export function backupOfTheDay(ctx: ServiceContext, now = new Date()): BackupFile | null {
  if (ctx.repos.contacts.lastId() === 0) return null;
  const today = localDate(now);
  if (listBackupNames(backupFolder(ctx)).some((name) => backupDayOf(name) === today)) return null;
  try {
    return backupNow(ctx, { now });
  } catch {
    return null;
  }
}

/** The backups in the backup folder, newest first, each with its contacts and schema as read from it. */
export const listBackupFiles = (ctx: ServiceContext): BackupFile[] => ctx.repos.backupsIn(backupFolder(ctx));

/** Einstellungen → Sicherung: where the backups go (and would go by default), where the database lies, and the backups. */
export function backupsView(ctx: ServiceContext) {
  const folder = backupFolder(ctx);
  const defaultFolder = defaultBackupFolder(ctx.databasePath);
  return {
    folder,
    defaultFolder,
    databasePath: ctx.databasePath,
    // A chosen folder that is not there (the stick unplugged, the drive not connected); the folder beside
    // the database is made with the first backup.
    folderReachable: folder === defaultFolder || existsSync(folder),
    backups: listBackupFiles(ctx),
  };
}

/** Whether `file` is a backup in the backup folder (the app restores only those; the CLI any file it is given). */
export const isListedBackup = (ctx: ServiceContext, file: string): boolean =>
  path.dirname(path.resolve(file)) === path.resolve(backupFolder(ctx)) && backupDayOf(path.basename(file)) !== null;
