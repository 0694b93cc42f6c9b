import { existsSync } from 'node:fs';
import path from 'node:path';
import { translate } from '../../../shared/i18n';
import { formatDateTime } from '../../../shared/local-date';
import type { Language } from '../../../shared/model/settings';
import type { BackupFile } from '../../db/backup';
import { AppError } from '../../db/errors';
import { backupFolder, backupNow, listBackupFiles } from '../../services/backups';
import { restoreBackup } from '../../services/restore-backup';
import { DELETED_CONTACTS_KEPT_DAYS } from '../../services/erasure';
import { contactId, type CliCommand, refused, UsageError } from '../command';
import { undeleteContact } from './erase';

const backupLine = (backup: BackupFile, language: Language) =>
  translate(language, 'backup.cli.line', {
    file: backup.file,
    madeAt: formatDateTime(backup.madeAt, language),
    count: backup.contacts,
    size: (backup.size / 1024 / 1024).toFixed(1),
  });

/** A checked copy of the database now: into the backup folder (thinned out as the app does), or to --out. */
export const backupCommand: CliCommand = {
  name: 'backup',
  options: { out: { type: 'string' }, json: { type: 'boolean' } },
  run(session, { values, language }, io) {
    const out = values.out ? path.resolve(String(values.out)) : undefined;
    let made: BackupFile;
    try {
      made = out ? session.ctx.repos.backupInto(out) : backupNow(session.ctx);
    } catch (error) {
      // A folder that does not exist, is full or write-protected: named, never in SQLite's or Node's words.
      const known =
        error instanceof AppError
          ? error
          : new AppError('conflict', 'backup.errors.failed', { folder: out ? path.dirname(out) : backupFolder(session.ctx) });
      return refused(known, io, language);
    }
    io.out(values.json ? JSON.stringify(made) : translate(language, 'backup.cli.made', { line: backupLine(made, language) }));
    return 0;
  },
};

/** The backups in the backup folder, newest first, each read from the file itself. */
export const backupsCommand: CliCommand = {
  name: 'backups',
  options: { json: { type: 'boolean' } },
  readOnly: true,
  run(session, { values, language }, io) {
    const backups = listBackupFiles(session.ctx);
    if (values.json) io.out(JSON.stringify(backups));
    else if (backups.length === 0) io.out(translate(language, 'backup.cli.none', { folder: backupFolder(session.ctx) }));
    else for (const backup of backups) io.out(backupLine(backup, language));
    return 0;
  },
};

/**
 * Puts a backup in the database's place (services/backups.ts: checked first, the current state backed
 * up, an older one migrated). A number that names no file is a contact's id: the `restore <id>` of the
 * bin that scripts call (see `undelete`).
 */
function restoreBackupRun(session: Parameters<CliCommand['run']>[0], file: string | undefined, json: boolean, language: Language): string {
  if (!file) throw new UsageError('backup.cli.whichFile');
  const restored = restoreBackup(session.ctx, file);
  return json
    ? JSON.stringify(restored)
    : translate(language, 'backup.cli.restored', { file: restored.restored, count: restored.contacts, before: restored.before.file });
}

const isContactId = (text: string | undefined): boolean => text !== undefined && /^\d+$/.test(text) && !existsSync(text);

/** `restore <backup file>`, or `restore <id>`: a contact from the bin, as before backups (now also `undelete`). */
export const restoreCommand: CliCommand = {
  name: 'restore',
  helpVars: { days: DELETED_CONTACTS_KEPT_DAYS },
  options: { json: { type: 'boolean' } },
  allowPositionals: true,
  async run(session, { values, positionals, language }, io) {
    const [target] = positionals;
    try {
      io.out(
        isContactId(target)
          ? await undeleteContact(session, contactId(target), language, values.json === true)
          : restoreBackupRun(session, target, values.json === true, language),
      );
      return 0;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      return refused(error, io, language);
    }
  },
};
