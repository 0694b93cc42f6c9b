import type { Database } from 'better-sqlite3';
import type { adapters } from '../../shared/contract/app';
import { createRepositories, type Repositories } from '../db/repositories';
import { BrowserNotFoundError, openChromiumPrinter } from '../printing/chromium';
import type { OpenPdfPrinter } from '../printing/printer';
import { AppError } from './errors';
import { ImportJobs } from './import-jobs';
import { LetterJobs } from './letter-jobs';
import { PrivateTempFolder } from './temp-files';

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
  /** Where temporary files with personal data go: beside the database, only for this user (temp-files.ts). */
  tempFolder: PrivateTempFolder;
}

/** How an adapter prints; given the session's private temp folder for the pages it loads. */
export type PrinterFactory = (tempFolder: PrivateTempFolder) => OpenPdfPrinter;
export type PrintDialogFactory = (tempFolder: PrivateTempFolder) => (html: string) => Promise<boolean>;

/** Printing outside the desktop app; without a browser to print with, a message the user can act on. */
const browserPrinter: PrinterFactory = (tempFolder) => async () => {
  try {
    return await openChromiumPrinter(undefined, tempFolder);
  } catch (error) {
    if (error instanceof BrowserNotFoundError) throw new AppError('conflict', 'letters.errors.noBrowser');
    throw error;
  }
};

export function createServiceContext(
  opened: { db: Database; path: string; schemaVersion: number; openScratch: () => Database },
  adapter: AdapterName,
  openPrinter: PrinterFactory = browserPrinter,
  printDialog: PrintDialogFactory | null = null,
): ServiceContext {
  const tempFolder = new PrivateTempFolder(opened.path);
  return {
    openPrinter: openPrinter(tempFolder),
    printDialog: printDialog?.(tempFolder) ?? null,
    tempFolder,
    repos: createRepositories(opened.db, opened.openScratch),
    adapter,
    databasePath: opened.path,
    schemaVersion: opened.schemaVersion,
    importJobs: new ImportJobs(tempFolder),
    letterJobs: new LetterJobs(),
  };
}
