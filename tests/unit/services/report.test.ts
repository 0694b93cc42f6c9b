import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { send } from '../../../electron/cli/command';
import { accessReportFile } from '../../../electron/services/access-report';
import { recordConsent, withdrawConsent } from '../../../electron/services/consents';
import { eraseContact } from '../../../electron/services/erasure';
import { printLetters } from '../../../electron/services/letters';
import { addPhone, tickChecklistItem } from '../../../electron/services/phones';
import { getProfile, updateProfile } from '../../../electron/services/profile';
import { accountabilityReport } from '../../../electron/services/report';
import { bulkChange, setStage } from '../../../electron/services/tracking';
import { consentTextVersion } from '../../../shared/letters/consent-text-version';
import { localDate } from '../../../shared/local-date';
import { contactKinds } from '../../../shared/model/contact';
import { accountabilityReportHtml } from '../../../shared/report/accountability-report';
import { purposes, stages, targets } from '../../../shared/model/tracking';
import { cli } from '../../helpers/cli';
import { completeProfile } from '../../helpers/profile';
import { testSession } from '../../helpers/session';

type Session = ReturnType<typeof testSession>;
const address = { street: 'Hauptstraße 5', postalCode: '34119', city: 'Kassel', country: null, region: null, label: null };

let next = 0;
function contact(session: Session, kind: 'customer' | 'employee' | 'supplier' | 'other' = 'customer'): number {
  next += 1;
  return session.ctx.repos.contacts.insert({
    displayName: `Person ${next}`,
    familyName: `Person ${next}`,
    kind,
    phones: [{ e164: `+4917012${String(next).padStart(5, '0')}`, raw: `0170 12${next}`, label: null, kind: 'mobile' }],
    addresses: [address],
  });
}

const note = { kind: 'note' as const, note: 'mündlich am Telefon' };

/** A database with every stage, consents on several purposes, a withdrawal, a refusal, letters, an erasure and a phone. */
async function filledDatabase() {
  const session = testSession();
  updateProfile(session.ctx, completeProfile);
  const [letterOnly, consented, twoPurposes, withdrawn, refused, switched, invited, phoneOnly, erased] = [
    contact(session),
    contact(session, 'supplier'),
    contact(session, 'employee'),
    contact(session),
    contact(session),
    contact(session, 'other'),
    contact(session),
    contact(session),
    contact(session),
  ];
  // Consent letters to five of them, marked sent as the app marks them.
  await printLetters(
    session.ctx,
    { ids: [letterOnly, consented, twoPurposes, withdrawn, refused], kind: 'consent', form: 'B' },
    () => undefined,
  );
  recordConsent(session.ctx, consented, { purposes: ['appointments'], givenAt: '2026-11-20', method: 'signed_letter', evidence: note });
  recordConsent(session.ctx, twoPurposes, {
    purposes: ['appointments', 'site_photos'],
    givenAt: '2026-11-21',
    method: 'signed_letter',
    evidence: { kind: 'scan', fileName: 'formular-3.pdf', data: Buffer.from('%PDF-1.4\nja\n') },
  });
  recordConsent(session.ctx, withdrawn, { purposes: ['quotes_invoices'], givenAt: '2026-11-10', method: 'email', evidence: note });
  withdrawConsent(session.ctx, withdrawn, { date: '2026-11-25' });
  setStage(session.ctx, refused, { stage: 'consent_refused' });
  setStage(session.ctx, switched, { stage: 'switched', target: 'signal', channel: 'already_there' });
  setStage(session.ctx, invited, { stage: 'invited', channel: 'letter', target: 'threema' });
  setStage(session.ctx, phoneOnly, { stage: 'phone_email_only' });
  // An access report handed to the person before the erasure: counted, without a name, after it too.
  await accessReportFile(session.ctx, erased, 'json');
  eraseContact(session.ctx, erased);
  // A delete that was undone does not count.
  const undone = bulkChange(
    session.ctx,
    { ids: [letterOnly] },
    { kind: 'setStage', change: { stage: 'consent_requested', letterVersion: 'EW-RUECK' } },
  );
  await send(session, 'contacts.undoBulk', { operationId: undone.operationId! });
  const phone = addPhone(session.ctx, { name: 'Büro-Handy', number: null, platform: 'android', usedBy: 'Petra' });
  tickChecklistItem(session.ctx, { phoneId: phone.id, item: 'chatBackup', checkedOn: localDate(new Date()), checkedBy: 'Petra' });
  return { session, ids: { letterOnly, consented, twoPurposes, withdrawn, refused, switched, invited, phoneOnly, erased } };
}

const today = () => localDate(new Date());

describe('the accountability report', () => {
  it('gives every figure as the database holds it (compared with SQL of its own)', async () => {
    const { session, ids } = await filledDatabase();
    const report = await send(session, 'report.get', {});
    const db = new BetterSqlite3(session.ctx.databasePath, { readonly: true });
    const one = (sql: string, ...params: unknown[]) =>
      db
        .prepare(sql)
        .pluck()
        .get(...params) as number;
    const inList = 'deleted_at IS NULL AND erased_at IS NULL';
    try {
      expect(report.date).toBe(today());
      expect(report.contacts).toBe(one(`SELECT count(*) FROM contacts WHERE ${inList}`));
      expect(report.contacts).toBe(8);
      for (const kind of contactKinds)
        expect(report.byKind[kind]).toBe(one(`SELECT count(*) FROM contacts WHERE ${inList} AND kind = ?`, kind));
      for (const stage of stages)
        expect(report.byStage[stage], stage).toBe(one(`SELECT count(*) FROM contacts WHERE ${inList} AND status = ?`, stage));
      for (const target of targets)
        expect(report.byTarget[target], target).toBe(one(`SELECT count(*) FROM contacts WHERE ${inList} AND target = ?`, target));
      expect(report.byTarget.none).toBe(one(`SELECT count(*) FROM contacts WHERE ${inList} AND target IS NULL`));
      const validSql = `FROM consents k JOIN contacts c ON c.id = k.contact_id WHERE c.deleted_at IS NULL AND c.erased_at IS NULL AND k.withdrawn_at IS NULL`;
      expect(report.consentsValid).toBe(one(`SELECT count(DISTINCT k.contact_id) ${validSql}`));
      expect(report.consentsValid).toBe(2);
      for (const purpose of purposes)
        expect(report.byPurpose[purpose], purpose).toBe(one(`SELECT count(DISTINCT k.contact_id) ${validSql} AND k.purpose = ?`, purpose));
      expect(report.letters.consentLetters).toBe(5);
      expect(report.letters.invitationLetters).toBe(1);
      expect(report.answers).toMatchObject({ consentsReceived: 3, refused: 1, withdrawn: 1 });
      expect(report.answers.consentsReceived).toBe(one('SELECT count(DISTINCT contact_id) FROM consents'));
      expect(report.erasures).toEqual({ onRequest: 1, fromBin: 0, days: [today()] });
      expect(report.accessRequests).toEqual({ answered: 1, days: [today()] });
      expect(report.accessRequests.answered).toBe(one('SELECT count(*) FROM access_reports'));
      expect(report.annex.map((entry) => entry.contactId)).toEqual([ids.consented, ids.twoPurposes]);
      expect(report.annex[1]).toMatchObject({
        purposes: ['appointments', 'site_photos'],
        givenAt: '2026-11-21',
        evidence: expect.stringMatching(/^Scan Nr\. \d+$/),
      });
      // A scan by its number: its file name may name someone (a shared scan).
      expect(JSON.stringify(report)).not.toContain('formular-3.pdf');
      expect(report.annex[0]).toMatchObject({ evidence: 'mündlich am Telefon' });
      // The version the letters carried, with its full wording kept.
      const version = consentTextVersion(getProfile(session.ctx));
      expect(report.textVersions).toEqual([
        expect.objectContaining({ version, letters: 5, firstSent: today(), lastSent: today(), consents: 3, wording: expect.any(Array) }),
      ]);
      expect(report.annex.every((entry) => entry.textVersion === version)).toBe(true);
      expect(report.phones).toHaveLength(1);
      expect(report.phones[0]!.checklist.find((entry) => entry.item === 'chatBackup')).toMatchObject({ checkedBy: 'Petra', due: false });
      // The figures the overview shows are the report's.
      const overview = await send(session, 'dashboard.get', {});
      expect([report.byStage, report.byTarget, report.consentsValid, report.progress]).toEqual([
        overview.byStage,
        overview.byTarget,
        overview.consented,
        overview.progress,
      ]);
    } finally {
      db.close();
    }
  });

  it('keeps the wording of a version after the texts changed, and prints it under its own id', async () => {
    const { session } = await filledDatabase();
    const before = getProfile(session.ctx);
    const version = consentTextVersion(before);
    updateProfile(session.ctx, { retention: 'Chats löschen wir nach zwei Jahren.' });
    expect(consentTextVersion(getProfile(session.ctx))).not.toBe(version);
    const report = accountabilityReport(session.ctx, today());
    const wording = report.textVersions
      .find((entry) => entry.version === version)!
      .wording!.map((part) => part.text)
      .join('\n');
    expect(wording).toContain(before.retention.trim());
    expect(wording).not.toContain('nach zwei Jahren');
    const html = accountabilityReportHtml(report, 'de');
    expect(html).toContain(`Textversion ${version}`);
  });

  it('looks back: a day before the letters counts none of them and no consent, and escapes every name', async () => {
    const { session, ids } = await filledDatabase();
    const report = accountabilityReport(session.ctx, '2026-11-15');
    // Consents are dated by the day given; letters and stages by when they were recorded (today).
    expect(report.letters.consentLetters).toBe(0);
    expect(report.annex.map((entry) => entry.contactId)).toEqual([ids.withdrawn]);
    expect(report.consentsValid).toBe(1);
    expect(report.answers.withdrawn).toBe(0);
    // Every contact was created today: none existed at the end of 15 November.
    expect(report.contacts).toBe(0);
    session.ctx.repos.contacts.updateFields(ids.consented, { displayName: '<script>alert(1)</script>' });
    const html = accountabilityReportHtml(accountabilityReport(session.ctx, today()), 'en');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('Annex: contacts with a valid consent');
  });

  it('`report --json` holds every figure, with the keys scripts rely on; without --out or --json it asks where to', async () => {
    const { session } = await filledDatabase();
    const file = session.ctx.databasePath;
    session.close();
    const result = await cli('report', '--json', '--date', '2026-12-31', '--db', file);
    expect(result.code).toBe(0);
    const figures = JSON.parse(result.out);
    expect(figures).toMatchObject({ date: '2026-12-31', contacts: 8, consentsValid: 2 });
    expect(await cli('report', '--db', file)).toMatchObject({ code: 2, err: expect.stringMatching(/report --out/) });
    expect(await cli('report', '--json', '--date', '31.12.2026', '--db', file)).toMatchObject({ code: 2 });
    expect(await cli('report', '--json', '--date', '2026-02-31', '--db', file)).toMatchObject({
      code: 2,
      err: expect.stringMatching(/no such day/),
    });
  });

  it('counts a letter sent again under the version it carried, retired phones with their record, and an access request once a day', async () => {
    const session = testSession();
    const id = contact(session);
    const send2 = (version: string, date: string) =>
      bulkChange(session.ctx, { ids: [id] }, { kind: 'setStage', change: { stage: 'consent_requested', letterVersion: version, date } });
    send2('EW-A', '2026-11-01');
    send2('EW-A', '2026-11-10');
    send2('EW-B', '2026-11-20');
    const versions = accountabilityReport(session.ctx, today()).textVersions.map((entry) => [entry.version, entry.letters]);
    expect(versions).toEqual([
      ['EW-A', 2],
      ['EW-B', 1],
    ]);

    const phone = addPhone(session.ctx, { name: 'Altes Handy', number: null, platform: 'iphone', usedBy: null });
    tickChecklistItem(session.ctx, { phoneId: phone.id, item: 'appLock', checkedOn: today(), checkedBy: 'Petra' });
    await send(session, 'phones.retire', { id: phone.id });
    const [retired] = accountabilityReport(session.ctx, today()).phones;
    expect(retired).toMatchObject({ name: 'Altes Handy', retiredAt: expect.any(String) });
    expect(retired!.checklist.find((entry) => entry.item === 'appLock')).toMatchObject({ checkedBy: 'Petra' });
    expect(accountabilityReportHtml(accountabilityReport(session.ctx, today()), 'de')).toContain('nicht mehr in Gebrauch seit');
    expect(await send(session, 'phones.list', {})).toEqual([]);

    await accessReportFile(session.ctx, id, 'json');
    await accessReportFile(session.ctx, id, 'json');
    expect(accountabilityReport(session.ctx, today()).accessRequests.answered).toBe(1);
    expect(session.ctx.repos.tracking.history(id).filter((entry) => entry.kind === 'accessReport')).toHaveLength(2);
  });

  it('refuses a withdrawal dated ahead, so a consent is valid or not by one rule', async () => {
    const session = testSession();
    const id = contact(session);
    recordConsent(session.ctx, id, { purposes: ['appointments'], givenAt: '2026-11-20', method: 'signed_letter', evidence: note });
    expect(() => withdrawConsent(session.ctx, id, { date: '2099-01-01' })).toThrow(
      expect.objectContaining({ messageKey: 'tracking.errors.withdrawalInFuture' }),
    );
    const report = accountabilityReport(session.ctx, today());
    expect(report.consentsValid).toBe(report.annex.length);
    expect(report.consentsValid).toBe((await send(session, 'dashboard.get', {})).consented);
  });
});
