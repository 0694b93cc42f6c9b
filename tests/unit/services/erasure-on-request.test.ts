import BetterSqlite3 from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../electron/importers/source';
import { historyView } from '../../../electron/services/contact-detail';
import { recordConsent, withdrawConsent } from '../../../electron/services/consents';
import { eraseContact, purgeBin, readRetainedEvidence, retainedEvidence } from '../../../electron/services/erasure';
import { analyseFile } from '../../../electron/services/import-analysis';
import { commitAnalyses } from '../../../electron/services/import-commit';
import { setStage } from '../../../electron/services/tracking';
import { formatDate, localDate } from '../../../shared/local-date';
import { proofKeptUntil, WITHDRAWN_CONSENT_PROOF_YEARS } from '../../../shared/model/erasure';
import { testSession } from '../../helpers/session';

type Session = ReturnType<typeof testSession>;

/** What names the person, none of it in the scan but the family name. */
const person = { given: 'Friedegunde', family: 'Pumpernickl', number: '5557319', street: 'Unkenpfad', email: 'fp@pumpernickl.example' };

const scan = Buffer.from(`%PDF-1.4\n% unterschrieben von ${person.family}\n%%EOF\n`);
const stillGivenScan = Buffer.from('%PDF-1.4\n% zweites Formular, nicht widerrufen\n%%EOF\n');

/** Imported, invited, consented twice (two scans), the first consent withdrawn; beside another contact. */
async function personWithWithdrawal(session: Session, withdrawnOn = '2026-11-20') {
  const { ctx } = session;
  const vcard = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `N:${person.family};${person.given};;;`,
    `FN:${person.given} ${person.family}`,
    `TEL;TYPE=CELL:0170 ${person.number}`,
    `EMAIL:${person.email}`,
    `ADR;TYPE=HOME:;;${person.street} 3;Kassel;;34117;Deutschland`,
    'END:VCARD',
    '',
  ].join('\r\n');
  commitAnalyses(ctx, [await analyseFile(ctx, bufferSource(`${person.given} ${person.family}.vcf`, Buffer.from(vcard)))]);
  const id = ctx.repos.contacts.all().find((contact) => contact.familyName === person.family)!.id;
  const [other] = ctx.repos.contacts.insertMany([
    { displayName: 'Bernd Schulze', phones: [{ e164: '+491701111111', raw: '0170 1111111', label: null, kind: 'mobile' }] },
  ]);
  setStage(ctx, id, { stage: 'invited', channel: 'whatsapp', date: '2026-11-02' });
  recordConsent(ctx, id, {
    purposes: ['appointments'],
    givenAt: '2026-11-03',
    textVersion: 'EW-1',
    method: 'signed_letter',
    evidence: { kind: 'scan', fileName: `Einwilligung ${person.family}.pdf`, data: scan },
  });
  withdrawConsent(ctx, id, { purposes: ['appointments'], date: withdrawnOn });
  recordConsent(ctx, id, {
    purposes: ['site_photos'],
    givenAt: '2026-11-25',
    textVersion: 'EW-2',
    method: 'signed_letter',
    evidence: { kind: 'scan', fileName: 'Formular 2.pdf', data: stillGivenScan },
  });
  return { id, other: other! };
}

/** Which of the person's strings the database files hold (UTF-8, as written or lower case). */
function tracesIn(file: string): string[] {
  const found: string[] = [];
  for (const suffix of ['', '-wal']) {
    if (!existsSync(file + suffix)) continue;
    const bytes = readFileSync(file + suffix);
    for (const secret of Object.values(person).flatMap((text) => [text, text.toLowerCase()])) {
      if (bytes.includes(Buffer.from(secret))) found.push(`${secret} in .sqlite${suffix}`);
    }
  }
  return found;
}

/** How often a text occurs in the database file. */
function occurrences(file: string, text: string): number {
  const bytes = readFileSync(file);
  const needle = Buffer.from(text);
  let count = 0;
  for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) count += 1;
  return count;
}

/** Every history row as stored, before and after included. */
function rawHistory(file: string): string {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return JSON.stringify(db.prepare('SELECT * FROM history').all());
  } finally {
    db.close();
  }
}

describe('erasure on request (GDPR Art. 17) with the proof of a withdrawn consent', () => {
  it('keeps the rule in one place: three years from the end of the year of the (latest) withdrawal', () => {
    expect(WITHDRAWN_CONSENT_PROOF_YEARS).toBe(3);
    expect(proofKeptUntil(['2026-01-01'])).toBe('2029-12-31');
    expect(proofKeptUntil(['2026-12-31'])).toBe('2029-12-31');
    expect(proofKeptUntil(['2025-06-01', '2027-02-03'])).toBe('2030-12-31');
  });

  it('kept: the contact is gone, the scan of the withdrawn consent stays readable without name or file name, the history names no one', async () => {
    const session = testSession();
    const { ctx } = session;
    const { id, other } = await personWithWithdrawal(session);

    const result = eraseContact(ctx, id, new Date(), { keepWithdrawnEvidence: true });

    expect(result).toMatchObject({
      id,
      alsoErased: [],
      scrubbed: true,
      keptEvidence: [{ id: expect.any(Number), keepUntil: '2029-12-31' }],
    });
    expect(ctx.repos.contacts.byIds([id]).size).toBe(0);
    expect(ctx.repos.contacts.erasable(id)).toBeNull();
    // Only the withdrawn consent's scan, not the one of the consent still given.
    expect(retainedEvidence(ctx)).toEqual([
      {
        id: result.keptEvidence[0]!.id,
        contactId: id,
        mime: 'application/pdf',
        size: scan.length,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        consents: [
          { purpose: 'appointments', givenAt: '2026-11-03', textVersion: 'EW-1', method: 'signed_letter', withdrawnAt: '2026-11-20' },
        ],
        keepUntil: '2029-12-31',
        retainedAt: expect.any(String),
      },
    ]);
    const file = readRetainedEvidence(ctx, result.keptEvidence[0]!.id);
    expect(file).toEqual({ fileName: `Nachweis-Kontakt-${id}-${result.keptEvidence[0]!.id}.pdf`, mime: 'application/pdf', data: scan });

    // Nothing of the person is left but the family name inside the kept scan itself, once: the copy.
    expect(tracesIn(ctx.databasePath)).toEqual([`${person.family} in .sqlite`]);
    expect(occurrences(ctx.databasePath, person.family)).toBe(1);
    expect(rawHistory(ctx.databasePath)).not.toMatch(new RegExp(Object.values(person).join('|'), 'i'));
    expect(historyView(ctx, { id }, 'de').map((entry) => entry.text)).toEqual([
      `Kontakt gelöscht am ${formatDate(localDate(new Date()), 'de')}; der Nachweis des Widerrufs wird bis 31.12.2029 aufbewahrt`,
    ]);
    // The other contact is untouched.
    expect(ctx.repos.contacts.byIds([other]).get(other)?.displayName).toBe('Bernd Schulze');
  });

  it('not kept: every scan goes with the person, nothing of them is left', async () => {
    const session = testSession();
    const { ctx } = session;
    const { id } = await personWithWithdrawal(session);
    expect(eraseContact(ctx, id, new Date(), { keepWithdrawnEvidence: false }).keptEvidence).toEqual([]);
    expect(retainedEvidence(ctx)).toEqual([]);
    expect(tracesIn(ctx.databasePath)).toEqual([]);
    expect(historyView(ctx, { id }, 'de').map((entry) => entry.text)).toEqual([
      `Kontakt gelöscht am ${formatDate(localDate(new Date()), 'de')}`,
    ]);
  });

  it('the start-up purge erases kept proof the day after its last day, and says so in the history', async () => {
    const session = testSession();
    const { ctx } = session;
    const { id } = await personWithWithdrawal(session, '2026-02-10');
    eraseContact(ctx, id, new Date(), { keepWithdrawnEvidence: true });

    // On its last day it is still kept (and the purge writes nothing).
    expect(purgeBin(ctx, new Date(2029, 11, 31, 23, 0))).toBe(0);
    expect(retainedEvidence(ctx)).toHaveLength(1);
    expect(historyView(ctx, { id }, 'de')).toHaveLength(1);

    purgeBin(ctx, new Date(2030, 0, 1, 8, 0));
    expect(retainedEvidence(ctx)).toEqual([]);
    expect(() => readRetainedEvidence(ctx, 1)).toThrow(/evidenceNotFound/);
    expect(tracesIn(ctx.databasePath)).toEqual([]);
    expect(historyView(ctx, { id }, 'de').map((entry) => entry.text)).toEqual([
      'Aufbewahrter Nachweis des Widerrufs gelöscht am 01.01.2030',
      `Kontakt gelöscht am ${formatDate(localDate(new Date()), 'de')}; der Nachweis des Widerrufs wird bis 31.12.2029 aufbewahrt`,
    ]);
  });

  it('through the contract (contacts.erase), as the app and the CLI send it; a contact without withdrawal keeps nothing', async () => {
    const session = testSession();
    const { id } = await personWithWithdrawal(session);
    const [plain] = session.ctx.repos.contacts.insertMany([{ displayName: 'Carla Nowak' }]);
    const refused = await session.dispatch('contacts.erase', { id } as never);
    expect(refused.ok).toBe(false);

    const none = await session.dispatch('contacts.erase', { id: plain!, keepWithdrawnEvidence: true });
    expect(none).toMatchObject({ ok: true, value: { id: plain, keptEvidence: [] } });
    const kept = await session.dispatch('contacts.erase', { id, keepWithdrawnEvidence: true });
    expect(kept).toMatchObject({ ok: true, value: { id, keptEvidence: [{ keepUntil: '2029-12-31' }] } });
    expect(await session.dispatch('contacts.erase', { id, keepWithdrawnEvidence: true })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'Diesen Kontakt gibt es nicht (mehr).' },
    });
  });
});
