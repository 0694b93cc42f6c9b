import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveDatabasePath } from '../db/paths';
import { describeError, openSession } from '../services/session';
import { startHost } from './server';

const DEFAULT_PORT = 5199;

const usage = `Aufruf: npm run serve -- [--db <Datei>] [--port <Nummer>]

Startet Umzugshelfer im Browser, nur auf diesem Rechner (127.0.0.1).
  --db <Datei>     Datenbank (Standard: dieselbe wie die Desktop-App)
  --port <Nummer>  Port (Standard: ${DEFAULT_PORT}, 0 = ein freier)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port: „${values.port}“ ist keine Portnummer (0 bis 65535).`);
  }
  const session = openSession({ databasePath: resolveDatabasePath(values.db), adapter: 'browser' });
  const host = await startHost({
    dispatch: session.dispatch,
    staticDir: path.join(__dirname, '..', 'renderer'),
    token: randomBytes(24).toString('base64url'),
    port,
    message: session.message,
  }).catch((error: NodeJS.ErrnoException) => {
    session.close();
    if (error.code === 'EADDRINUSE') throw new Error(`Port ${port} ist schon belegt. Wählen Sie einen anderen mit --port.`);
    throw error;
  });

  // The one line on stdout: scripts and tests read the address from it.
  console.log(host.url);
  console.error(`Datenbank: ${session.ctx.databasePath} – Beenden mit Strg+C.`);

  const stop = () => {
    void host
      .close()
      .then(() => session.closeWhenWritten())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(describeError(error));
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(describeError(error));
  process.exit(1);
});
