import type { Database } from 'better-sqlite3';
import type { adapters } from '../../shared/contract/app';
import { createRepositories, type Repositories } from '../db/repositories';
import { BrowserNotFoundError, openChromiumPrinter } from '../printing/chromium';
import type { OpenPdfPrinter } from '../printing/printer';
import { AppError } from './errors';
import { ImportJobs } from './import-jobs';
import { LetterJobs } from './letter-jobs';

export type AdapterName = (typeof adapters)[number];

/** What every service function receives: the repositories and a few facts about this session. */
export interface ServiceContext {
  repos: Repositories;
  adapter: AdapterName;
  databasePath: string;
  schemaVersion: number;
  /** Imports in progress (uploaded files, previews) of this session. */
  importJobs: ImportJobs;
  /** Letters being printed in the background. */
  letterJobs: LetterJobs;
  /**
   * Opens a printer for one batch of HTML documents to PDF. The desktop app uses Electron's own
   * Chromium; the web host and the CLI a Chrome, Edge or Chromium on this computer (electron/printing).
   */
  openPrinter: OpenPdfPrinter;
  /** The system print dialog (desktop app only); true when the user sent the job to a printer. */
  printDialog: ((html: string) => Promise<boolean>) | null;
}

/** Printing outside the desktop app; without a browser to print with, a message the user can act on. */
async function openBrowserPrinter(): ReturnType<OpenPdfPrinter> {
  try {
    return await openChromiumPrinter();
  } catch (error) {
    if (error instanceof BrowserNotFoundError) throw new AppError('conflict', 'letters.errors.noBrowser');
    throw error;
  }
}

export function createServiceContext(
  opened: { db: Database; path: string; schemaVersion: number; openScratch: () => Database },
  adapter: AdapterName,
  openPrinter: OpenPdfPrinter = openBrowserPrinter,
  printDialog: ServiceContext['printDialog'] = null,
): ServiceContext {
  return {
    openPrinter,
    printDialog,
    repos: createRepositories(opened.db, opened.openScratch),
    adapter,
    databasePath: opened.path,
    schemaVersion: opened.schemaVersion,
    importJobs: new ImportJobs(),
    letterJobs: new LetterJobs(),
  };
}
