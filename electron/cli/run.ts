import { parseArgs } from 'node:util';
import { translate } from '../../shared/i18n';
import type { Language } from '../../shared/model/settings';
import { resolveDatabasePath } from '../db/paths';
import type { ErrorLog } from '../services/dispatch';
import { describeError, openSession, type Session } from '../services/session';
import { messageLanguage } from '../services/settings';
import { type CliCommand, type CliIo, exitCodeOf, Refusal, summaryOf, usageOf, UsageError } from './command';
import { contactsCommand } from './commands/contacts';
import { importCommand } from './commands/import';
import { invitationsCommand } from './commands/invitations';
import { exportCommand } from './commands/export';
import { exportConsentedCommand, lettersCommand } from './commands/letters';
import { phoneCheckCommand } from './commands/phones';
import { profileCommand } from './commands/profile';
import { reportCommand } from './commands/report';
import { scanImportCommand } from './commands/scan-import';
import { historyCommand, setStageCommand } from './commands/tracking';
import { consentCommand } from './commands/consent';
import { backupCommand, backupsCommand, restoreCommand } from './commands/backup';
import { deleteCommand, eraseCommand, undeleteCommand } from './commands/erase';
import { accessReportCommand } from './commands/access-report';
import { keptEvidenceCommand } from './commands/kept-evidence';
import { environmentLanguage, isLanguage, takeLanguageOption, type Environment } from './language';

/**
 * A defect's stack, for a developer who asks for it (UMZUGSHELFER_DEBUG=1); the office reads only the
 * dispatcher's one sentence ("Ein unerwarteter Fehler …"), never a stack trace.
 */
const developerLog: ErrorLog = (message, error) => {
  if (process.env.UMZUGSHELFER_DEBUG) console.error(message, error);
};

export const commands: CliCommand[] = [
  importCommand,
  contactsCommand,
  setStageCommand,
  consentCommand,
  historyCommand,
  deleteCommand,
  restoreCommand,
  undeleteCommand,
  backupCommand,
  backupsCommand,
  eraseCommand,
  accessReportCommand,
  keptEvidenceCommand,
  profileCommand,
  invitationsCommand,
  lettersCommand,
  exportConsentedCommand,
  phoneCheckCommand,
  reportCommand,
  exportCommand,
  scanImportCommand,
];

export function helpText(language: Language = 'de'): string {
  const t = (key: string) => translate(language, key);
  const lines = commands.map((command) => `  ${usageOf(command, language).padEnd(44)} ${summaryOf(command, language)}`);
  return [
    t('cli.help.call'),
    '',
    t('cli.help.commands'),
    ...lines,
    '',
    t('cli.help.forAll'),
    ...['db', 'json', 'lang', 'help'].map((option) => `  ${t(`cli.help.${option}`)}`),
  ].join('\n');
}

/**
 * Runs one command line; returns the exit code (0 done, 1 failed, 2 refused input or usage).
 * The language: --lang, else the environment's locale (LC_ALL, LC_MESSAGES, LANG) if it is English
 * or German, else the settings' once the database is open, else German. `env` is the process's for
 * the real command (index.ts); none by default, so a test in this process gets the default.
 */
export async function runCli(argv: string[], io: CliIo, env: Environment = {}): Promise<number> {
  const option = takeLanguageOption(argv);
  let chosen = environmentLanguage(env);
  if (option.value !== undefined) {
    if (!isLanguage(option.value)) {
      const language = chosen ?? 'de';
      io.err(`${translate(language, 'cli.unknownLanguage', { value: option.value })}\n${translate(language, 'cli.help.call')}`);
      return 2;
    }
    chosen = option.value;
  }
  let language: Language = chosen ?? 'de';
  const usageLine = (command: CliCommand) => translate(language, 'cli.usage', { usage: usageOf(command, language) });

  const [name, ...rest] = option.argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText(language));
    return name ? 0 : 2;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.err(`${translate(language, 'cli.unknownCommand', { name })}\n\n${helpText(language)}`);
    return 2;
  }
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, db: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${usageLine(command)}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(`${usageLine(command)}\n${summaryOf(command, language)}`);
    return 0;
  }
  let databasePath: string;
  try {
    databasePath = resolveDatabasePath(parsed.values.db as string | undefined);
  } catch (error) {
    // An empty --db, or a folder that does not exist: refused before anything is created.
    io.err(describeError(error, undefined, language));
    return 2;
  }
  const readOnly = typeof command.readOnly === 'function' ? command.readOnly(parsed.values) : (command.readOnly ?? false);
  let session: Session;
  try {
    // Every message in the CLI's language; without one of its own, in the settings' (as for the app).
    session = openSession({ databasePath, adapter: 'cli', readOnly, language: chosen ?? undefined, log: developerLog });
  } catch (error) {
    io.err(describeError(error, databasePath, language));
    return 1;
  }
  try {
    language = messageLanguage(session.ctx);
    return await command.run(session, { ...parsed, language }, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${translate(language, error.messageKey, error.vars)}\n${usageLine(command)}`);
      return 2;
    }
    if (error instanceof Refusal) {
      io.err(error.message);
      return exitCodeOf(error.code);
    }
    io.err(describeError(error, databasePath, language));
    return 1;
  } finally {
    session.close();
  }
}
