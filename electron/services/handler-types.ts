// Types only: what a handler is. Each domain's handler map (electron/services/<domain>.handlers.ts)
// is declared against its contract file; handlers.ts merges them for dispatch.ts.
import type { RequestName, RequestOutput, ValidInput } from '../../shared/contract';
import type { AppError } from '../db/errors';
import type { ServiceContext } from './context';
import type { ImportJobs } from './import-jobs';
import type { LetterJobs } from './letter-jobs';

/** What a handler receives: the services' context and the jobs that live as long as the session. */
export interface SessionContext extends ServiceContext {
  /** Imports in progress (uploaded files, previews) of this session. */
  importJobs: ImportJobs;
  /** Letters being printed in the background. */
  letterJobs: LetterJobs;
  /**
   * Closes the database, lets `replace` swap its file (a restore), and opens it again, an older one
   * migrated: the session goes on with the new file, also when `replace` fails (then with the old one).
   * Jobs begun on the old file are dropped. `nativeBinding` is the SQLite build the session opens files with.
   */
  reopenDatabase: <T>(replace: (nativeBinding: string | undefined) => T) => T;
  /** Set when the database could not be opened again after reopenDatabase: every request answers with it. */
  unusable: AppError | null;
}

export type Handler<K extends RequestName> = (ctx: SessionContext, input: ValidInput<K>) => RequestOutput<K> | Promise<RequestOutput<K>>;

/** One handler for each request of a domain's contract map; the compiler refuses a missing or extra one. */
export type HandlerMap<Requests> = { [K in keyof Requests & RequestName]: Handler<K> };
