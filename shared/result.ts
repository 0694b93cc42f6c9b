/**
 * Every request the UI makes ends in one of these two shapes; a stack trace never reaches the UI.
 * The codes are stable identifiers for programs, the message is for people (in the user's language).
 */
export const errorCodes = [
  'invalid_input',
  'unknown_request',
  'not_found',
  'forbidden',
  'too_large',
  'conflict',
  'database_too_new',
  'database_unreadable',
  'database_read_only',
  'database_busy',
  'database_unavailable',
  'disk_full',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

// A plain type, no zod schema: the renderer sends failures from its first download (issue 20).
export interface AppErrorData {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});
