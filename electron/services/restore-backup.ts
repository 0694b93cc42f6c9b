import { rmSync } from 'node:fs';
import path from 'node:path';
import { type BackupFile, copyForRestore, replaceDatabase, writeBackup } from '../db/backup';
import { holdExclusively, openReadOnlyFile } from '../db/open';
import { type RetainedEvidenceRow, retainedEvidenceRows } from '../db/repositories/contact-erasure';
import { backupFolder, backupIntoFolder } from './backups';
import type { ServiceContext } from './context';
import { eraseContact } from './erasure';
import { openSession } from './session';

// Apart from backups.ts: restoring opens connections of its own (open.ts), which making a backup
// before an import or a delete never needs.

export interface RestoredBackup {
  /** The backup now in the database's place. */
  restored: string;
  /** The state before the restore, backed up first: restoring it undoes the restore. */
  before: BackupFile;
  schemaVersion: number;
  contacts: number;
  /** Contacts erased since the backup was made (GDPR Art. 17), erased again in the restored database. */
  erasedAgain: number;
}

/**
 * Puts a backup in the database's place, in an order that loses nothing at any step:
 * 1. the backup is copied beside the database (its -wal included) and the copy checked fully; a broken
 *    or newer one is refused and nothing has changed;
 * 2. the session is closed (`close`: nothing may use it afterwards) and the database held exclusively,
 *    which is refused while another program still has it open (it would go on writing to the old file);
 * 3. the current state is backed up from that hold (`…-vor-Wiederherstellung`: restoring it undoes this);
 * 4. the hold is released, the copy renamed over the database, and the database opened once, which
 *    brings a backup of an older version up to date; contacts erased since the backup was made are
 *    erased again.
 */
export function restoreBackup(ctx: ServiceContext, close: () => void, backup: string, nativeBinding?: string): RestoredBackup {
  const file = path.resolve(backup);
  const open = (checked: string) => openReadOnlyFile(checked, nativeBinding);
  const part = `${ctx.databasePath}.restore-part`;
  copyForRestore(open, file, part);
  let before: BackupFile;
  let erased: number[] = [];
  let keptProof: RetainedEvidenceRow[] = [];
  try {
    close();
    const held = holdExclusively(ctx.databasePath, nativeBinding);
    try {
      // The people erased on request stay erased: the backup may be older than their erasure.
      erased = held.prepare('SELECT id FROM contacts WHERE erased_at IS NOT NULL').pluck().all() as number[];
      // And the proof of withdrawn consents kept after such erasures is still kept (until its day).
      keptProof = retainedEvidenceRows(held);
      before = backupIntoFolder((target) => writeBackup(held, target, open), backupFolder(ctx), { note: 'vor-Wiederherstellung' });
    } finally {
      held.close();
    }
    replaceDatabase(ctx.databasePath, part);
  } finally {
    rmSync(part, { force: true });
  }
  const session = openSession({ databasePath: ctx.databasePath, adapter: ctx.adapter, nativeBinding });
  try {
    let erasedAgain = 0;
    for (const id of erased) {
      if (!session.ctx.repos.contacts.erasable(id)) continue;
      eraseContact(session.ctx, id);
      erasedAgain += 1;
    }
    if (keptProof.length > 0) session.ctx.repos.transaction(() => session.ctx.repos.contacts.addRetainedEvidence(keptProof));
    const contacts = session.ctx.repos.contacts.count();
    return { restored: file, before, schemaVersion: session.ctx.schemaVersion, contacts, erasedAgain };
  } finally {
    session.close();
  }
}
