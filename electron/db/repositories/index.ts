import type { Database } from 'better-sqlite3';
import { createContactsRepository, type ContactsRepository } from './contacts';
import type { CandidateStore } from '../../importers/candidate-store';
import { createContactQueryRepository, type ContactQueryRepository } from './contact-query';
import { createImportsRepository, type ImportsRepository } from './imports';
import { createTrackingRepository, type TrackingRepository } from './tracking';
import { createStagingStore } from './staging';
import { createSettingsRepository, type SettingsRepository } from './settings';
import { scrubWriteAheadLog } from '../upkeep';

export interface Repositories {
  settings: SettingsRepository;
  contacts: ContactsRepository;
  contactQuery: ContactQueryRepository;
  tracking: TrackingRepository;
  imports: ImportsRepository;
  /** A place for the contacts of an import in progress, outside the database and the heap. */
  newStagingStore(): CandidateStore;
  /** Runs `work` in one transaction: all of it is written, or nothing. */
  transaction<T>(work: () => T): T;
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
export function createRepositories(db: Database, openScratch: () => Database): Repositories {
  return {
    settings: createSettingsRepository(db),
    contacts: createContactsRepository(db),
    contactQuery: createContactQueryRepository(db),
    tracking: createTrackingRepository(db),
    imports: createImportsRepository(db),
    newStagingStore: () => createStagingStore(openScratch()),
    transaction: (work) => db.transaction(work)(),
    checkpoint: () => scrubWriteAheadLog(db),
  };
}
