import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordConsent, withdrawConsent } from '../../../electron/services/consents';
import { previewLetters, printLetters, printLettersWithDialog } from '../../../electron/services/letters';
import { updateProfile } from '../../../electron/services/profile';
import { setStage } from '../../../electron/services/tracking';
import { completeProfile } from '../../helpers/profile';
import { pageCount, pdftotext } from '../../helpers/pdf';
import { testSession } from '../../helpers/session';
import { tempDir } from '../../helpers/temp';

const address = { street: 'Hauptstraße 5', postalCode: '34119', city: 'Kassel', country: null, region: null, label: null };
const consent = {
  purposes: ['appointments' as const],
  givenAt: '2026-11-20',
  method: 'phone' as const,
  evidence: { kind: 'note' as const, note: 'mündlich am Telefon' },
};

/**
 * Contacts in every situation a consent letter meets: still to ask, consented (valid), consent
 * withdrawn, refused, switched, and one at "consent given" without any consent record (older data):
 * that is no valid consent (VALID_CONSENT_SQL), so that contact still gets a letter.
 */
function seed() {
  const session = testSession();
  const { ctx } = session;
  updateProfile(ctx, completeProfile);
  let n = 0;
  const insert = (familyName: string) =>
    ctx.repos.contacts.insert({
      displayName: `Kunde ${familyName}`,
      familyName,
      addresses: [address],
      phones: [{ e164: `+4917055500${n}`, raw: `0170 55500${n++}`, label: null, kind: 'mobile' }],
    });
  const ids = {
    fresh: insert('Neu'),
    consented: insert('Eingewilligt'),
    withdrawn: insert('Widerrufen'),
    refused: insert('Abgelehnt'),
    switched: insert('Gewechselt'),
    bare: insert('Ohne Nachweis'),
  };
  recordConsent(ctx, ids.consented, consent);
  recordConsent(ctx, ids.withdrawn, consent);
  withdrawConsent(ctx, ids.withdrawn, { date: '2026-11-25' });
  setStage(ctx, ids.refused, { stage: 'consent_requested', date: '2026-11-01' });
  setStage(ctx, ids.refused, { stage: 'consent_refused', date: '2026-11-10' });
  setStage(ctx, ids.switched, { stage: 'switched', messenger: 'signal', date: '2026-11-12' });
  ctx.repos.contacts.updateFields(ids.bare, { stage: 'consent_given' });
  return { session, ids, all: Object.values(ids) };
}

const settledOf = (ids: ReturnType<typeof seed>['ids']) => [
  { id: ids.consented, displayName: 'Kunde Eingewilligt', reason: 'consented' },
  { id: ids.refused, displayName: 'Kunde Abgelehnt', reason: 'refused' },
  { id: ids.switched, displayName: 'Kunde Gewechselt', reason: 'switched' },
];

/** Follows a background job until its PDF is there, then confirms it saved, as the page does. */
async function printedAndSaved(session: ReturnType<typeof seed>['session'], jobId: number) {
  while (!session.ctx.letterJobs.status(jobId).result) await new Promise((resolve) => setTimeout(resolve, 50));
  return session.ctx.letterJobs.delivered(jobId);
}

describe('consent letters to contacts with landlines only', () => {
  it('are left out and listed (WhatsApp cannot reach them); a contact without any number is asked, the form asks for the mobile', () => {
    const session = testSession();
    updateProfile(session.ctx, completeProfile);
    const landline = session.ctx.repos.contacts.insert({
      displayName: 'Büro Meier',
      addresses: [address],
      phones: [{ e164: '+49561445566', raw: '0561 445566', label: null, kind: 'landline' }],
    });
    const noNumber = session.ctx.repos.contacts.insert({ displayName: 'Oma Erna', addresses: [address] });
    const preview = previewLetters(session.ctx, { ids: [landline, noNumber] }, { form: 'B' });
    expect(preview).toMatchObject({ toPrint: 1, landlineOnly: [{ id: landline, displayName: 'Büro Meier' }] });
    expect(preview.html).toContain('Oma Erna');
    expect(preview.html).not.toContain('Büro Meier');
    // Even asked to include the settled ones, a landline gets no consent letter; an invitation on paper it does.
    expect(previewLetters(session.ctx, { ids: [landline, noNumber] }, { form: 'B', includeSettled: true }).toPrint).toBe(1);
    expect(previewLetters(session.ctx, { ids: [landline, noNumber] }, { form: 'B', kind: 'invitation' })).toMatchObject({
      toPrint: 2,
      landlineOnly: [],
    });
  });
});

describe('consent letters to contacts who consented, refused or switched already', () => {
  it('the preview lists them and, unless included, leaves them out of the count and the letters', () => {
    const { session, ids, all } = seed();
    const preview = previewLetters(session.ctx, { ids: all }, { form: 'B' });
    expect(preview.settled).toEqual(settledOf(ids));
    expect(preview).toMatchObject({ total: 6, printable: 6, toPrint: 3, withoutAddress: [] });
    expect(preview.html).toContain('Kunde Neu');
    expect(previewLetters(session.ctx, { ids: all }, { form: 'B', includeSettled: true })).toMatchObject({
      total: 6,
      printable: 6,
      toPrint: 6,
      settled: settledOf(ids),
    });
    // A selection by filter (the letters page's "everyone staying on WhatsApp") is asked about the same way.
    for (const id of all) session.ctx.repos.contacts.updateFields(id, { target: 'whatsapp_consent' });
    const byFilter = previewLetters(session.ctx, { filter: { search: '', targets: ['whatsapp_consent'] }, except: [] }, { form: 'B' });
    expect(byFilter.settled).toEqual(settledOf(ids));
    // Invitations on paper are not affected.
    expect(previewLetters(session.ctx, { ids: all }, { form: 'B', kind: 'invitation' })).toMatchObject({ toPrint: 6, settled: [] });
  });

  it('prints (Chromium) only the others by default, names the ones left out, and marks only the printed', async () => {
    const { session, ids, all } = seed();
    const file = path.join(tempDir(), 'briefe.pdf');
    const result = await printLetters(session.ctx, { ids: all, form: 'B', date: '2026-11-27' }, (pdf) => writeFileSync(file, pdf));
    // "Consent given" without a consent record is no valid consent: the letter goes out, but that stage takes no "requested".
    expect(result).toMatchObject({ printed: 3, marked: 2, skipped: 1, withoutAddress: [], settled: settledOf(ids) });
    expect(pageCount(file)).toBe(9);
    const text = pdftotext(file);
    for (const name of ['Neu', 'Widerrufen', 'Ohne Nachweis']) expect(text).toContain(`Kunde ${name}`);
    for (const name of ['Eingewilligt', 'Abgelehnt', 'Gewechselt']) expect(text).not.toContain(`Kunde ${name}`);
    const stages = session.ctx.repos.contacts.byIds(all);
    expect(Object.fromEntries(Object.entries(ids).map(([key, id]) => [key, stages.get(id)!.stage]))).toEqual({
      fresh: 'consent_requested',
      consented: 'consent_given',
      withdrawn: 'consent_requested',
      refused: 'consent_refused',
      switched: 'switched',
      bare: 'consent_given',
    });
  }, 60_000);

  it('prints them too when the office says so ("Trotzdem alle drucken"), in the background job and the print dialog', async () => {
    const { session, ids, all } = seed();
    const jobId = session.ctx.letterJobs.start(session.ctx, { ids: all }, { form: 'B', includeSettled: true });
    // A refused contact can be asked again; consented and switched ones stay where they are.
    expect(await printedAndSaved(session, jobId)).toMatchObject({ printed: 6, marked: 3, skipped: 3, settled: [] });
    expect(session.ctx.repos.contacts.byIds([ids.refused]).get(ids.refused)!.stage).toBe('consent_requested');

    const printed: string[] = [];
    session.ctx.printDialog = async (html) => (printed.push(html), true);
    // The refused contact was asked again just now: only the consented and the switched one are left out.
    expect(await printLettersWithDialog(session.ctx, { ids: all }, { form: 'B' })).toMatchObject({
      printed: 4,
      settled: settledOf(ids).filter((c) => c.reason !== 'refused'),
    });
    expect(printed[0]).not.toContain('Kunde Eingewilligt');
    expect(printed[0]).not.toContain('Kunde Gewechselt');
    expect(
      await printLettersWithDialog(session.ctx, { ids: [ids.consented, ids.switched] }, { form: 'B', includeSettled: true }),
    ).toMatchObject({ printed: 2, settled: [], cancelled: false });
    expect(printed[1]).toContain('Kunde Eingewilligt');
  }, 60_000);

  it('leaves them out of the background job by default and lists them in its result', async () => {
    const { session, ids, all } = seed();
    const jobId = session.ctx.letterJobs.start(session.ctx, { ids: all }, { form: 'B' });
    expect(await printedAndSaved(session, jobId)).toMatchObject({ printed: 3, marked: 2, settled: settledOf(ids) });
  }, 60_000);
});
