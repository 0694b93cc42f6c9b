import BetterSqlite3 from 'better-sqlite3';
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run';
import { defaultDatabasePath } from '../../../electron/db/paths';
import { testSession } from '../../helpers/session';
import { tempDir } from '../../helpers/temp';

const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);

// The usual umask, under which files are created 0644 and folders 0755 unless the app says otherwise.
let umask: number;
beforeEach(() => {
  umask = process.umask(0o022);
});
afterEach(() => {
  process.umask(umask);
});

describe('the database files are for this user only', () => {
  it('a new database folder is 0700; the database, its -wal and -shm are 0600', () => {
    // As the desktop app and `npm run serve` create their default folder on the first start.
    const folder = path.join(tempDir(), 'Umzugshelfer');
    const file = path.join(folder, 'umzugshelfer.sqlite');
    const session = testSession(file);
    session.ctx.repos.contacts.insert({ displayName: 'Anna Berg' });
    expect(mode(folder)).toBe('700');
    for (const name of [file, `${file}-wal`, `${file}-shm`]) expect(mode(name), path.basename(name)).toBe('600');
  });

  it('a new database the CLI creates with --db in an existing folder is 0600 with its -wal and -shm', async () => {
    const file = path.join(tempDir(), 'umzug.sqlite');
    expect(await runCli(['contacts', '--db', file, '--json'], { out: () => {}, err: () => {} })).toBe(0);
    expect(mode(file)).toBe('600');
    // Open again to see the companions while they exist.
    testSession(file).ctx.repos.contacts.insert({ displayName: 'Anna Berg' });
    for (const name of [file, `${file}-wal`, `${file}-shm`]) expect(mode(name), path.basename(name)).toBe('600');
  });
});

/** A database as versions before made it: under the usual umask, file, -wal and -shm 0644. Kept open, so -wal and -shm stay. */
function openedByAnEarlierVersion(file: string): BetterSqlite3.Database {
  const earlier = new BetterSqlite3(file);
  earlier.pragma('journal_mode = WAL');
  earlier.exec('CREATE TABLE früher (x)');
  for (const name of [file, `${file}-wal`, `${file}-shm`]) expect(mode(name), path.basename(name)).toBe('644');
  return earlier;
}

describe('files an earlier version made are made private on the next writable open', () => {
  let xdgConfigHome: string | undefined;
  beforeEach(() => {
    xdgConfigHome = process.env.XDG_CONFIG_HOME;
  });
  afterEach(() => {
    if (xdgConfigHome === undefined) delete process.env.XDG_CONFIG_HOME;
    else process.env.XDG_CONFIG_HOME = xdgConfigHome;
  });

  it("the app's own data folder becomes 0700; the database, -wal and -shm 0600", () => {
    process.env.XDG_CONFIG_HOME = tempDir();
    const file = defaultDatabasePath();
    mkdirSync(path.dirname(file), { mode: 0o755 });
    expect(mode(path.dirname(file))).toBe('755');
    const earlier = openedByAnEarlierVersion(file);
    testSession(file);
    expect(mode(path.dirname(file))).toBe('700');
    for (const name of [file, `${file}-wal`, `${file}-shm`]) expect(mode(name), path.basename(name)).toBe('600');
    earlier.close();
  });

  it('a folder chosen with --db keeps its mode; a write-protected database stays write-protected', () => {
    const folder = tempDir();
    chmodSync(folder, 0o755);
    const file = path.join(folder, 'umzug.sqlite');
    const earlier = openedByAnEarlierVersion(file);
    testSession(file);
    expect(mode(folder)).toBe('755');
    for (const name of [file, `${file}-wal`, `${file}-shm`]) expect(mode(name), path.basename(name)).toBe('600');
    earlier.close();

    // Only the group's and others' bits go: 0444 becomes 0400, not 0600.
    const protectedFile = path.join(tempDir(), 'schreibgeschützt.sqlite');
    testSession(protectedFile).close();
    chmodSync(protectedFile, 0o444);
    try {
      testSession(protectedFile);
    } catch {
      // A user other than root cannot write it: the open is refused after the modes were set.
    }
    expect(mode(protectedFile)).toBe('400');
  });
});
