import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { backupNow } from '../../../electron/services/backups';
import { recordConsent, withdrawConsent } from '../../../electron/services/consents';
import { updateProfile } from '../../../electron/services/profile';
import { setStage } from '../../../electron/services/tracking';
import { accessReportSchema } from '../../../shared/access-report/schema';
import { formatDate, localDate } from '../../../shared/local-date';
import { cli } from '../../helpers/cli';
import { pdftotext } from '../../helpers/pdf';
import { completeProfile } from '../../helpers/profile';
import { testSession } from '../../helpers/session';
import { tempDatabasePath, tempDir } from '../../helpers/temp';

/** Anna Berg invited, consented with a scan and withdrawn again; Carla Nowak beside her. */
function databaseWithWithdrawal(): { file: string; anna: number; carla: number } {
  const file = tempDatabasePath();
  const session = testSession(file);
  const { ctx } = session;
  updateProfile(ctx, completeProfile);
  const [anna, carla] = ctx.repos.contacts.insertMany([
    {
      displayName: 'Anna Berg',
      givenName: 'Anna',
      familyName: 'Berg',
      phones: [{ e164: '+491701234567', raw: '0170 1234567', label: null, kind: 'mobile' }],
    },
    { displayName: 'Carla Nowak', phones: [{ e164: '+491709876543', raw: '0170 9876543', label: null, kind: 'mobile' }] },
  ]);
  setStage(ctx, anna!, { stage: 'invited', channel: 'sms', date: '2026-11-02' });
  recordConsent(ctx, anna!, {
    purposes: ['appointments'],
    givenAt: '2026-11-03',
    textVersion: 'EW-1',
    method: 'signed_letter',
    evidence: { kind: 'scan', fileName: 'Einwilligung Berg.pdf', data: Buffer.from('%PDF-1.4\n% Berg\n%%EOF\n') },
  });
  withdrawConsent(ctx, anna!, { purposes: ['appointments'], date: '2026-11-20' });
  session.close();
  return { file, anna: anna!, carla: carla! };
}

describe('CLI: access-report', () => {
  it('writes the PDF and, with --json, the same data as JSON beside it and on stdout', async () => {
    const { file, anna } = databaseWithWithdrawal();
    const out = path.join(tempDir(), 'Auskunft Anna.pdf');
    const result = await cli('access-report', String(anna), '--out', out, '--db', file, '--json');
    expect(result).toMatchObject({ code: 0, err: '' });
    const answer = JSON.parse(result.out);
    expect(answer).toMatchObject({ id: anna, file: out, jsonFile: out.replace(/\.pdf$/, '.json') });
    expect(accessReportSchema.parse(answer.report).contact.displayName).toBe('Anna Berg');
    expect(JSON.parse(readFileSync(answer.jsonFile, 'utf8'))).toEqual(answer.report);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdftotext(out).replace(/\s+/g, ' ');
    expect(text).toContain('Anna Berg');
    expect(text).toContain('0170 1234567');
    expect(text).toContain('Einwilligung widerrufen');
    expect(text).not.toContain('Nowak');
    expect(text).not.toContain('9876543');

    const plain = path.join(tempDir(), 'a.pdf');
    expect(await cli('access-report', String(anna), '--out', plain, '--db', file)).toMatchObject({
      code: 0,
      out: `Die Auskunft steht in „${plain}“.`,
    });
    expect(existsSync(plain.replace(/\.pdf$/, '.json'))).toBe(false);
  });

  it('refuses without --out, and a contact that does not exist', async () => {
    const { file, anna } = databaseWithWithdrawal();
    expect(await cli('access-report', String(anna), '--db', file)).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^Wohin\? --out <datei\.pdf> fehlt\./),
    });
    expect(await cli('access-report', '999', '--out', path.join(tempDir(), 'x.pdf'), '--db', file)).toMatchObject({
      code: 2,
      err: 'Diesen Kontakt gibt es nicht (mehr).',
    });
  });
});

describe('CLI: erase with --keep-evidence', () => {
  it('keeps the scan of the withdrawn consent until the end of the limitation period and says until when', async () => {
    const { file, anna } = databaseWithWithdrawal();
    const kept = await cli('erase', String(anna), '--keep-evidence', '--db', file, '--json');
    expect(kept.code).toBe(0);
    expect(JSON.parse(kept.out)).toEqual({
      id: anna,
      erased: true,
      erasedOn: localDate(new Date()),
      alsoErased: [],
      scrubbed: true,
      keptEvidence: [{ id: expect.any(Number), keepUntil: '2029-12-31' }],
    });
    // The office gets the scan out when a claim comes, by the number `kept-evidence` lists.
    const id = JSON.parse(kept.out).keptEvidence[0].id;
    expect(await cli('kept-evidence', '--db', file)).toMatchObject({
      code: 0,
      out: `Nachweis ${id} – Kontakt ${anna}: Terminabsprachen, widerrufen am 20.11.2026, aufbewahrt bis 31.12.2029`,
    });
    expect(JSON.parse((await cli('kept-evidence', '--db', file, '--json')).out)).toEqual([
      expect.objectContaining({ id, contactId: anna, keepUntil: '2029-12-31' }),
    ]);
    const out = path.join(tempDir(), 'nachweis.pdf');
    expect(await cli('kept-evidence', String(id), '--out', out, '--db', file)).toMatchObject({
      code: 0,
      out: `Der Nachweis steht in „${out}“.`,
    });
    expect(readFileSync(out)).toEqual(Buffer.from('%PDF-1.4\n% Berg\n%%EOF\n'));
    expect(await cli('kept-evidence', '99', '--out', out, '--db', file)).toMatchObject({ code: 2, err: 'Diesen Nachweis gibt es nicht.' });
    expect(await cli('kept-evidence', String(id), '--db', file)).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^Wohin\? --out <Datei> fehlt\./),
    });

    const history = JSON.parse((await cli('history', String(anna), '--db', file, '--json')).out);
    expect(history.map((entry: { text: string }) => entry.text)).toEqual([
      `Kontakt gelöscht am ${formatDate(localDate(new Date()), 'de')}; der Nachweis des Widerrufs wird bis 31.12.2029 aufbewahrt`,
    ]);
  });

  it('without it, erases the scan too; in words it says what was kept', async () => {
    const first = databaseWithWithdrawal();
    expect(JSON.parse((await cli('erase', String(first.anna), '--db', first.file, '--json')).out).keptEvidence).toEqual([]);
    expect(await cli('kept-evidence', '--db', first.file)).toMatchObject({ code: 0, out: 'Es werden keine Nachweise aufbewahrt.' });

    const second = databaseWithWithdrawal();
    expect(await cli('erase', String(second.anna), '--keep-evidence', '--db', second.file)).toMatchObject({
      code: 0,
      out: `Kontakt ${second.anna} wurde am ${formatDate(localDate(new Date()), 'de')} endgültig gelöscht. Der Nachweis eines Widerrufs bleibt ohne Namen bis zum 31.12.2029 aufbewahrt.`,
    });
    // Carla has nothing withdrawn: --keep-evidence keeps nothing.
    expect(
      JSON.parse((await cli('erase', String(second.carla), '--keep-evidence', '--db', second.file, '--json')).out).keptEvidence,
    ).toEqual([]);
  });
});

describe('CLI: restore after an erasure that kept proof', () => {
  it('keeps the proof kept after the erasure, while the person is erased again', async () => {
    const { file, anna } = databaseWithWithdrawal();
    const session = testSession(file);
    const before = backupNow(session.ctx);
    session.close();
    const kept = JSON.parse((await cli('erase', String(anna), '--keep-evidence', '--db', file, '--json')).out).keptEvidence;
    expect(kept).toHaveLength(1);

    expect(JSON.parse((await cli('restore', before.file, '--db', file, '--json')).out)).toMatchObject({ erasedAgain: 1 });
    const db = new BetterSqlite3(file, { readonly: true });
    try {
      expect(db.prepare('SELECT contact_id, keep_until, data FROM retained_evidence').all()).toEqual([
        { contact_id: anna, keep_until: '2029-12-31', data: Buffer.from('%PDF-1.4\n% Berg\n%%EOF\n') },
      ]);
      expect(db.prepare('SELECT count(*) FROM evidence').pluck().get()).toBe(0);
      expect(db.prepare("SELECT count(*) FROM contacts WHERE display_name = 'Anna Berg'").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});
