import { rmSync } from 'node:fs';
import path from 'node:path';
import type { RestoredBackup } from '../../shared/model/backup';
import { type BackupFile, replaceDatabase, writeBackup } from '../db/backup';
import { AppError } from '../db/errors';
import { holdExclusively, openDatabase, openReadOnlyFile } from '../db/open';
import { createRepositories } from '../db/repositories';
import { PrivateTempFolder } from '../db/temp-files';
import { type CarryOver, readCarryOver } from '../db/repositories/restore-carry-over';
import { backupIntoFolder, backupPlace, isListedBackup } from './backups';
import { eraseContact, purgeBin } from './erasure';
import type { ServiceContext } from './context';
import type { SessionContext } from './handler-types';

// Apart from backups.ts: restoring opens connections of its own (open.ts), which making a backup
// before an import or a delete never needs.

/**
 * Makes the checked copy of a backup what the database must become, before it replaces anything:
 * opened as a database of its own, which brings an older version up to date and empties the bin of
 * what is due; the people erased since the backup was made erased again, with the history and kept
 * proof the replaced database had for them; its access reports and backup settings carried over.
 * A failure here leaves the database as it was (the copy is discarded).
 */
function prepareCopy(part: string, carried: CarryOver, nativeBinding: string | undefined): number {
  const opened = openDatabase(part, { nativeBinding });
  // A context of its own for the copy: nothing is printed or uploaded for it (no session: the
  // services' sessions are what a restore runs in).
  const copy: ServiceContext = {
    repos: createRepositories(opened.db, opened.openScratch, opened.openReadOnly),
    adapter: 'cli',
    databasePath: part,
    schemaVersion: opened.schemaVersion,
    openPrinter: () => Promise.reject(new Error('A backup being restored prints nothing')),
    printDialog: null,
    tempFolder: new PrivateTempFolder(part),
    ownLanguage: null,
  };
  try {
    purgeBin(copy);
    let erasedAgain = 0;
    for (const id of carried.erased) {
      if (!copy.repos.contacts.erasable(id)) continue;
      eraseContact(copy, id);
      erasedAgain += 1;
    }
    copy.repos.carryOver(carried);
    return erasedAgain;
  } finally {
    opened.db.close();
  }
}

/**
 * Puts a backup in the database's place, in an order that loses nothing at any step:
 * 1. the backup is copied beside the database (its -wal included) and the copy checked fully; a broken
 *    or newer one is refused and nothing has changed;
 * 2. the session lets go of the database (reopenDatabase) and it is held exclusively, which is refused
 *    while another program still has it open (it would go on writing to the old file);
 * 3. the current state is backed up from that hold (`…-vor-Wiederherstellung`: restoring it undoes
 *    this), and what must survive the restore is read from it (readCarryOver);
 * 4. the copy is made ready (prepareCopy: migrated, the erased erased again), and only then renamed
 *    over the database, in one step; the session opens it again. When any step before the rename
 *    fails, the session goes on with the old file, unchanged.
 */
export function restoreBackup(ctx: SessionContext, backup: string): RestoredBackup {
  const file = path.resolve(backup);
  const part = `${ctx.databasePath}.restore-part`;
  // Read before the session lets go of the database: the settings live in it.
  const { folder, keep } = backupPlace(ctx);
  let before: BackupFile | undefined;
  let erasedAgain = 0;
  try {
    ctx.repos.copyBackupFor(file, part);
    ctx.reopenDatabase((nativeBinding) => {
      const open = (checked: string) => openReadOnlyFile(checked, nativeBinding);
      const held = holdExclusively(ctx.databasePath, nativeBinding);
      let carried: CarryOver;
      try {
        carried = readCarryOver(held);
        before = backupIntoFolder((target) => writeBackup(held, target, open), folder, keep, { note: 'vor-Wiederherstellung' });
      } catch (error) {
        // A backup folder that cannot be written (the stick unplugged): said as the backup's failure.
        throw error instanceof AppError ? error : new AppError('conflict', 'backup.errors.failed', { folder });
      } finally {
        held.close();
      }
      erasedAgain = prepareCopy(part, carried, nativeBinding);
      replaceDatabase(ctx.databasePath, part);
    });
  } finally {
    rmSync(part, { force: true });
    for (const companion of ['-wal', '-shm']) rmSync(`${part}${companion}`, { force: true });
  }
  const contacts = ctx.repos.contacts.count();
  return { restored: file, before: before!, schemaVersion: ctx.schemaVersion, contacts, erasedAgain };
}

/** A restore chosen in the app: only a backup in the backup folder (what the list offers), never any file a request names. */
export function restoreListedBackup(ctx: SessionContext, file: string): RestoredBackup {
  if (!isListedBackup(ctx, file)) throw new AppError('not_found', 'backup.errors.notListed', { file });
  return restoreBackup(ctx, file);
}
