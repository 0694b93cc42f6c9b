import type { Database } from 'better-sqlite3';
import type { adapters } from '../../shared/contract/app';
import { createRepositories, type Repositories } from '../db/repositories';
import { printHtmlToPdfBytes } from '../printing/chromium';
import { ImportJobs } from './import-jobs';

export type AdapterName = (typeof adapters)[number];

/** What every service function receives: the repositories and a few facts about this session. */
export interface ServiceContext {
  repos: Repositories;
  adapter: AdapterName;
  databasePath: string;
  schemaVersion: number;
  /** Imports in progress (uploaded files, previews) of this session. */
  importJobs: ImportJobs;
  /**
   * Prints an HTML document to PDF bytes. The desktop app uses Electron's own Chromium; the web host
   * and the CLI a Chrome, Edge or Chromium on this computer (electron/printing/chromium.ts).
   */
  printPdf: (html: string) => Promise<Uint8Array>;
}

export function createServiceContext(
  opened: { db: Database; path: string; schemaVersion: number; openScratch: () => Database },
  adapter: AdapterName,
  printPdf: ServiceContext['printPdf'] = printHtmlToPdfBytes,
): ServiceContext {
  return {
    printPdf,
    repos: createRepositories(opened.db, opened.openScratch),
    adapter,
    databasePath: opened.path,
    schemaVersion: opened.schemaVersion,
    importJobs: new ImportJobs(),
  };
}
