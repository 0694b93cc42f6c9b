import { rmSync } from 'node:fs';
import path from 'node:path';
import { type BackupFile, replaceDatabase, writeBackup } from '../db/backup';
import { holdExclusively, openReadOnlyFile } from '../db/open';
import { AppError } from '../db/errors';
import { backupIntoFolder, backupPlace, isListedBackup } from './backups';
import type { RestoredBackup } from '../../shared/model/backup';
import type { SessionContext } from './handler-types';
import { type RetainedEvidenceRow, retainedEvidenceRows } from '../db/repositories/contact-erasure';
import { eraseContact } from './erasure';

// Apart from backups.ts: restoring opens connections of its own (open.ts), which making a backup
// before an import or a delete never needs.

/**
 * Puts a backup in the database's place, in an order that loses nothing at any step:
 * 1. the backup is copied beside the database (its -wal included) and the copy checked fully; a broken
 *    or newer one is refused and nothing has changed;
 * 2. the session lets go of the database (reopenDatabase) and it is held exclusively, which is refused
 *    while another program still has it open (it would go on writing to the old file);
 * 3. the current state is backed up from that hold (`…-vor-Wiederherstellung`: restoring it undoes this);
 * 4. the hold is released, the copy renamed over the database, and the session opens it again, which
 *    brings a backup of an older version up to date; contacts erased since the backup was made are
 *    erased again. When a step before the rename fails, the session goes on with the old file.
 */
export function restoreBackup(ctx: SessionContext, backup: string): RestoredBackup {
  const file = path.resolve(backup);
  const part = `${ctx.databasePath}.restore-part`;
  // Read before the session lets go of the database: the settings live in it.
  const { folder, keep } = backupPlace(ctx);
  let before: BackupFile | undefined;
  let erased: number[] = [];
  let keptProof: RetainedEvidenceRow[] = [];
  try {
    ctx.repos.copyBackupFor(file, part);
    ctx.reopenDatabase((nativeBinding) => {
      const open = (checked: string) => openReadOnlyFile(checked, nativeBinding);
      const held = holdExclusively(ctx.databasePath, nativeBinding);
      try {
        // The people erased on request stay erased: the backup may be older than their erasure.
        erased = held.prepare('SELECT id FROM contacts WHERE erased_at IS NOT NULL').pluck().all() as number[];
        // And the proof of withdrawn consents kept after such erasures is still kept (until its day).
        keptProof = retainedEvidenceRows(held);
        before = backupIntoFolder((target) => writeBackup(held, target, open), folder, keep, { note: 'vor-Wiederherstellung' });
      } finally {
        held.close();
      }
      replaceDatabase(ctx.databasePath, part);
    });
  } finally {
    rmSync(part, { force: true });
  }
  let erasedAgain = 0;
  for (const id of erased) {
    if (!ctx.repos.contacts.erasable(id)) continue;
    eraseContact(ctx, id);
    erasedAgain += 1;
  }
  if (keptProof.length > 0) ctx.repos.transaction(() => ctx.repos.contacts.addRetainedEvidence(keptProof));
  const contacts = ctx.repos.contacts.count();
  return { restored: file, before: before!, schemaVersion: ctx.schemaVersion, contacts, erasedAgain };
}

/** A restore chosen in the app: only a backup in the backup folder (what the list offers), never any file a request names. */
export function restoreListedBackup(ctx: SessionContext, file: string): RestoredBackup {
  if (!isListedBackup(ctx, file)) throw new AppError('not_found', 'backup.errors.notListed', { file });
  return restoreBackup(ctx, file);
}
