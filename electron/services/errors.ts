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
