import type { Database } from 'better-sqlite3';
import { createContactsRepository, type ContactsRepository } from './contacts';
import type { CandidateStore } from '../../importers/candidate-store';
import { createContactQueryRepository, type ContactQueryRepository } from './contact-query';
import { createImportsRepository, type ImportsRepository } from './imports';
import { createTrackingRepository, type TrackingRepository } from './tracking';
import { createStagingStore } from './staging';
import { createSettingsRepository, type SettingsRepository } from './settings';

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
  };
}
