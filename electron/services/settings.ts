import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { privateFolder } from '../db/backup';
import { AppError } from '../db/errors';
import { defaultSettings, settingsSchema, type Language, type Settings, type SettingsPatch } from '../../shared/model/settings';
import type { ServiceContext } from './context';

/**
 * The stored settings over the defaults. A stored value that no longer fits the schema (written by an
 * older version, or edited by hand) falls back to its default instead of breaking the app.
 */
export function getSettings(ctx: ServiceContext): Settings {
  const stored = ctx.repos.settings.readAll();
  const merged: Record<string, unknown> = { ...defaultSettings };
  for (const key of Object.keys(defaultSettings) as (keyof Settings)[]) {
    const field = settingsSchema.shape[key].safeParse(stored[key]);
    if (field.success) merged[key] = field.data;
  }
  return settingsSchema.parse(merged);
}

export function updateSettings(ctx: ServiceContext, patch: SettingsPatch): Settings {
  // Checked when it changes: the other settings stay savable while the stick is not plugged in.
  if (patch.backupFolder && patch.backupFolder !== getSettings(ctx).backupFolder) checkBackupFolder(patch.backupFolder);
  ctx.repos.settings.writeMany(patch);
  return getSettings(ctx);
}

/**
 * A backup folder is taken only when a backup can be written into it now: an absolute path (a
 * relative one would depend on where the app was started), made when missing, and writable. A USB
 * stick that is not plugged in is refused at once rather than at the first backup.
 */
function checkBackupFolder(folder: string): void {
  if (!path.isAbsolute(folder)) throw new AppError('invalid_input', 'settings.errors.backupFolderRelative', { folder });
  try {
    privateFolder(folder);
    const probe = path.join(folder, `.umzugshelfer-probe-${process.pid}`);
    writeFileSync(probe, '', { mode: 0o600 });
    rmSync(probe, { force: true });
  } catch {
    throw new AppError('conflict', 'settings.errors.backupFolderUnwritable', { folder });
  }
}

/**
 * The language of every message and of every word put into one (stage names, reasons): the adapter's
 * own (the CLI's --lang), else the settings'; German when the settings cannot be read (a broken
 * database must still be reported).
 */
export function messageLanguage(ctx: ServiceContext): Language {
  if (ctx.ownLanguage) return ctx.ownLanguage;
  try {
    return getSettings(ctx).language;
  } catch {
    return 'de';
  }
}
