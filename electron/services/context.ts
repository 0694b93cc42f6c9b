import type { Database } from 'better-sqlite3';
import type { adapters } from '../../shared/contract/app';
import { createRepositories, type Repositories } from '../db/repositories';

export type AdapterName = (typeof adapters)[number];

/** What every service function receives: the repositories and a few facts about this session. */
export interface ServiceContext {
  repos: Repositories;
  adapter: AdapterName;
  databasePath: string;
  schemaVersion: number;
}

export function createServiceContext(
  opened: { db: Database; path: string; schemaVersion: number },
  adapter: AdapterName,
): ServiceContext {
  return {
    repos: createRepositories(opened.db),
    adapter,
    databasePath: opened.path,
    schemaVersion: opened.schemaVersion,
  };
}
