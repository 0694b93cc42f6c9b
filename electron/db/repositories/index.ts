import type { Database } from 'better-sqlite3';
import { createContactsRepository, type ContactsRepository } from './contacts';
import { createImportsRepository, type ImportsRepository } from './imports';
import { createSettingsRepository, type SettingsRepository } from './settings';

export interface Repositories {
  settings: SettingsRepository;
  contacts: ContactsRepository;
  imports: ImportsRepository;
  /** Runs `work` in one transaction: all of it is written, or nothing. */
  transaction<T>(work: () => T): T;
}

/**
 * The one database interface: every SQL statement of the app lives in these repositories, so the
 * services above them would not change if a shared server database replaced the local file.
 */
export function createRepositories(db: Database): Repositories {
  return {
    settings: createSettingsRepository(db),
    contacts: createContactsRepository(db),
    imports: createImportsRepository(db),
    transaction: (work) => db.transaction(work)(),
  };
}
