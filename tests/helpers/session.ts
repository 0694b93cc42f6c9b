import { openSession, type Session } from '../../electron/services/session';
import { afterEach } from 'vitest';
import { tempDatabasePath } from './temp';

const open: Session[] = [];

/** A real session over a real SQLite file in a temp folder, closed after the test. */
export function testSession(databasePath = tempDatabasePath(), adapter: 'desktop' | 'browser' | 'cli' = 'cli'): Session {
  const session = openSession({ databasePath, adapter });
  open.push(session);
  return session;
}

afterEach(() => {
  for (const session of open.splice(0).reverse()) session.close();
});
