import BetterSqlite3 from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { updateSettings } from '../../../electron/services/settings';
import { undoOperation } from '../../../electron/services/tracking';
import { addDays, formatDate, localDate } from '../../../shared/local-date';
import { testSession } from '../../helpers/session';
import { tempDatabasePath, tempDir } from '../../helpers/temp';
import { cli, withoutLocale } from '../../helpers/cli';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

const today = () => formatDate(localDate(new Date()), 'de');

/** Nothing SQLite or Node would say in its own words, and no stack. */
function expectOwnWords(text: string) {
  expect(text).not.toMatch(/SQLITE|readonly database|malformed|not a database|disk I\/O|\n\s+at /);
}

describe('CLI: delete and erase', () => {
  it('`delete` moves a contact to the bin, restorable for 30 days by the undo of its operation', async () => {
    const file = tempDatabasePath();
    const session = testSession(file);
    const [anna] = session.ctx.repos.contacts.insertMany([{ displayName: 'Anna Berg' }, { displayName: 'Bernd Schulze' }]);
    session.close();

    const deleted = await cli('delete', String(anna), '--db', file, '--json');
    expect(deleted.code).toBe(0);
    const answer = JSON.parse(deleted.out);
    expect(answer).toEqual({
      id: anna,
      deleted: true,
      operationId: expect.any(Number),
      restorableUntil: addDays(localDate(new Date()), 30),
    });
    expect(JSON.parse((await cli('contacts', '--db', file, '--json')).out).map((c: { displayName: string }) => c.displayName)).toEqual([
      'Bernd Schulze',
    ]);
    expect(await cli('delete', String(anna), '--db', file)).toMatchObject({ code: 2, err: 'Diesen Kontakt gibt es nicht (mehr).' });

    const text = await cli('delete', '2', '--db', file);
    expect(text.out).toBe(
      `„Bernd Schulze“ liegt im Papierkorb und lässt sich bis zum ${formatDate(addDays(localDate(new Date()), 30), 'de')} wiederherstellen (restore 2); danach wird der Kontakt endgültig gelöscht.`,
    );

    const check = testSession(file);
    expect(undoOperation(check.ctx, answer.operationId)).toEqual({ restored: 1, keptBecauseChanged: 0 });
    expect(check.ctx.repos.contacts.all().map((contact) => contact.displayName)).toEqual(['Anna Berg']);
  });

  it('`erase` takes a contact at once for good; `history` then says only "Kontakt gelöscht am …"', async () => {
    const file = tempDatabasePath();
    const session = testSession(file);
    const [anna] = session.ctx.repos.contacts.insertMany([
      { displayName: 'Anna Berg', phones: [{ e164: '+491701234567', raw: '0170 1234567', label: null, kind: 'mobile' }] },
    ]);
    session.close();
    expect((await cli('set-stage', String(anna), 'invited', '--channel', 'sms', '--db', file)).code).toBe(0);

    const erased = await cli('erase', String(anna), '--db', file, '--json');
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.out)).toEqual({
      id: anna,
      erased: true,
      erasedOn: localDate(new Date()),
      alsoErased: [],
      scrubbed: true,
      keptEvidence: [],
    });
    expect(await cli('contacts', '--db', file, '--json')).toMatchObject({ code: 0, out: '[]' });
    const history = await cli('history', String(anna), '--db', file, '--json');
    expect(history.code).toBe(0);
    expect(JSON.parse(history.out)).toEqual([
      { at: expect.any(String), kind: 'erased', text: `Kontakt gelöscht am ${today()}`, changes: [] },
    ]);

    expect(await cli('erase', String(anna), '--db', file, '--json')).toMatchObject({
      code: 2,
      err: 'Diesen Kontakt gibt es nicht (mehr).',
    });
    expect(await cli('erase', 'Anna', '--db', file)).toMatchObject({ code: 2, err: expect.stringContaining('keine Kontakt-ID') });
    expect(await cli('delete', String(anna), '--db', file)).toMatchObject({ code: 2 });
    const raw = new BetterSqlite3(file, { readonly: true });
    expect(raw.prepare('SELECT count(*) FROM contact_phones').pluck().get()).toBe(0);
    raw.close();
  });
});

describe('CLI: restore', () => {
  it('`restore` brings one contact back from the bin, as `delete` says; not one in the list or erased', async () => {
    const file = tempDatabasePath();
    const session = testSession(file);
    const [anna, bernd, carla] = session.ctx.repos.contacts.insertMany([
      { displayName: 'Anna Berg' },
      { displayName: 'Bernd Schulze' },
      { displayName: 'Carla Nowak' },
    ]);
    session.close();
    expect((await cli('delete', String(anna), '--db', file)).code).toBe(0);
    expect((await cli('delete', String(bernd), '--db', file)).code).toBe(0);

    expect(await cli('restore', String(anna), '--db', file)).toMatchObject({
      code: 0,
      out: '„Anna Berg“ ist wiederhergestellt und steht wieder in der Kontaktliste.',
    });
    expect(JSON.parse((await cli('contacts', '--db', file, '--json')).out).map((c: { id: number }) => c.id)).toEqual([anna, carla]);
    const history = JSON.parse((await cli('history', String(anna), '--db', file, '--json')).out);
    expect(history.map((entry: { text: string }) => entry.text)).toEqual(['Wiederhergestellt', 'Gelöscht']);
    expect(await cli('restore', String(bernd), '--db', file, '--json')).toMatchObject({
      code: 0,
      out: JSON.stringify({ id: bernd, restored: true }),
    });

    expect(await cli('restore', String(carla), '--db', file)).toMatchObject({ code: 2, err: '„Carla Nowak“ liegt nicht im Papierkorb.' });
    expect((await cli('erase', String(carla), '--db', file)).code).toBe(0);
    expect(await cli('restore', String(carla), '--db', file)).toMatchObject({ code: 2, err: 'Diesen Kontakt gibt es nicht (mehr).' });
    expect((await cli('--help')).out).toMatch(/undelete <ID> \[--json\] +Holt einen Kontakt aus dem Papierkorb zurück/);
    expect((await cli('--help')).out).toMatch(
      /delete <ID> \[--json\] +Verschiebt einen Kontakt in den Papierkorb \(30 Tage wiederherstellbar\)/,
    );
  });

  it('`contacts --deleted` lists the bin with the day each is erased; `undelete --json` restores through contacts.restore', async () => {
    const file = tempDatabasePath();
    const session = testSession(file);
    const [anna, bernd] = session.ctx.repos.contacts.insertMany([
      { displayName: 'Anna Berg', organization: 'Berg GmbH' },
      { displayName: 'Bernd Schulze' },
    ]);
    session.close();
    expect(await cli('contacts', '--deleted', '--db', file)).toMatchObject({ code: 0, out: 'Der Papierkorb ist leer.' });
    expect((await cli('delete', String(anna), '--db', file)).code).toBe(0);

    const today = localDate(new Date());
    const listed = await cli('contacts', '--deleted', '--db', file, '--json');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.out)).toEqual([
      {
        id: anna,
        displayName: 'Anna Berg',
        organization: 'Berg GmbH',
        deletedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        mergedInto: null,
        purgeOn: addDays(today, 30),
        deletedOn: today,
      },
    ]);
    expect((await cli('contacts', '--deleted', '--db', file)).out).toBe(
      [anna, 'Anna Berg', 'Berg GmbH', formatDate(today, 'de'), formatDate(addDays(today, 30), 'de')].join('\t'),
    );

    expect(await cli('undelete', String(anna), '--db', file, '--json')).toMatchObject({
      code: 0,
      out: JSON.stringify({ id: anna, restored: true }),
    });
    expect(JSON.parse((await cli('contacts', '--deleted', '--db', file, '--json')).out)).toEqual([]);
    // Refused by the contract's request, in its words, with exit code 2.
    expect(await cli('undelete', String(bernd), '--db', file, '--json')).toMatchObject({
      code: 2,
      err: '„Bernd Schulze“ liegt nicht im Papierkorb.',
    });
    expect(await cli('undelete', '999', '--db', file)).toMatchObject({ code: 2, err: 'Diesen Kontakt gibt es nicht (mehr).' });
    expect((await cli('--help')).out).toMatch(/contacts \[--deleted\] \[--db <Datei>\] \[--json\]/);
  });

  it('delete, restore and erase answer in the language of the settings', async () => {
    const file = tempDatabasePath();
    const session = testSession(file);
    const [anna] = session.ctx.repos.contacts.insertMany([{ displayName: 'Anna Berg' }]);
    updateSettings(session.ctx, { language: 'en' });
    session.close();
    const until = formatDate(addDays(localDate(new Date()), 30), 'en');
    expect((await cli('delete', String(anna), '--db', file)).out).toBe(
      `“Anna Berg” is in the bin and can be restored until ${until} (restore ${anna}); after that the contact is erased for good.`,
    );
    expect((await cli('restore', String(anna), '--db', file)).out).toBe('“Anna Berg” is restored and back in the contact list.');
    expect((await cli('erase', String(anna), '--db', file)).out).toBe(
      `Contact ${anna} was erased for good on ${formatDate(localDate(new Date()), 'en')}.`,
    );
  });
});

describe('CLI: erase while another program reads the database', () => {
  it('reports the contact erased and the files not yet clean (`scrubbed: false`), and cleans them at the next start', async () => {
    const file = tempDatabasePath();
    const session = testSession(file);
    const [anna, bernd] = session.ctx.repos.contacts.insertMany([
      { displayName: 'Quirin Spurenreich', note: 'Notiz über Quirin' },
      { displayName: 'Rosalind Spurenreich', note: 'Notiz über Rosalind' },
    ]);
    session.close();
    // The desktop app, in the middle of reading.
    const app = new BetterSqlite3(file);
    app.exec('BEGIN');
    app.prepare('SELECT count(*) FROM contacts').get();
    const inFiles = (name: string) =>
      ['', '-wal'].some((suffix) => existsSync(file + suffix) && readFileSync(file + suffix).includes(name));

    const erased = await cli('erase', String(anna), '--db', file, '--json');
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.out)).toEqual({
      id: anna,
      erased: true,
      erasedOn: localDate(new Date()),
      alsoErased: [],
      scrubbed: false,
      keptEvidence: [],
    });
    const text = await cli('erase', String(bernd), '--db', file);
    expect(text.code).toBe(0);
    expect(text.out).toBe(
      `Kontakt ${bernd} wurde am ${today()} endgültig gelöscht. Die Daten sind gelöscht und in keinem Programm mehr zu sehen. Ein anderes Programm liest die Datenbank „${file}“ gerade (ein Umzugshelfer-Fenster oder „npm run serve“): Die letzten Spuren in der Datei werden vollständig entfernt, sobald es geschlossen ist.`,
    );
    expect(inFiles('Quirin Spurenreich')).toBe(true);

    // The app finished reading (and is still open): the next command cleans up first.
    app.exec('COMMIT');
    expect((await cli('contacts', '--db', file, '--json')).code).toBe(0);
    // A read-only command writes nothing, so it leaves the clean-up to the next one that may write.
    expect(inFiles('Quirin Spurenreich')).toBe(true);
    expect((await cli('delete', '999', '--db', file)).code).toBe(2);
    expect(inFiles('Quirin Spurenreich')).toBe(false);
    expect(inFiles('Rosalind')).toBe(false);
    app.close();
  });
});

describe('CLI: which database', () => {
  it('refuses `--db ""` instead of opening the default database', async () => {
    const result = await cli('contacts', '--db', '', '--json');
    expect(result).toMatchObject({ code: 2, out: '' });
    expect(result.err).toMatch(/^Die Angabe --db ist leer/);
  });

  it('refuses a --db in a folder that does not exist, and creates nothing', async () => {
    const missing = path.join(tempDir(), 'Kunden', 'umzug.sqlite');
    const result = await cli('contacts', '--db', missing, '--json');
    expect(result).toMatchObject({ code: 2, out: '' });
    expect(result.err).toBe(
      `Den Ordner „${path.dirname(missing)}“ gibt es nicht, daher wurde die Datenbank „${missing}“ nicht angelegt. Bitte prüfen Sie den Pfad oder legen Sie den Ordner zuerst an.`,
    );
    expect(existsSync(path.dirname(missing))).toBe(false);
  });
});

/** A database of two contacts, one deleted 40 days ago (due for erasure when a session opens for writing). */
function databaseWithPurgeDue(): { file: string; alive: number } {
  const file = tempDatabasePath();
  const session = testSession(file);
  const [alive, gone] = session.ctx.repos.contacts.insertMany([{ displayName: 'Anna Berg' }, { displayName: 'Bernd Schulze' }]);
  session.close();
  const raw = new BetterSqlite3(file);
  raw.prepare('UPDATE contacts SET deleted_at = ? WHERE id = ?').run(new Date(Date.now() - 40 * 86_400_000).toISOString(), gone);
  raw.close();
  return { file, alive: alive! };
}

/** Breaks pages in the middle of the file (a bad sector, a half-copied backup); the header stays readable. */
function corruptMiddle(file: string): void {
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = DELETE');
  raw
    .prepare('INSERT INTO contacts (display_name, note) SELECT ?, ? FROM json_each(?)')
    .run('Füllkontakt', 'x'.repeat(400), JSON.stringify(Array.from({ length: 800 }, (_, i) => i)));
  raw.close();
  const bytes = readFileSync(file);
  const pageSize = 4096;
  bytes.fill(0xab, pageSize * 3, bytes.length - pageSize * 3);
  writeFileSync(file, bytes);
}

describe('CLI: database errors in German, naming the file', () => {
  it('a file that is no database, and a database with broken pages', async () => {
    const notADatabase = tempDatabasePath();
    writeFileSync(notADatabase, 'Das ist eine Einkaufsliste, keine Datenbank.\n'.repeat(200));
    const first = await cli('contacts', '--db', notADatabase, '--json');
    expect(first).toMatchObject({ code: 1, out: '' });
    expect(first.err).toMatch(new RegExp(`^Die Datenbank „${notADatabase.replace(/[.\\/]/g, '\\$&')}“ ist beschädigt`));

    const broken = tempDatabasePath();
    testSession(broken).close();
    corruptMiddle(broken);
    for (const args of [
      ['contacts', '--json'],
      ['set-stage', '1', 'invited'],
    ]) {
      const result = await cli(...args, '--db', broken);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.err).toContain(`Die Datenbank „${broken}“ ist beschädigt`);
      expectOwnWords(result.err);
    }
  });
});

/**
 * Runs the built CLI as a process of its own. The test user here is root, for whom a file's mode
 * 0400 does not prevent writing: then the CLI runs as `nobody`, who owns the files, and the mode holds.
 */
function cliProcess(folder: string, args: string[]) {
  const asRoot = process.getuid?.() === 0;
  const bundle = path.join(folder, 'cli.cjs');
  if (!existsSync(bundle)) copyFileSync(process.env.UMZUGSHELFER_TEST_CLI!, bundle);
  chmodSync(bundle, 0o444);
  const result = spawnSync(process.execPath, [bundle, ...args], {
    cwd: folder,
    encoding: 'utf8',
    env: withoutLocale({ ...process.env, HOME: folder, XDG_CONFIG_HOME: folder, NODE_PATH: path.join(root, 'node_modules') }),
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  return { code: result.status, out: result.stdout.trim(), err: result.stderr.trim() };
}

/** The database file write-protected (0400), its folder left writable (SQLite keeps its -shm there). */
function writeProtect(file: string): void {
  const folder = path.dirname(file);
  chmodSync(folder, 0o755);
  if (process.getuid?.() === 0) {
    chownSync(folder, 65534, 65534);
    chownSync(file, 65534, 65534);
  }
  chmodSync(file, 0o400);
}

const fingerprint = (file: string) => ({
  sha: createHash('sha256').update(readFileSync(file)).digest('hex'),
  modified: statSync(file).mtimeMs,
});

describe('CLI: a write-protected database', () => {
  it('still answers `contacts` and `history` without writing anything, not even the purge that is due', async () => {
    const { file, alive } = databaseWithPurgeDue();
    writeProtect(file);
    const before = fingerprint(file);

    const contacts = cliProcess(path.dirname(file), ['contacts', '--db', file, '--json']);
    expect(contacts.err).toBe('');
    expect(contacts.code).toBe(0);
    expect(JSON.parse(contacts.out).map((c: { id: number }) => c.id)).toEqual([alive]);
    expect(cliProcess(path.dirname(file), ['history', String(alive), '--db', file, '--json'])).toMatchObject({ code: 0, out: '[]' });
    expect(fingerprint(file)).toEqual(before);
  });

  it('opens for a command that may write without writing when nothing in the bin is due', () => {
    const file = tempDatabasePath();
    const session = testSession(file);
    const [anna] = session.ctx.repos.contacts.insertMany([{ displayName: 'Anna Berg' }]);
    session.close();
    writeProtect(file);
    const before = fingerprint(file);
    // The step is refused by the rules before anything would be written: the session got that far.
    const refused = cliProcess(path.dirname(file), ['set-stage', String(anna), 'consent_refused', '--db', file]);
    expect(refused).toMatchObject({ code: 2, err: '„Anna Berg“ kann nicht von „Neu“ zu „Einwilligung abgelehnt“ wechseln.' });
    expect(fingerprint(file)).toEqual(before);
  });

  it('says that it is write-protected when a command would write, in German with the file named', () => {
    const { file, alive } = databaseWithPurgeDue();
    writeProtect(file);
    const result = cliProcess(path.dirname(file), ['set-stage', String(alive), 'invited', '--db', file]);
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      `Die Datenbank „${file}“ ist schreibgeschützt: Änderungen lassen sich nicht speichern. Bitte prüfen Sie die Zugriffsrechte der Datei und ihres Ordners.`,
    );
  });
});
