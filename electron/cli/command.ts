import type { RequestInput, RequestName, RequestOutput } from '../../shared/contract';
import { translate } from '../../shared/i18n';
import type { Language } from '../../shared/model/settings';
import type { ErrorCode } from '../../shared/result';
import { AppError } from '../db/errors';
import type { Session } from '../services/session';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface CliArgs {
  values: Record<string, unknown>;
  positionals: string[];
  /** The language of what the command prints (--lang, else LANG, else the settings'); the dispatcher answers in it too. */
  language: Language;
}

/**
 * One CLI command: its options are parsed by the CLI; its work is a request sent through the
 * dispatcher (send) where the contract has one, else the services. Its usage and summary are in the
 * catalogue (cli.commands.<name>).
 */
export interface CliCommand {
  name: string;
  /** The values the summary names (the stages, the days a deleted contact is kept …). */
  helpVars?: Record<string, string | number>;
  options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;
  allowPositionals?: boolean;
  /**
   * The command only reads the database (with these options): it is opened read-only, so a
   * write-protected file still answers and nothing, not even the bin's purge, is written.
   */
  readOnly?: boolean | ((values: Record<string, unknown>) => boolean);
  /** Returns the exit code: 0 done, 2 input refused. */
  run: (session: Session, args: CliArgs, io: CliIo) => Promise<number> | number;
}

export const usageOf = (command: Pick<CliCommand, 'name'>, language: Language): string =>
  translate(language, `cli.commands.${command.name}.usage`);

export const summaryOf = (command: Pick<CliCommand, 'name' | 'helpVars'>, language: Language): string =>
  translate(language, `cli.commands.${command.name}.summary`, command.helpVars);

/** The command line itself is wrong (an option missing, a text where a number belongs): the message, then the usage; exit 2. */
export class UsageError extends Error {
  constructor(
    readonly messageKey: string,
    readonly vars: Record<string, string | number> = {},
  ) {
    super(messageKey);
    this.name = 'UsageError';
  }
}

/** A contact id from the command line, or a usage error that says what one is. */
export const contactId = (text: string | undefined): number => {
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0) throw new UsageError('cli.notContactId', { text: text ?? '' });
  return id;
};

/** The input or the step is refused (exit 2); anything else, the database or a defect, is exit 1. */
const refusalCodes: readonly ErrorCode[] = ['conflict', 'not_found', 'invalid_input', 'too_large'];
export const exitCodeOf = (code: ErrorCode): 1 | 2 => (refusalCodes.includes(code) ? 2 : 1);

/** The dispatcher answered with an error; its message is already in the CLI's language. */
export class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

/**
 * Sends one request through the dispatcher, as the app and the host do: the contract checks the input
 * and the output, the refusal comes in the CLI's language (thrown as a Refusal; runCli prints it).
 * Values from the command line go in as typed – a cast to the contract's type is the contract's to check.
 */
export async function send<K extends RequestName>(session: Session, name: K, input: RequestInput<K>): Promise<RequestOutput<K>> {
  const result = await session.dispatch(name, input);
  if (!result.ok) throw new Refusal(result.error.code, result.error.message);
  return result.value as RequestOutput<K>;
}

/**
 * For the commands the contract has no request for: a refusal of the services (a step the rules
 * forbid, an unknown contact, a scan too large) as exit code 2, worded as the dispatcher would.
 */
export function refused(error: unknown, io: Pick<CliIo, 'err'>, language: Language): number {
  if (error instanceof AppError && exitCodeOf(error.code) === 2) {
    io.err(translate(language, error.messageKey, error.vars));
    return 2;
  }
  throw error;
}
