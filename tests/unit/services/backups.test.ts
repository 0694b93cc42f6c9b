import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupFileName, backupNoteOf, pruneBackups } from '../../../electron/db/backup';
import { openDatabase } from '../../../electron/db/open';
import { migrations } from '../../../electron/db/migrations';
import { backupFolder, backupNow, defaultBackupFolder, listBackupFiles } from '../../../electron/services/backups';
import { restoreBackup } from '../../../electron/services/restore-backup';
import { updateProfile } from '../../../electron/services/profile';
import { send } from '../../../electron/cli/command';
import { emptyContactEdit } from '../../../shared/model/contact-edit';
import { cli } from '../../helpers/cli';
import { completeProfile } from '../../helpers/profile';
import { testSession } from '../../helpers/session';
import { tempDatabasePath, tempDir } from '../../helpers/temp';

/** A database with `count` contacts, closed again. */
function databaseWith(count: number, file = tempDatabasePath()): string {
  const session = testSession(file);
  session.ctx.repos.contacts.insertMany(Array.from({ length: count }, (_, i) => ({ displayName: `Kontakt ${i + 1}` })));
  session.close();
  return file;
}

const contactsIn = (file: string): number => {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM contacts WHERE deleted_at IS NULL').pluck().get() as number;
  } finally {
    db.close();
  }
};

const hashOf = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('backups', () => {
  it('a backup made while another connection writes holds what was committed, and checks out whole', () => {
    const file = databaseWith(3);
    const session = testSession(file);
    const writer = new BetterSqlite3(file);
    writer.pragma('busy_timeout = 2000');
    // Another program in the middle of a write: its row is not committed yet.
    writer.exec('BEGIN IMMEDIATE');
    writer.prepare("INSERT INTO contacts (display_name, sort_name, search_text) VALUES ('Während', 'während', 'während')").run();
    const during = backupNow(session.ctx);
    writer.exec('COMMIT');
    const after = backupNow(session.ctx, { note: 'danach' });
    writer.close();
    expect(during.contacts).toBe(3);
    expect(after.contacts).toBe(4);
    const check = new BetterSqlite3(during.file, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(check.pragma('user_version', { simple: true })).toBe(migrations.length);
    check.close();
    // No half-written file is left beside them.
    expect(readdirSync(backupFolder(session.ctx)).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('backups are for this user only: the folder 0700, each file 0600', () => {
    const session = testSession(databaseWith(1));
    const made = backupNow(session.ctx);
    expect(statSync(backupFolder(session.ctx)).mode & 0o777).toBe(0o700);
    expect(statSync(made.file).mode & 0o777).toBe(0o600);
  });

  it('lists the backups newest first with their contacts, read from each file', () => {
    const session = testSession(databaseWith(2));
    backupNow(session.ctx, { now: new Date(2026, 11, 1, 9, 0, 0) });
    session.ctx.repos.contacts.insertMany([{ displayName: 'Neu' }]);
    backupNow(session.ctx, { now: new Date(2026, 11, 2, 9, 0, 0) });
    expect(listBackupFiles(session.ctx).map((backup) => [path.basename(backup.file), backup.contacts])).toEqual([
      ['Umzugshelfer-Sicherung-2026-12-02-090000.sqlite', 3],
      ['Umzugshelfer-Sicherung-2026-12-01-090000.sqlite', 2],
    ]);
  });

  it('keeps every backup of today (up to the limit) and the newest of each earlier day, for the days set', () => {
    const folder = tempDir();
    const now = new Date(2026, 11, 20, 12, 0, 0);
    const names = [
      ...[8, 9, 10, 11].map((hour) => backupFileName(new Date(2026, 11, 20, hour, 0, 0))),
      ...[18, 19].flatMap((day) => [9, 17].map((hour) => backupFileName(new Date(2026, 11, day, hour, 0, 0)))),
      backupFileName(new Date(2026, 11, 10, 9, 0, 0)),
      'notizen.txt',
    ];
    for (const name of names) writeFileSync(path.join(folder, name), '');
    pruneBackups(folder, { days: 3, perDay: 3 }, now);
    expect(readdirSync(folder).sort()).toEqual(
      [
        'Umzugshelfer-Sicherung-2026-12-18-170000.sqlite',
        'Umzugshelfer-Sicherung-2026-12-19-170000.sqlite',
        'Umzugshelfer-Sicherung-2026-12-20-090000.sqlite',
        'Umzugshelfer-Sicherung-2026-12-20-100000.sqlite',
        'Umzugshelfer-Sicherung-2026-12-20-110000.sqlite',
        'notizen.txt',
      ].sort(),
    );
  });
});

describe('restore', () => {
  it('puts a backup in place, having backed up the state before; restoring that undoes it', async () => {
    const file = databaseWith(2);
    const session = testSession(file);
    const two = backupNow(session.ctx);
    session.ctx.repos.contacts.insertMany([{ displayName: 'Dritter' }, { displayName: 'Vierter' }]);
    session.close();
    expect(contactsIn(file)).toBe(4);

    const restored = await cli('restore', two.file, '--db', file, '--json');
    expect(restored.code).toBe(0);
    const answer = JSON.parse(restored.out) as { restored: string; contacts: number; before: { file: string; contacts: number } };
    expect(answer).toMatchObject({ restored: two.file, contacts: 2, before: { contacts: 4 } });
    expect(contactsIn(file)).toBe(2);

    // Undo: the state before the restore comes back.
    expect((await cli('restore', answer.before.file, '--db', file, '--json')).code).toBe(0);
    expect(contactsIn(file)).toBe(4);
  });

  it('brings a backup of an older version up to date', async () => {
    const folder = tempDir();
    const older = path.join(folder, 'alt.sqlite');
    const opened = openDatabase(older, { migrations: migrations.slice(0, 5) });
    opened.db
      .prepare("INSERT INTO contacts (display_name, sort_name, search_text) VALUES ('Alte Kundin', 'alte kundin', 'alte kundin')")
      .run();
    opened.db.pragma('wal_checkpoint(TRUNCATE)');
    opened.db.close();
    const file = databaseWith(1);
    const result = await cli('restore', older, '--db', file, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ schemaVersion: migrations.length, contacts: 1 });
    const contacts = JSON.parse((await cli('contacts', '--db', file, '--json')).out) as { displayName: string }[];
    expect(contacts.map((contact) => contact.displayName)).toEqual(['Alte Kundin']);
  });

  it('refuses a backup from a newer version, and a broken one; the database stays as it was', async () => {
    const file = databaseWith(3);
    const session = testSession(file);
    const newer = backupNow(session.ctx).file;
    session.close();
    const raise = new BetterSqlite3(newer);
    raise.pragma(`user_version = ${migrations.length + 1}`);
    raise.close();
    const broken = path.join(tempDir(), 'kaputt.sqlite');
    writeFileSync(broken, Buffer.concat([readFileSync(newer).subarray(0, 4096), Buffer.alloc(4096, 0xff)]));
    const notADatabase = path.join(tempDir(), 'liste.sqlite');
    writeFileSync(notADatabase, 'Name;Handy\nAnna;0170 1234567\n');
    const before = hashOf(file);
    const backupsBefore = readdirSync(path.join(path.dirname(file), 'Sicherungen')).length;

    const tooNew = await cli('restore', newer, '--db', file);
    expect(tooNew.code).not.toBe(0);
    expect(tooNew.err).toMatch(/neueren Version von Umzugshelfer/);
    for (const bad of [broken, notADatabase]) {
      const refused = await cli('restore', bad, '--db', file);
      expect(refused.code).not.toBe(0);
      expect(refused.err).toMatch(/beschädigt oder keine Umzugshelfer-Datenbank/);
      expect(refused.err).toContain(bad);
    }
    expect(hashOf(file)).toBe(before);
    expect(contactsIn(file)).toBe(3);
    // Nothing was backed up for a restore that never happened.
    expect(readdirSync(path.join(path.dirname(file), 'Sicherungen'))).toHaveLength(backupsBefore);
    expect(existsSync(`${file}.restore-part`)).toBe(false);
  });

  it('refuses while another program has the database open (the app, idle), and changes nothing', async () => {
    const file = databaseWith(3);
    const session = testSession(file);
    const two = backupNow(session.ctx);
    session.ctx.repos.contacts.insertMany([{ displayName: 'Vierter' }]);
    session.close();
    // The desktop app or `npm run serve`, open between two requests.
    const app = openDatabase(file);
    try {
      const refused = await cli('restore', two.file, '--db', file);
      expect(refused.code).not.toBe(0);
      expect(refused.err).toMatch(/noch in einem anderen Programm geöffnet/);
      // Refused before anything was backed up or copied.
      expect(readdirSync(defaultBackupFolder(file)).filter((name) => name.includes('vor-Wiederherstellung'))).toEqual([]);
      expect(existsSync(`${file}.restore-part`)).toBe(false);
      expect(app.db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(4);
    } finally {
      app.db.close();
    }
    expect(contactsIn(file)).toBe(4);
    // Once it is closed, the restore goes through.
    expect((await cli('restore', two.file, '--db', file)).code).toBe(0);
    expect(contactsIn(file)).toBe(3);
  });

  it('restores what a backup holds in its write-ahead log too, and the backup chosen even when it is the oldest kept', async () => {
    // A database copied while its program still had rows only in the -wal beside it.
    const source = path.join(tempDir(), 'mit-wal.sqlite');
    const writer = openDatabase(source);
    writer.db.pragma('wal_autocheckpoint = 0');
    writer.db
      .prepare("INSERT INTO contacts (display_name, sort_name, search_text) VALUES ('Nur im Log', 'nur im log', 'nur im log')")
      .run();
    expect(statSync(`${source}-wal`).size).toBeGreaterThan(0);
    const file = databaseWith(1);
    const restored = await cli('restore', source, '--db', file, '--json');
    writer.db.close();
    expect(restored.code).toBe(0);
    expect(contactsIn(file)).toBe(1);
    const names = JSON.parse((await cli('contacts', '--db', file, '--json')).out) as { displayName: string }[];
    expect(names.map((contact) => contact.displayName)).toEqual(['Nur im Log']);

    // Today's backups at the limit: the backup of the state before would thin out the oldest, the one chosen.
    const full = databaseWith(2);
    const session = testSession(full);
    const oldest = backupNow(session.ctx, { note: 'aelteste' });
    for (let i = 0; i < 9; i += 1) backupNow(session.ctx);
    session.ctx.repos.contacts.insertMany([{ displayName: 'Danach' }]);
    session.close();
    expect((await cli('restore', oldest.file, '--db', full)).code).toBe(0);
    expect(contactsIn(full)).toBe(2);
  });

  it('`backup --out` never overwrites a file, and names the folder it cannot write to', async () => {
    const file = databaseWith(2);
    const existing = path.join(tempDir(), 'schon-da.sqlite');
    writeFileSync(existing, 'wichtig');
    expect(await cli('backup', '--out', existing, '--db', file)).toMatchObject({ code: 2, err: expect.stringMatching(/gibt es schon/) });
    expect(readFileSync(existing, 'utf8')).toBe('wichtig');
    const nowhere = path.join(tempDir(), 'fehlt', 'sicherung.sqlite');
    const refused = await cli('backup', '--out', nowhere, '--db', file);
    expect(refused).toMatchObject({ code: 2, err: expect.stringContaining(path.dirname(nowhere)) });
    expect(refused.err).toMatch(/Die Sicherung ließ sich nicht schreiben/);
    const made = await cli('backup', '--out', path.join(path.dirname(existing), 'neu.sqlite'), '--db', file, '--json');
    expect(JSON.parse(made.out)).toMatchObject({ contacts: 2 });
  });

  it('keeps a person erased on request erased when a backup from before the erasure is restored', async () => {
    const file = databaseWith(3);
    const session = testSession(file);
    const before = backupNow(session.ctx);
    session.close();
    expect((await cli('erase', '2', '--db', file)).code).toBe(0);
    const historyOf2 = (db: BetterSqlite3.Database) => db.prepare('SELECT at, kind, before, after FROM history WHERE contact_id = 2').all();
    const erasedBefore = new BetterSqlite3(file, { readonly: true });
    const historyBefore = historyOf2(erasedBefore);
    erasedBefore.close();
    const restored = await cli('restore', before.file, '--db', file, '--json');
    expect(JSON.parse(restored.out)).toMatchObject({ contacts: 2, erasedAgain: 1 });
    const names = JSON.parse((await cli('contacts', '--db', file, '--json')).out) as { displayName: string }[];
    expect(names.map((contact) => contact.displayName).sort()).toEqual(['Kontakt 1', 'Kontakt 3']);
    const check = new BetterSqlite3(file, { readonly: true });
    expect(check.prepare("SELECT count(*) FROM contacts WHERE display_name = 'Kontakt 2'").pluck().get()).toBe(0);
    // Its history is the one it had: erased on the day it was, not on the day of the restore.
    expect(historyOf2(check)).toEqual(historyBefore);
    check.close();
    // Erased in the copy before it replaced the database: no half-restored file is ever in its place.
    expect(existsSync(`${file}.restore-part`)).toBe(false);
  });

  it('keeps where backups go and the access reports answered across a restore, so the backup of before stays listed', async () => {
    const file = databaseWith(2);
    const session = testSession(file, 'browser');
    const older = backupNow(session.ctx);
    const stick = path.join(tempDir(), 'Stick');
    await send(session, 'settings.update', { backupFolder: stick, backupDays: 20 });
    await send(session, 'contacts.accessReport', { id: 1, format: 'json' });
    const restored = restoreBackup(session.ctx, older.file);
    expect(path.dirname(restored.before.file)).toBe(stick);
    expect(await send(session, 'settings.get', {})).toMatchObject({ backupFolder: stick, backupDays: 20 });
    const listed = await send(session, 'backups.list', {});
    expect(listed.backups.map((backup) => backup.file)).toContain(restored.before.file);
    expect((await send(session, 'report.get', {})).accessRequests.answered).toBe(1);
  });

  it('`restore <id>` still brings a contact back from the bin, as `undelete <id>` does', async () => {
    const file = databaseWith(2);
    expect((await cli('delete', '1', '--db', file)).code).toBe(0);
    expect((await cli('restore', '1', '--db', file, '--json')).out).toBe(JSON.stringify({ id: 1, restored: true }));
    expect((await cli('delete', '2', '--db', file)).code).toBe(0);
    expect((await cli('undelete', '2', '--db', file, '--json')).out).toBe(JSON.stringify({ id: 2, restored: true }));
  });
});

describe('automatic backups', () => {
  const backupsBeside = (file: string) => {
    const folder = path.join(path.dirname(file), 'Sicherungen');
    return existsSync(folder) ? readdirSync(folder).sort() : [];
  };

  it('before an import: the state before it, none while the database never held a contact', async () => {
    const folder = tempDir();
    const csv = path.join(folder, 'kunden.csv');
    writeFileSync(csv, 'Name;Handy\nAnna Berg;0170 1234567\n');
    const empty = tempDatabasePath();
    expect((await cli('import', csv, '--db', empty, '--json')).code).toBe(0);
    expect(backupsBeside(empty)).toEqual([]);

    const file = databaseWith(2);
    expect((await cli('import', csv, '--db', file, '--json')).code).toBe(0);
    const [before] = backupsBeside(file);
    expect(before).toMatch(/^Umzugshelfer-Sicherung-\d{4}-\d{2}-\d{2}-\d{6}-vor-Import\.sqlite$/);
    expect(contactsIn(path.join(path.dirname(file), 'Sicherungen', before!))).toBe(2);
    expect(contactsIn(file)).toBe(3);
  });

  it('before several contacts go to the bin at once; a backup that cannot be written stops the delete', async () => {
    const file = databaseWith(3);
    const session = testSession(file);
    const deleted = await session.dispatch('contacts.bulk', { selection: { ids: [1, 2] }, action: { kind: 'delete' } });
    expect(deleted.ok).toBe(true);
    expect(backupsBeside(file).filter((name) => name.endsWith('-vor-Loeschen.sqlite'))).toHaveLength(1);
    session.close();

    // The backup folder cannot be made (a file stands where it belongs): the delete is refused, nothing changes.
    const other = databaseWith(3);
    writeFileSync(path.join(path.dirname(other), 'Sicherungen'), '');
    const blocked = testSession(other);
    const refused = await blocked.dispatch('contacts.bulk', { selection: { ids: [1, 2] }, action: { kind: 'delete' } });
    expect(refused).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/Die Sicherung ließ sich nicht schreiben/) },
    });
    expect(blocked.ctx.repos.contacts.count()).toBe(3);
  });

  it('once a day when the app opens (desktop app, npm run serve), not for each command of the CLI', () => {
    const file = databaseWith(2);
    expect(backupsBeside(file)).toEqual([]);
    testSession(file, 'browser').close();
    expect(backupsBeside(file)).toHaveLength(1);
    testSession(file, 'desktop').close();
    testSession(file, 'cli').close();
    expect(backupsBeside(file)).toHaveLength(1);
  });
});

describe('backups in the app (Einstellungen → Sicherung)', () => {
  it('removes a copy a killed restore left beside the database when it is an hour old, not a fresh one', () => {
    const file = databaseWith(1);
    const part = `${file}.restore-part`;
    writeFileSync(part, 'Kopie');
    testSession(file).close();
    expect(existsSync(part)).toBe(true);
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(part, old, old);
    testSession(file).close();
    expect(existsSync(part)).toBe(false);
  });

  it('when the database cannot be opened again after a restore, every request says so instead of failing on a closed file', async () => {
    const file = databaseWith(1);
    const session = testSession(file, 'browser');
    // The file taken away while the session had let go of it (a folder in its place).
    session.ctx.reopenDatabase(() => {
      for (const companion of ['', '-wal', '-shm']) rmSync(`${file}${companion}`, { force: true });
      mkdirSync(file);
    });
    const answer = await session.dispatch('contacts.count', {});
    expect(answer).toMatchObject({ ok: false, error: { message: expect.stringContaining(file) } });
    expect(JSON.stringify(answer)).not.toMatch(/SQLITE_|not open|closed/);
  });

  it('keeps one queue of write turns across a restore: a write waiting behind it runs after it, on the new file', async () => {
    const file = databaseWith(1);
    const session = testSession(file, 'browser');
    const made = backupNow(session.ctx);
    session.ctx.repos.contacts.insertMany([{ displayName: 'Zweiter' }]);
    const turnsBefore = session.ctx.repos.writeTurns;
    const restoring = session.dispatch('backups.restore', { file: made.file });
    const waiting = session.dispatch('contacts.create', { edit: { ...emptyContactEdit, displayName: 'Nach der Wiederherstellung' } });
    expect((await restoring).ok).toBe(true);
    expect((await waiting).ok).toBe(true);
    expect(session.ctx.repos.writeTurns).toBe(turnsBefore);
    expect(contactsIn(file)).toBe(2);
  });

  it('lists two backups of the same second by when they were written (by hand, then before an import)', () => {
    const session = testSession(databaseWith(1));
    const at = new Date(2026, 11, 4, 9, 30, 0);
    const byHand = backupNow(session.ctx, { now: at });
    const beforeImport = backupNow(session.ctx, { note: 'vor-Import', now: at });
    utimesSync(byHand.file, at, at);
    utimesSync(beforeImport.file, new Date(at.getTime() + 400), new Date(at.getTime() + 400));
    expect(listBackupFiles(session.ctx).map((backup) => backup.note)).toEqual(['vor-Import', '']);
  });

  it("reads the occasion from a backup's name, also from a second backup of the same second", () => {
    const at = new Date(2026, 11, 4, 9, 30, 0);
    expect(backupNoteOf(backupFileName(at))).toBe('');
    expect(backupNoteOf(backupFileName(at, 'vor-Import'))).toBe('vor-Import');
    expect(backupNoteOf(backupFileName(at).replace(/\.sqlite$/, '-2.sqlite'))).toBe('');
    expect(backupNoteOf(backupFileName(at, 'vor-Wiederherstellung').replace(/\.sqlite$/, '-3.sqlite'))).toBe('vor-Wiederherstellung');
  });

  it('restores in the running session: the same session reads the restored file, and its backup of before undoes it', async () => {
    const file = databaseWith(2);
    const session = testSession(file, 'browser');
    const made = await send(session, 'backups.create', {});
    expect(made).toMatchObject({ contacts: 2, note: '' });
    session.ctx.repos.contacts.insertMany([{ displayName: 'Nach der Sicherung' }]);

    const restored = await send(session, 'backups.restore', { file: made.file });
    expect(restored).toMatchObject({ contacts: 2, before: { contacts: 3, note: 'vor-Wiederherstellung' } });
    // No new session: the adapters keep dispatching to this one, which now reads the restored file.
    expect(session.ctx.repos.contacts.count()).toBe(2);
    const listed = await send(session, 'backups.list', {});
    expect(listed.backups.map((backup) => backup.note)).toContain('vor-Wiederherstellung');

    const undone = await session.dispatch('backups.restore', { file: restored.before.file });
    expect(undone.ok).toBe(true);
    expect(session.ctx.repos.contacts.count()).toBe(3);
    expect(session.ctx.repos.contacts.byIds([3]).get(3)?.displayName).toBe('Nach der Sicherung');
  });

  it('restores only a backup from the backup folder, and goes on with the old file when a restore is refused', async () => {
    const file = databaseWith(2);
    const session = testSession(file, 'browser');
    const elsewhere = path.join(tempDir(), 'Umzugshelfer-Sicherung-2026-12-01-090000.sqlite');
    session.ctx.repos.backupInto(elsewhere);
    const outside = await session.dispatch('backups.restore', { file: elsewhere });
    expect(outside).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const notABackup = await session.dispatch('backups.restore', { file });
    expect(notABackup).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const made = backupNow(session.ctx);
    session.ctx.repos.contacts.insertMany([{ displayName: 'Dritter' }]);
    // Another program has the database open: refused, and this session still works on the same file.
    const other = openDatabase(file);
    try {
      const refused = await session.dispatch('backups.restore', { file: made.file });
      expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/noch in einem anderen Programm geöffnet/) } });
    } finally {
      other.db.close();
    }
    expect(session.ctx.repos.contacts.count()).toBe(3);
    session.ctx.repos.contacts.insertMany([{ displayName: 'Vierter' }]);
    expect(contactsIn(file)).toBe(4);
  });

  it('goes to the folder chosen in the settings, kept as long as they say; a relative or unwritable folder is refused', async () => {
    const file = databaseWith(1);
    const session = testSession(file, 'browser');
    const stick = path.join(tempDir(), 'USB-Stick', 'Umzugshelfer');
    const chosen = await session.dispatch('settings.update', { backupFolder: stick, backupsPerDay: 2 });
    expect(chosen.ok).toBe(true);
    expect(statSync(stick).mode & 0o777).toBe(0o700);
    for (let i = 0; i < 3; i += 1) backupNow(session.ctx, { now: new Date(2026, 11, 4, 10, 0, i) });
    expect(readdirSync(stick).filter((name) => backupFileName(new Date(2026, 11, 4), '').slice(0, 33) === name.slice(0, 33))).toHaveLength(
      2,
    );
    const listed = await session.dispatch('backups.list', {});
    expect(listed).toMatchObject({ ok: true, value: { folder: stick, defaultFolder: defaultBackupFolder(file) } });

    const relative = await session.dispatch('settings.update', { backupFolder: 'Sicherungen' });
    expect(relative).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/kein vollständiger Ordnerpfad/) },
    });
    const blocker = path.join(tempDir(), 'eine-datei');
    writeFileSync(blocker, '');
    const unwritable = await session.dispatch('settings.update', { backupFolder: path.join(blocker, 'Sicherungen') });
    expect(unwritable).toMatchObject({ ok: false, error: { message: expect.stringContaining(blocker) } });
    // Nothing of a refused change is stored.
    expect(backupFolder(session.ctx)).toBe(stick);
    expect((await send(session, 'backups.list', {})).folderReachable).toBe(true);
    // The stick unplugged: the other settings (saved with the folder unchanged, as the form sends them) still save.
    rmSync(path.dirname(stick), { recursive: true });
    const language = await session.dispatch('settings.update', { backupFolder: stick, language: 'en' });
    expect(language).toMatchObject({ ok: true, value: { language: 'en' } });
    // … and the list says the folder is not there, for the overview's warning; "Jetzt sichern" says so with the folder.
    expect((await send(session, 'backups.list', {})).folderReachable).toBe(false);
    mkdirSync(path.dirname(path.dirname(stick)), { recursive: true });
    writeFileSync(path.dirname(stick), 'kein Ordner');
    expect(await session.dispatch('backups.create', {})).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/could not be written.*USB stick, is it plugged in/) },
    });
  });

  it('refuses to restore while letters are being printed from the database, and goes ahead once they are done', async () => {
    const session = testSession(tempDatabasePath(), 'browser');
    updateProfile(session.ctx, completeProfile);
    const id = session.ctx.repos.contacts.insert({
      displayName: 'Anna Berg',
      familyName: 'Berg',
      addresses: [{ street: 'Hauptstraße 5', postalCode: '34119', city: 'Kassel', country: null, region: null, label: null }],
    });
    const made = backupNow(session.ctx);
    // A printer that has not finished yet: the job is still reading pages from the database.
    let release: () => void = () => undefined;
    const printing = new Promise<void>((resolve) => (release = resolve));
    const openPrinter = session.ctx.openPrinter;
    session.ctx.openPrinter = async () => {
      await printing;
      return openPrinter();
    };
    const { jobId } = await send(session, 'letters.start', { selection: { ids: [id] } });
    const refused = await session.dispatch('backups.restore', { file: made.file });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/Briefe/) } });
    release();
    while ((await send(session, 'letters.status', { jobId })).state === 'running') await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await session.dispatch('backups.restore', { file: made.file })).ok).toBe(true);
  }, 60_000);
});
