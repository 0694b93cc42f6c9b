import { parseArgs } from 'node:util';
import { resolveDatabasePath } from '../db/paths';
import { describeError, openSession } from '../services/session';
import { type CliCommand, type CliIo, UsageError } from './command';
import { contactsCommand } from './commands/contacts';
import { importCommand } from './commands/import';
import { invitationsCommand } from './commands/invitations';
import { exportConsentedCommand, lettersCommand } from './commands/letters';
import { profileCommand } from './commands/profile';
import { historyCommand, setStageCommand } from './commands/tracking';
import { consentCommand } from './commands/consent';
import { deleteCommand, eraseCommand, restoreCommand } from './commands/erase';

export const commands: CliCommand[] = [importCommand, contactsCommand, setStageCommand, consentCommand, historyCommand, deleteCommand, restoreCommand, eraseCommand, profileCommand, invitationsCommand, lettersCommand, exportConsentedCommand];

export function helpText(): string {
  const lines = commands.map((command) => `  ${command.usage.padEnd(44)} ${command.summary}`);
  return [
    'Aufruf: npm run --silent cli -- <Befehl> [Optionen]',
    '',
    'Befehle:',
    ...lines,
    '',
    'Für alle Befehle:',
    '  --db <Datei>   Datenbank (Standard: dieselbe wie die Desktop-App)',
    '  --json         Ausgabe als JSON für Skripte',
    '  --help         Diese Hilfe',
  ].join('\n');
}

/** Runs one command line; returns the exit code (0 done, 1 failed, 2 refused input or usage). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return name ? 0 : 2;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.err(`Unbekannter Befehl „${name}“.\n\n${helpText()}`);
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
    io.err(`${(error as Error).message}\nAufruf: npm run --silent cli -- ${command.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(`Aufruf: npm run --silent cli -- ${command.usage}\n${command.summary}`);
    return 0;
  }
  let databasePath: string;
  try {
    databasePath = resolveDatabasePath(parsed.values.db as string | undefined);
  } catch (error) {
    // An empty --db, or a folder that does not exist: refused before anything is created.
    io.err(describeError(error));
    return 2;
  }
  const readOnly = typeof command.readOnly === 'function' ? command.readOnly(parsed.values) : (command.readOnly ?? false);
  let session;
  try {
    session = openSession({ databasePath, adapter: 'cli', readOnly });
  } catch (error) {
    io.err(describeError(error, databasePath));
    return 1;
  }
  try {
    return await command.run(session, parsed, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\nAufruf: npm run --silent cli -- ${command.usage}`);
      return 2;
    }
    io.err(describeError(error, databasePath));
    return 1;
  } finally {
    session.close();
  }
}
