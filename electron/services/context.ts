// Types only: every service imports this, and it imports no service (session.ts builds the context).
import type { adapters } from '../../shared/contract/app';
import type { Language } from '../../shared/model/settings';
import type { Repositories } from '../db/repositories';
import type { OpenPdfPrinter } from '../printing/printer';
import type { PrivateTempFolder } from '../db/temp-files';

export type AdapterName = (typeof adapters)[number];

/** What every service function receives: the repositories and a few facts about this session. */
export interface ServiceContext {
  repos: Repositories;
  adapter: AdapterName;
  databasePath: string;
  schemaVersion: number;
  /**
   * Opens a printer for one batch of HTML documents to PDF. The desktop app uses Electron's own
   * Chromium; the web host and the CLI a Chrome, Edge or Chromium on this computer (electron/printing).
   */
  openPrinter: OpenPdfPrinter;
  /** The system print dialog (desktop app only); true when the user sent the job to a printer. */
  printDialog: ((html: string) => Promise<boolean>) | null;
  /** Where temporary files with personal data go: beside the database, only for this user (temp-files.ts). */
  tempFolder: PrivateTempFolder;
  /**
   * The language the adapter asked for (the CLI's --lang or locale); null: the one chosen in the
   * settings. Every message, and every word translated into one, follows messageLanguage() (settings.ts).
   */
  ownLanguage: Language | null;
}

/** How an adapter prints; given the session's private temp folder for the pages it loads. */
export type PrinterFactory = (tempFolder: PrivateTempFolder) => OpenPdfPrinter;
export type PrintDialogFactory = (tempFolder: PrivateTempFolder) => (html: string) => Promise<boolean>;
