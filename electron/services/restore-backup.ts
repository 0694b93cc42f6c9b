import path from 'node:path';
import { type BackupFile, replaceDatabase } from '../db/backup';
import { holdExclusively, openDatabase, openReadOnlyFile } from '../db/open';
import { backupNow } from './backups';
import type { ServiceContext } from './context';

// Apart from backups.ts: restoring opens connections of its own (open.ts), which making a backup
// before an import or a delete never needs.

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
  try {
    replaceDatabase((checked) => openReadOnlyFile(checked, nativeBinding), ctx.databasePath, file);
  } finally {
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
