import { backupOfTheDay } from './backups';
import { purgeBin } from './erasure';
import { translate } from '../../shared/i18n';
import type { Language } from '../../shared/model/settings';
import type { Database } from 'better-sqlite3';
import { removeStaleRestoreCopy } from '../db/backup';
import { openDatabase } from '../db/open';
import { retryPendingCheckpoint } from '../db/upkeep';
import { createRepositories } from '../db/repositories';
import { BrowserNotFoundError, openChromiumPrinter } from '../printing/chromium';
import type { AdapterName, PrintDialogFactory, PrinterFactory } from './context';
import { createDispatcher, type Dispatch, type ErrorLog } from './dispatch';
import { AppError, databaseError } from '../db/errors';
import type { SessionContext } from './handler-types';
import { ImportJobs } from './import-jobs';
import { LetterJobs } from './letter-jobs';
import { PrivateTempFolder } from '../db/temp-files';
import { messageLanguage } from './settings';

export interface Session {
  ctx: SessionContext;
  dispatch: Dispatch;
  /** Translates a catalogue key into the language the user chose. */
  message: (key: string, vars?: Record<string, string | number>) => string;
  close: () => void;
  /**
   * Closes once the write under way has ended (an import being written commits, not rolled back by
   * the app quitting), waiting at most `limitMs`; then as close().
   */
  closeWhenWritten: (limitMs?: number) => Promise<void>;
}

/**
 * An erasure's clean-up of the files that another program held up (see db/upkeep.ts), tried once
 * more before the connection goes. Closing must not fail over it: it stays pending for the next start.
 */
function finishPendingCheckpoint(db: Database): void {
  try {
    retryPendingCheckpoint(db);
  } catch {
    // Left for the next open.
  }
}

/** Printing outside the desktop app; without a browser to print with, a message the user can act on. */
const browserPrinter: PrinterFactory = (tempFolder) => async () => {
  try {
    return await openChromiumPrinter(undefined, tempFolder);
  } catch (error) {
    if (error instanceof BrowserNotFoundError) throw new AppError('conflict', 'letters.errors.noBrowser');
    throw error;
  }
};

type OpenedDatabase = ReturnType<typeof openDatabase>;

/** How a session prints, speaks and reopens its database; each has a default for tests and the CLI. */
interface SessionOptions {
  openPrinter?: PrinterFactory;
  printDialog?: PrintDialogFactory | null;
  ownLanguage?: Language | null;
  reopenDatabase?: SessionContext['reopenDatabase'];
}

/** The context every request of this session is handled with. */
export function createSessionContext(
  opened: Pick<OpenedDatabase, 'db' | 'path' | 'schemaVersion' | 'openScratch'> & Partial<Pick<OpenedDatabase, 'openReadOnly'>>,
  adapter: AdapterName,
  { openPrinter = browserPrinter, printDialog = null, ownLanguage = null, reopenDatabase }: SessionOptions = {},
): SessionContext {
  const tempFolder = new PrivateTempFolder(opened.path);
  return {
    openPrinter: openPrinter(tempFolder),
    printDialog: printDialog?.(tempFolder) ?? null,
    tempFolder,
    repos: createRepositories(opened.db, opened.openScratch, opened.openReadOnly),
    adapter,
    databasePath: opened.path,
    schemaVersion: opened.schemaVersion,
    importJobs: new ImportJobs(tempFolder),
    letterJobs: new LetterJobs(),
    ownLanguage,
    unusable: null,
    reopenDatabase:
      reopenDatabase ??
      (() => {
        throw new Error('This context cannot reopen its database');
      }),
  };
}

/** Opens the database and wires the services: what each adapter does first. */
export function openSession(options: {
  databasePath: string;
  adapter: AdapterName;
  nativeBinding?: string;
  openPrinter?: PrinterFactory;
  printDialog?: PrintDialogFactory;
  /** Only reading (a CLI command such as `contacts`): nothing is written, not even the bin's purge. */
  readOnly?: boolean;
  /** The language of the messages when not the settings' (the CLI's --lang or LANG). */
  language?: Language;
  /** Where a defect's stack goes (stderr unless given): the CLI keeps it out of what the office reads. */
  log?: ErrorLog;
}): Session {
  const { nativeBinding, readOnly } = options;
  if (!readOnly) removeStaleRestoreCopy(options.databasePath);
  let opened = openDatabase(options.databasePath, { nativeBinding, readOnly });
  const reopenDatabase: SessionContext['reopenDatabase'] = (replace) => {
    // The pages of letters being printed are read from the file about to be replaced.
    if (ctx.letterJobs.printing()) throw new AppError('conflict', 'backup.errors.lettersPrinting');
    ctx.importJobs.closeAll();
    ctx.letterJobs.clear();
    if (!opened.readOnly) finishPendingCheckpoint(opened.db);
    opened.db.close();
    try {
      return replace(nativeBinding);
    } finally {
      try {
        opened = openDatabase(opened.path, { nativeBinding, readOnly });
        // The same queue of write turns: a write waiting behind the restore runs after it, never beside one begun since.
        ctx.repos = createRepositories(opened.db, opened.openScratch, opened.openReadOnly, ctx.repos.writeTurns);
        ctx.schemaVersion = opened.schemaVersion;
      } catch (error) {
        // The file cannot be opened again (taken away meanwhile): every request says so, rather than
        // failing on a closed connection, until the app is started again. What `replace` did or threw stands.
        ctx.unusable =
          databaseError(error, opened.path) ?? new AppError('database_unavailable', 'errors.database_unavailable', { path: opened.path });
      }
    }
  };
  const ctx = createSessionContext(opened, options.adapter, {
    openPrinter: options.openPrinter,
    printDialog: options.printDialog,
    ownLanguage: options.language ?? null,
    reopenDatabase,
  });
  // Uploads and print pages a killed run left behind (not those of a process still running).
  ctx.tempFolder.sweep();
  try {
    // Writes only when something in the bin is due; a read-only session leaves it for the next one.
    if (!opened.readOnly) purgeBin(ctx);
  } catch (error) {
    opened.db.close();
    throw databaseError(error, opened.path) ?? error;
  }
  // The app's backup of the day (the CLI's commands back up before what they change, not daily).
  if (!opened.readOnly && options.adapter !== 'cli') backupOfTheDay(ctx);
  let closed = false;
  // Once: a command that replaced the database file (restore) closes the session itself first.
  const close = () => {
    if (closed) return;
    closed = true;
    ctx.importJobs.closeAll();
    ctx.tempFolder.removeEmptyFolders();
    if (!opened.readOnly) finishPendingCheckpoint(opened.db);
    opened.db.close();
  };
  return {
    ctx,
    dispatch: createDispatcher(ctx, options.log),
    message: (key, vars) => translate(messageLanguage(ctx), key, vars),
    close,
    closeWhenWritten: async (limitMs = 60_000) => {
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, limitMs)));
      await Promise.race([ctx.repos.writeTurn(() => undefined), limit]);
      clearTimeout(timer);
      close();
    },
  };
}

/**
 * An error as one sentence for the user, without a stack (German unless the caller knows the
 * language: the settings may not be readable).
 * A failure of the database file (corrupt, read-only, full, locked) names the file; SQLite's own
 * words never reach the user, also where the file is not known.
 */
export function describeError(error: unknown, databasePath?: string, language: Language = 'de'): string {
  const known = databasePath === undefined ? (error instanceof AppError ? error : null) : databaseError(error, databasePath);
  if (known) return translate(language, known.messageKey, known.vars);
  if (error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_')) return translate(language, 'errors.internal');
  if (error instanceof Error) return error.message;
  return String(error);
}
