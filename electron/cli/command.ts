import { translate } from '../../shared/i18n';
import { AppError } from '../db/errors';
import type { Session } from '../services/session';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** One CLI command: its options are parsed by the CLI, its work done by the services. */
export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;
  allowPositionals?: boolean;
  /**
   * The command only reads the database (with these options): it is opened read-only, so a
   * write-protected file still answers and nothing, not even the bin's purge, is written.
   */
  readOnly?: boolean | ((values: Record<string, unknown>) => boolean);
  /** Returns the exit code: 0 done, 2 input refused. */
  run: (session: Session, args: { values: Record<string, unknown>; positionals: string[] }, io: CliIo) => Promise<number> | number;
}

export class UsageError extends Error {}

/** A contact id from the command line, or a usage error that says what one is. */
export const contactId = (text: string | undefined): number => {
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0) throw new UsageError(`„${text ?? ''}“ ist keine Kontakt-ID (eine positive Zahl, siehe „contacts --json“).`);
  return id;
};

/** A refusal of the services (a step the rules forbid, an unknown contact, a scan too large) as exit code 2. */
export function refused(error: unknown, io: Pick<CliIo, 'err'>, language: 'de' | 'en'): number {
  if (error instanceof AppError && (error.code === 'conflict' || error.code === 'not_found' || error.code === 'invalid_input' || error.code === 'too_large')) {
    io.err(translate(language, error.messageKey, error.vars));
    return 2;
  }
  throw error;
}
