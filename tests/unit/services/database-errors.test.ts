import BetterSqlite3 from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase, openScratchDatabase } from '../../../electron/db/open';
import { bufferSource } from '../../../electron/importers/source';
import { createSessionContext } from '../../../electron/services/session';
import { createDispatcher } from '../../../electron/services/dispatch';
import { databaseError } from '../../../electron/db/errors';
import { analyseFile } from '../../../electron/services/import-analysis';
import { describeError } from '../../../electron/services/session';
import { tempDatabasePath } from '../../helpers/temp';

const file = '/daten/umzug.sqlite';
const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { code });

/** A dispatcher over a connection the test can tune (page limit, busy wait), with a log that must stay silent. */
function dispatcherOver(path: string) {
  const opened = openDatabase(path);
  const log = vi.fn();
  const ctx = createSessionContext(opened, 'cli');
  return { db: opened.db, ctx, dispatch: createDispatcher(ctx, log), log, close: () => opened.db.close() };
}

describe('database errors reach the user in German, naming the file', () => {
  it.each([
    ['SQLITE_CORRUPT', 'database disk image is malformed', 'database_unreadable', `Die Datenbank „${file}“ ist beschädigt`],
    ['SQLITE_NOTADB', 'file is not a database', 'database_unreadable', `Die Datenbank „${file}“ ist beschädigt`],
    ['SQLITE_READONLY', 'attempt to write a readonly database', 'database_read_only', `Die Datenbank „${file}“ ist schreibgeschützt`],
    [
      'SQLITE_READONLY_DIRECTORY',
      'attempt to write a readonly database',
      'database_read_only',
      `Die Datenbank „${file}“ ist schreibgeschützt`,
    ],
    // A full disk is not produced here (a tmpfs needs root): the mapping is tested with SQLite's code,
    // and the dispatch test below makes SQLite itself answer SQLITE_FULL.
    ['SQLITE_FULL', 'database or disk is full', 'disk_full', 'Der Datenträger ist voll'],
    ['SQLITE_BUSY', 'database is locked', 'database_busy', `Die Datenbank „${file}“ ist gerade gesperrt`],
    ['SQLITE_LOCKED', 'database table is locked', 'database_busy', `Die Datenbank „${file}“ ist gerade gesperrt`],
    ['SQLITE_CANTOPEN', 'unable to open database file', 'database_unavailable', `Die Datenbank „${file}“ lässt sich nicht öffnen`],
    ['SQLITE_IOERR_WRITE', 'disk I/O error', 'database_unavailable', `Datenbank „${file}“ einen Fehler`],
  ])('%s', (code, raw, appCode, words) => {
    const error = sqliteError(code, raw);
    expect(databaseError(error, file)).toMatchObject({ code: appCode });
    const message = describeError(error, file);
    expect(message).toContain(words);
    expect(message).not.toContain(raw);
  });

  it('an SQLite failure that means a defect is no message of SQLite either', () => {
    expect(databaseError(sqliteError('SQLITE_ERROR', 'no such column: x'), file)).toBeNull();
    expect(describeError(sqliteError('SQLITE_ERROR', 'no such column: x'), file)).toBe(
      'Ein unerwarteter Fehler ist aufgetreten. Ihre Daten sind unverändert. Bitte versuchen Sie es noch einmal.',
    );
  });

  it('a full database through dispatch (SQLite itself answers SQLITE_FULL at its page limit)', async () => {
    const path = tempDatabasePath();
    const { db, ctx, dispatch, log, close } = dispatcherOver(path);
    const id = ctx.repos.contacts.insert({
      displayName: 'Anna Berg',
      phones: [{ e164: '+491701234567', raw: '0170 1234567', label: null, kind: 'mobile' }],
    });
    // The file may not grow by a single page: the scan of a consent needs about 50.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const scan = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200_000, 0x20)]).toString('base64');
    const full = await dispatch('consents.record', {
      contactId: id,
      purposes: ['appointments'],
      givenAt: '2026-11-20',
      textVersion: 'EW-1',
      method: 'signed_letter',
      evidence: { kind: 'scan', fileName: 'scan.pdf', data: scan },
    });
    close();
    expect(full).toEqual({
      ok: false,
      error: { code: 'disk_full', message: expect.stringContaining(`Der Datenträger ist voll: In der Datenbank „${path}“`) },
    });
    expect(log).not.toHaveBeenCalled();
  });

  it('a locked database and a corrupt one through dispatch', async () => {
    const path = tempDatabasePath();
    const { db, dispatch, log, close } = dispatcherOver(path);
    db.pragma('busy_timeout = 0');
    const other = new BetterSqlite3(path);
    other.exec('BEGIN IMMEDIATE');
    const locked = await dispatch('settings.update', { defaultRegion: 'AT' });
    other.exec('ROLLBACK');
    other.close();
    expect(locked).toEqual({
      ok: false,
      error: { code: 'database_busy', message: expect.stringContaining(`Die Datenbank „${path}“ ist gerade gesperrt`) },
    });

    db.prepare('INSERT INTO contacts (display_name, note) SELECT ?, ? FROM json_each(?)').run(
      'Füllkontakt',
      'x'.repeat(400),
      JSON.stringify(Array.from({ length: 800 }, (_, i) => i)),
    );
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const contactPages = db.prepare<[], number>("SELECT pageno FROM dbstat WHERE name = 'contacts' AND pagetype = 'leaf'").pluck().all();
    close();
    // The contacts' pages broken (a bad sector, a half-copied backup); the schema still reads, so it opens.
    const bytes = readFileSync(path);
    for (const page of contactPages) bytes.fill(0xab, (page - 1) * pageSize, page * pageSize);
    writeFileSync(path, bytes);
    const reopened = dispatcherOver(path);
    const corrupt = await reopened.dispatch('contacts.list', { offset: 0, limit: 50, search: '', sort: 'name', descending: false });
    reopened.close();
    expect(reopened.log).not.toHaveBeenCalled();
    expect(corrupt).toEqual({
      ok: false,
      error: { code: 'database_unreadable', message: expect.stringContaining(`Die Datenbank „${path}“ ist beschädigt`) },
    });
    expect(log).not.toHaveBeenCalled();
  });
});

/**
 * A staging store whose scratch database may not grow beyond its first pages: SQLite itself answers
 * SQLITE_FULL, as when the system's temp folder (where the scratch database spills) is full.
 */
function contextWithFullTempSpace(path: string) {
  const opened = openDatabase(path);
  const openScratch = () => {
    const scratch = openScratchDatabase();
    scratch.pragma('max_page_count = 3');
    return scratch;
  };
  return { ctx: createSessionContext({ ...opened, openScratch }, 'cli'), close: () => opened.db.close() };
}

const manyContacts = Buffer.from(
  Array.from(
    { length: 300 },
    (_, i) =>
      `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kundin ${i}\r\nTEL;TYPE=CELL:0170 ${String(1000000 + i)}\r\nNOTE:${'Notiz '.repeat(20)}\r\nEND:VCARD\r\n`,
  ).join(''),
  'utf8',
);

describe('the staging store of an import is not the database', () => {
  it('no room for it in the temp folder is said as such, not as a full or broken database (CLI and dispatch)', async () => {
    const path = tempDatabasePath();
    const { ctx, close } = contextWithFullTempSpace(path);
    const failure = await analyseFile(ctx, bufferSource('Kunden.vcf', manyContacts)).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 'disk_full', messageKey: 'import.errors.tempSpace' });
    // What the CLI prints (describeError) and what dispatch answers (databaseError) for it.
    const message = describeError(failure, path);
    expect(message).toBe(
      `Für den Import fehlt vorübergehender Speicherplatz auf diesem Computer: Der Ordner für temporäre Dateien („${tmpdir()}“) ist voll oder nicht beschreibbar. Ihre Datenbank ist davon nicht betroffen, es wurde nichts importiert. Bitte schaffen Sie auf diesem Laufwerk Platz und versuchen Sie es noch einmal.`,
    );
    expect(message).not.toContain(path);
    expect(databaseError(failure, path)).toMatchObject({ code: 'disk_full', messageKey: 'import.errors.tempSpace' });
    close();
  });

  it('an import in the app (a background job) reports it in the same words', async () => {
    const path = tempDatabasePath();
    const { ctx, close } = contextWithFullTempSpace(path);
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const job = ctx.importJobs.begin([{ name: 'Kunden.vcf', size: manyContacts.length }]);
    await ctx.importJobs.upload(job.jobId, 0, 0, manyContacts);
    ctx.importJobs.analyse(ctx, job.jobId);
    await vi.waitFor(() => expect(ctx.importJobs.status(ctx, job.jobId).state).toBe('failed'), { timeout: 20_000, interval: 20 });
    const status = ctx.importJobs.status(ctx, job.jobId);
    expect(status.error).toMatch(/^Für den Import fehlt vorübergehender Speicherplatz auf diesem Computer/);
    // A problem the office can act on, no defect for the log.
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
    ctx.importJobs.closeAll();
    close();
  });
});
