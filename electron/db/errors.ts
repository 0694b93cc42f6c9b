import type { ErrorCode } from '../../shared/result';

/**
 * An error meant for the user: a stable code plus a catalogue key and its values. The adapter turns
 * it into `{ok: false, error: {code, message}}` in the user's language.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: string,
    readonly vars: Record<string, string | number> = {},
  ) {
    super(`${code}: ${messageKey} ${JSON.stringify(vars)}`);
    this.name = 'AppError';
  }
}

/**
 * What SQLite says about the database file (better-sqlite3 puts its result code in `error.code`,
 * extended codes such as SQLITE_READONLY_DIRECTORY included), as the problem the office can do
 * something about. Only SQLite raises these codes, but not only the database's connection does: the
 * staging store of an import is a scratch database in the system's temp folder, and says its own
 * failures as a lack of temporary space (importers/staging-store.ts) before they get here. Whatever
 * still arrives with these codes comes from the database file.
 */
const sqliteProblems: [prefix: string, code: ErrorCode, messageKey: string][] = [
  ['SQLITE_CORRUPT', 'database_unreadable', 'errors.database_unreadable'],
  ['SQLITE_NOTADB', 'database_unreadable', 'errors.database_unreadable'],
  ['SQLITE_READONLY', 'database_read_only', 'errors.database_read_only'],
  ['SQLITE_PERM', 'database_read_only', 'errors.database_read_only'],
  ['SQLITE_FULL', 'disk_full', 'errors.disk_full'],
  ['SQLITE_BUSY', 'database_busy', 'errors.database_busy'],
  ['SQLITE_LOCKED', 'database_busy', 'errors.database_busy'],
  ['SQLITE_CANTOPEN', 'database_unavailable', 'errors.database_unavailable'],
  ['SQLITE_IOERR', 'database_unavailable', 'errors.database_io'],
];

/** The file system's words while the folder and file of the database are made (other files have their own messages). */
const creationProblems: [prefix: string, code: ErrorCode, messageKey: string][] = [
  ['ENOSPC', 'disk_full', 'errors.disk_full'],
  ['EROFS', 'database_read_only', 'errors.database_read_only'],
  ['EACCES', 'database_unavailable', 'errors.database_unavailable'],
  ['EPERM', 'database_unavailable', 'errors.database_unavailable'],
  ['ENOTDIR', 'database_unavailable', 'errors.database_unavailable'],
];

const codeOf = (error: unknown): string | null =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : null;

function lookUp(table: typeof sqliteProblems, error: unknown, databasePath: string): AppError | null {
  const code = codeOf(error);
  const problem = code ? table.find(([prefix]) => code === prefix || code.startsWith(`${prefix}_`)) : undefined;
  return problem ? new AppError(problem[1], problem[2], { path: databasePath }) : null;
}

/**
 * The one place a database failure becomes a message: a corrupt, read-only, full, locked or
 * unreachable database file as an AppError naming the file, never SQLite's own words. An AppError
 * stays as it is; null for anything else (a defect, which the adapters report as unexpected).
 */
export function databaseError(error: unknown, databasePath: string): AppError | null {
  if (error instanceof AppError) return error;
  return lookUp(sqliteProblems, error, databasePath);
}

/** The same while the database is opened, when creating its folder or file can fail too. */
export function openingError(error: unknown, databasePath: string): AppError | null {
  return databaseError(error, databasePath) ?? lookUp(creationProblems, error, databasePath);
}
