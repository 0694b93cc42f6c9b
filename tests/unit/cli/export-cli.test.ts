import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../electron/importers/source';
import { recordConsent } from '../../../electron/services/consents';
import { analyseFile } from '../../../electron/services/import-analysis';
import { commitAnalyses } from '../../../electron/services/import-commit';
import { cli, withoutLocale } from '../../helpers/cli';
import { testSession } from '../../helpers/session';
import { tempDatabasePath, tempDir } from '../../helpers/temp';

const mobile = (e164: string, raw: string) => [{ e164, raw, label: null, kind: 'mobile' as const }];

/** Three contacts, one of them with a valid consent. */
function seeded(): { db: string; consented: number; other: number } {
  const db = tempDatabasePath();
  const session = testSession(db);
  const { contacts } = session.ctx.repos;
  const consented = contacts.insert({
    displayName: 'Anna Schmidt',
    givenName: 'Anna',
    familyName: 'Schmidt',
    phones: mobile('+491701234567', '+49 170 1234567'),
  });
  const other = contacts.insert({
    displayName: 'Jürgen Müller',
    givenName: 'Jürgen',
    familyName: 'Müller',
    phones: mobile('+491702222222', '0170 2222222'),
  });
  contacts.insert({ displayName: '=1+1 Test', givenName: '=1+1', familyName: 'Test', phones: mobile('+491703333333', '0170 3333333') });
  recordConsent(session.ctx, consented, {
    purposes: ['appointments'],
    givenAt: '2026-11-01',
    textVersion: 'EW-1',
    method: 'signed_letter',
    evidence: { kind: 'note', note: 'Formular liegt im Ordner' },
  });
  return { db, consented, other };
}

describe('CLI export', () => {
  it('`export --format csv --stage consent_given --json` writes only those contacts, private to the user', async () => {
    const { db } = seeded();
    const out = path.join(tempDir(), 'einwilligungen.csv');
    const result = await cli('export', '--db', db, '--format', 'csv', '--out', out, '--stage', 'consent_given', '--json');
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(result.out)).toEqual({ file: out, format: 'csv', count: 1 });
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\ufeffGeschlecht;Titel;Vorname;Nachname')).toBe(true);
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(";Anna;Schmidt;;;;'+49 170 1234567;");
    expect(lines[1]).toContain(';Einwilligung erteilt;WhatsApp mit Einwilligung;Terminabsprachen;01.11.2026;EW-1;');
    if (process.platform !== 'win32') expect(statSync(out).mode & 0o077).toBe(0);
  });

  it('`export --format xlsx` writes every contact; the file is a workbook the importer reads back', async () => {
    const { db } = seeded();
    const out = path.join(tempDir(), 'kontakte.xlsx');
    const result = await cli('export', '--db', db, '--format', 'xlsx', '--out', out);
    expect(result.code).toBe(0);
    expect(result.out).toBe(`3 Kontakte exportiert: ${out}`);
    const files = unzipSync(new Uint8Array(readFileSync(out)));
    expect(strFromU8(files['xl/worksheets/sheet1.xml']!)).not.toMatch(/<f[\s>]/);
    const fresh = testSession();
    const analysis = await analyseFile(fresh.ctx, bufferSource('kontakte.xlsx', readFileSync(out)));
    commitAnalyses(fresh.ctx, [analysis]);
    expect(
      fresh.ctx.repos.contacts
        .all()
        .map((c) => [c.givenName, c.familyName, c.phones[0]!.e164])
        .sort(),
    ).toEqual([
      ['=1+1', 'Test', '+491703333333'],
      ['Anna', 'Schmidt', '+491701234567'],
      ['Jürgen', 'Müller', '+491702222222'],
    ]);
  });

  it('as a process of its own (the bundle the app ships): stdout the JSON, stderr empty (no warning of a library)', () => {
    const { db } = seeded();
    const out = path.join(tempDir(), 'kontakte.xlsx');
    const run = spawnSync(
      process.execPath,
      [process.env.UMZUGSHELFER_TEST_CLI!, 'export', '--db', db, '--format', 'xlsx', '--out', out, '--json'],
      { encoding: 'utf8', env: withoutLocale() },
    );
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({ file: out, format: 'xlsx', count: 3 });
  });

  it('`--ids` exports those contacts; the database is only read (a write-protected file answers)', async () => {
    const { db, other } = seeded();
    if (process.platform !== 'win32') chmodSync(db, 0o444);
    const out = path.join(tempDir(), 'auswahl.csv');
    const result = await cli('export', '--db', db, '--format', 'csv', '--out', out, '--ids', String(other), '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out).count).toBe(1);
    expect(readFileSync(out, 'utf8')).toContain(';Jürgen;Müller;');
  });

  it('refuses a missing --format or --out, an unknown format or stage (exit 2, naming the field), and writes nothing', async () => {
    const { db } = seeded();
    const out = path.join(tempDir(), 'nichts.csv');
    expect(await cli('export', '--db', db, '--out', out)).toMatchObject({ code: 2, err: expect.stringContaining('--format xlsx') });
    expect(await cli('export', '--db', db, '--format', 'csv')).toMatchObject({ code: 2, err: expect.stringContaining('--out') });
    expect(await cli('export', '--db', db, '--format', 'ods', '--out', out)).toMatchObject({
      code: 2,
      err: expect.stringContaining('format'),
    });
    expect(await cli('export', '--db', db, '--format', 'csv', '--out', out, '--stage', 'erledigt')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--stage: „erledigt“ wird nicht unterstützt (new, invited,'),
    });
    expect(() => statSync(out)).toThrow();
  });
});
