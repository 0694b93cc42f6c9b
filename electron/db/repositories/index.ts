import type { Database } from 'better-sqlite3';
import { type BackupFile, copyForRestore, listBackups, type OpenReadOnly, writeBackup } from '../backup';
import { openReadOnlyFile } from '../open';
import { createConsentTextsRepository, type ConsentTextsRepository } from './consent-texts';
import { createContactsRepository, type ContactsRepository } from './contacts';
import { createContactListRepository, type ContactListRepository } from './contact-list';
import { createImportsRepository, type ImportsRepository } from './imports';
import { createPhonesRepository, type PhonesRepository } from './phones';
import { createReportRepository, type ReportRepository } from './report';
import { createReturnFormsRepository, type ReturnFormsRepository } from './return-forms';
import { type CarryOver, writeCarryOver } from './restore-carry-over';
import { createTrackingRepository, type TrackingRepository } from './tracking';
import { createSettingsRepository, type SettingsRepository } from './settings';
import { scrubWriteAheadLog } from '../upkeep';
import { runStepsInSlices, type Steps } from '../time-slices';

export interface Repositories {
  settings: SettingsRepository;
  contacts: ContactsRepository;
  contactList: ContactListRepository;
  tracking: TrackingRepository;
  imports: ImportsRepository;
  /** The accountability report's reads. */
  report: ReportRepository;
  /** The wording of each consent text version in use. */
  consentTexts: ConsentTextsRepository;
  /** The business phones, their checklists and address-book checks. */
  phones: PhonesRepository;
  /** The Rückläufer-Code's key and the pages of returned forms kept as proof. */
  returnForms: ReturnFormsRepository;
  /** A scratch database of its own (anonymous, deleted on close): where an import stages its contacts. */
  openScratch(): Database;
  /** Writes what a restore carries over into this database (a backup's copy about to replace the live one). */
  carryOver(carried: CarryOver): void;
  /** A checked copy of the database written to `target` (db/backup.ts); not inside a transaction. */
  backupInto(target: string): BackupFile;
  /** The backups in `folder`, each checked, newest first. */
  backupsIn(folder: string): BackupFile[];
  /** Copies a backup chosen to restore to `part` and checks the copy fully (db/backup.ts copyForRestore). */
  copyBackupFor(backup: string, part: string): Pick<BackupFile, 'schemaVersion' | 'contacts'>;
  /** Runs `work` in one transaction: all of it is written, or nothing. */
  transaction<T>(work: () => T): T;
  /**
   * Runs `steps` in one transaction like transaction(), all or nothing, but gives way to the event
   * loop between its steps (writing an import of 100,000 contacts takes seconds). Requests that only
   * read are answered meanwhile and see what is written so far; every other one runs in its own
   * writeTurn() (dispatch.ts), as does the request that writes in slices, so nothing else joins the
   * transaction (transaction() refuses to, as a last guard).
   */
  transactionInSlices<T>(steps: Steps<T>): Promise<T>;
  /**
   * Runs `work` when every write begun before it has ended, first come first served: a request that
   * writes holds the turn until it has answered, also across its awaits (a print dialog).
   */
  writeTurn<T>(work: () => T | Promise<T>): Promise<T>;
  /** The queue writeTurn() serves; repositories opened again on the same file (a restore) go on with it. */
  readonly writeTurns: WriteTurns;
  /**
   * Copies the write-ahead log into the database file and empties it (after an erasure: with
   * secure_delete, the freed pages are overwritten in the file, and the -wal holds no older copy).
   * False when another program (the desktop app, the host) is reading the file just then: the copies
   * stay until it stops; the checkpoint is tried again at close and at the next open.
   */
  checkpoint(): boolean;
}

/**
 * The one database interface: every SQL statement of the app lives in these repositories, so the
 * services above them would not change if a shared server database replaced the local file.
 */
/** The end of the last write turn given out (see writeTurn). */
export interface WriteTurns {
  last: Promise<unknown>;
}

export function createRepositories(
  db: Database,
  openScratch: () => Database,
  openReadOnly: OpenReadOnly = (file) => openReadOnlyFile(file),
  writeTurns: WriteTurns = { last: Promise.resolve() },
): Repositories {
  /** The transaction in slices under way, and whether one of its steps is running right now. */
  let sliced: Promise<unknown> | null = null;
  let stepping = false;
  function writeTurn<T>(work: () => T | Promise<T>): Promise<T> {
    const turn = writeTurns.last.then(work);
    writeTurns.last = turn.catch(() => undefined);
    return turn;
  }

  /** The steps as they are, marking while each one runs (transaction() lets only those join). */
  function* marked<T>(steps: Steps<T>): Steps<T> {
    for (;;) {
      stepping = true;
      let step: IteratorResult<void, T>;
      try {
        step = steps.next();
      } finally {
        stepping = false;
      }
      if (step.done) return step.value;
      yield;
    }
  }

  async function transactionInSlices<T>(steps: Steps<T>): Promise<T> {
    if (sliced) throw new Error('A transaction in slices is already open');
    const run = (async () => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const value = await runStepsInSlices(marked(steps));
        db.exec('COMMIT');
        return value;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    })();
    sliced = run;
    try {
      return await run;
    } finally {
      sliced = null;
    }
  }

  return {
    settings: createSettingsRepository(db),
    contacts: createContactsRepository(db),
    contactList: createContactListRepository(db),
    tracking: createTrackingRepository(db),
    imports: createImportsRepository(db),
    phones: createPhonesRepository(db),
    consentTexts: createConsentTextsRepository(db),
    report: createReportRepository(db),
    returnForms: createReturnFormsRepository(db),
    openScratch,
    carryOver: (carried) => writeCarryOver(db, carried),
    backupInto: (target) => writeBackup(db, target, openReadOnly),
    backupsIn: (folder) => listBackups(openReadOnly, folder),
    copyBackupFor: (backup, part) => copyForRestore(openReadOnly, backup, part),
    transaction: (work) => {
      // A write between two steps of a transaction in slices would be written or rolled back with it.
      if (sliced && !stepping) throw new Error('A write began while a transaction in slices was open; writes take their writeTurn()');
      return db.transaction(work)();
    },
    transactionInSlices,
    writeTurn,
    writeTurns,
    checkpoint: () => scrubWriteAheadLog(db),
  };
}
