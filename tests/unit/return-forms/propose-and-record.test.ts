import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { getProfile, updateProfile } from '../../../electron/services/profile';
import { returnCheck, returnCheckOf } from '../../../electron/services/return-codes';
import { setStage } from '../../../electron/services/tracking';
import type { Session } from '../../../electron/services/session';
import { consentTextVersion } from '../../../shared/letters/consent-text-version';
import { localToday } from '../../../shared/local-date';
import type { PageReading } from '../../../shared/model/return-forms';
import type { Purpose } from '../../../shared/model/tracking';
import { formatReturnCode } from '../../../shared/scan/return-code';
import { send } from '../../../electron/cli/command';
import { cli } from '../../helpers/cli';
import { completeProfile } from '../../helpers/profile';
import { testSession } from '../../helpers/session';
import { tempDatabasePath } from '../../helpers/temp';

const LETTER_DATE = '2026-11-26';
const SCAN_DATE = '2026-12-01';

function seed(file = tempDatabasePath()) {
  const session = testSession(file);
  updateProfile(session.ctx, completeProfile);
  const person = (name: string) => {
    const id = session.ctx.repos.contacts.insert({
      displayName: name,
      givenName: name.split(' ')[0]!,
      familyName: name.split(' ')[1]!,
      phones: [{ e164: '+491701234567', raw: '0170 1234567', label: null, kind: 'mobile' }],
    });
    setStage(session.ctx, id, { stage: 'consent_requested', date: LETTER_DATE });
    return id;
  };
  return { session, file, anna: person('Anna Schmidt'), bernd: person('Bernd Weber') };
}

/** The code on the form sent to this contact; with `foreignKey`, as another business's database would sign it. */
const codeFor = (session: Session, contactId: number, foreignKey?: Buffer) => {
  const version = consentTextVersion(getProfile(session.ctx));
  const check = foreignKey
    ? returnCheck(foreignKey, { contactId, letterDate: LETTER_DATE, version })
    : returnCheckOf(session.ctx)(contactId, LETTER_DATE, version);
  return formatReturnCode({ contactId, letterDate: LETTER_DATE, version, check });
};

/**
 * A page as the reader measures it: the profile's six boxes (three purposes, advertising, Art. 49,
 * "Nein") with these darknesses, and a person's two signature lines with ink above the second.
 */
function reading(
  page: number,
  code: string | null,
  darkness: number[],
  signatureInk = 0.04,
  extra: Partial<PageReading> = {},
): PageReading {
  return {
    page,
    fileName: 'stapel.pdf',
    filePage: page,
    code,
    aligned: true,
    blank: false,
    boxes: darkness.map((value, index) => ({ x: 25 + (index < 2 ? index * 48 : 0), y: 160 + index * 7, darkness: value })),
    signatureLines: [
      { x0: 25, x1: 104, y: 217, ink: 0 },
      { x0: 111, x1: 190, y: 217, ink: signatureInk },
    ],
    ...extra,
  };
}

const propose = (session: Session, pages: PageReading[]) => send(session, 'scans.propose', { pages });

async function jpegPage(): Promise<string> {
  const canvas = createCanvas(165, 234);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, 165, 234);
  context.fillStyle = '#000';
  context.fillRect(10, 10, 6, 6);
  return (await canvas.encode('jpeg', 80)).toString('base64');
}

describe('returned forms: from what a page measures to what is recorded', () => {
  it('proposes a clear, signed consent as sure, records it with the scan’s day, the letter’s version and the page as a PDF, and knows the page again', async () => {
    const { session, file, anna } = seed();
    const code = codeFor(session, anna);
    const [proposal] = await propose(session, [reading(1, code, [0.3, 0.45, 0, 0, 0, 0])]);
    expect(proposal).toMatchObject({
      codeState: 'valid',
      contact: { id: anna, displayName: 'Anna Schmidt' },
      letterDate: LETTER_DATE,
      purposes: { appointments: true, site_photos: true, quotes_invoices: false, advertising: false },
      transfer: false,
      refused: false,
      signed: true,
      sure: true,
      confidence: 1,
      notes: [],
    });

    const image = await jpegPage();
    const recorded = await send(session, 'scans.record', {
      contactId: anna,
      code,
      decision: 'consent',
      purposes: ['appointments', 'site_photos'],
      transfer: false,
      scanDate: SCAN_DATE,
      page: { fileName: 'stapel.pdf', filePage: 1, image },
    });
    expect(recorded.contact.stage).toBe('consent_given');
    const consents = session.ctx.repos.tracking.consents(anna);
    expect(consents.map((c) => [c.purpose, c.givenAt, c.textVersion, c.method, c.evidenceId])).toEqual([
      ['appointments', SCAN_DATE, consentTextVersion(getProfile(session.ctx)), 'signed_letter', recorded.evidenceId],
      ['site_photos', SCAN_DATE, consentTextVersion(getProfile(session.ctx)), 'signed_letter', recorded.evidenceId],
    ]);
    const evidence = session.ctx.repos.tracking.evidence(recorded.evidenceId!)!;
    expect(evidence.mime).toBe('application/pdf');
    expect(evidence.fileName).toBe('stapel, Seite 1.pdf');
    const pdf = await PDFDocument.load(evidence.data);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getPage(0).getSize().height).toBeCloseTo(841.89, 1);

    // The same page in the next stack: known, not sure, and refused when accepted again.
    const [again] = await propose(session, [reading(1, code, [0.3, 0.45, 0, 0, 0, 0])]);
    expect(again).toMatchObject({ alreadyRecorded: true, sure: false });
    const twice = await session.dispatch('scans.record', {
      contactId: anna,
      code,
      decision: 'consent',
      purposes: ['appointments'],
      transfer: false,
      scanDate: SCAN_DATE,
      page: { fileName: 'stapel.pdf', filePage: 1, image },
    });
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.error.message).toMatch(/schon als Nachweis gespeichert/);

    // The consent and its code in the history, in the app and on the command line.
    session.close();
    const history = JSON.parse((await cli('history', String(anna), '--db', file, '--json')).out) as {
      text: string;
      changes: { field: string; after: string }[];
    }[];
    const entry = history.find((line) => line.changes.some((change) => change.field === 'Rückläufer-Code'));
    expect(entry?.changes).toEqual(
      expect.arrayContaining([
        { field: 'Rückläufer-Code', before: null, after: code },
        expect.objectContaining({ field: 'Zwecke', after: 'Terminabsprachen, Fotos von Baustelle oder Schaden' }),
      ]),
    );
  });

  it('leaves an unclear box, an unsigned form, "Nein" beside a purpose and an empty form to the office', async () => {
    const { session, anna, bernd } = seed();
    const proposals = await propose(session, [
      reading(1, codeFor(session, anna), [0.3, 0.03, 0, 0, 0, 0]),
      reading(2, codeFor(session, bernd), [0.3, 0, 0, 0, 0, 0], 0),
      reading(3, codeFor(session, anna), [0.3, 0, 0, 0, 0, 0.4]),
      reading(4, codeFor(session, bernd), [0, 0, 0, 0, 0, 0]),
    ]);
    expect(proposals[0]).toMatchObject({ purposes: { appointments: true, site_photos: null }, sure: false });
    expect(proposals[0]!.confidence).toBeLessThan(0.6);
    expect(proposals[0]!.notes.join(' ')).toMatch(/Nicht sicher erkannt: Fotos/);
    expect(proposals[1]).toMatchObject({ signed: false, sure: false });
    expect(proposals[1]!.notes.join(' ')).toMatch(/Nicht unterschrieben/);
    expect(proposals[2]).toMatchObject({ refused: true, sure: false, sameAsPage: 1 });
    expect(proposals[2]!.notes.join(' ')).toMatch(/„Nein“ und eine Einwilligung/);
    expect(proposals[3]).toMatchObject({ sure: false });
    expect(proposals[3]!.notes).toContain('Nichts angekreuzt.');
  });

  it('proposes a clear "Nein" as a refusal and records it without keeping the page', async () => {
    const { session, anna } = seed();
    const code = codeFor(session, anna);
    const [proposal] = await propose(session, [reading(1, code, [0, 0, 0, 0, 0, 0.5], 0)]);
    expect(proposal).toMatchObject({ refused: true, sure: true, purposes: { appointments: false } });
    const evidenceBefore = session.ctx.repos.tracking.evidenceInfo([1]).size;
    const recorded = await send(session, 'scans.record', {
      contactId: anna,
      code,
      decision: 'refusal',
      purposes: [],
      transfer: null,
      scanDate: SCAN_DATE,
      page: { fileName: 'stapel.pdf', filePage: 1, image: await jpegPage() },
    });
    expect(recorded).toMatchObject({ contact: { stage: 'consent_refused' }, evidenceId: null });
    expect(session.ctx.repos.tracking.evidenceInfo([1]).size).toBe(evidenceBefore);
    expect(session.ctx.repos.tracking.consents(anna)).toEqual([]);
  });

  it('refuses another business’s code, a mistyped one, a page without code; says what a blank page is', async () => {
    const { session, anna } = seed();
    const foreign = codeFor(session, anna, Buffer.alloc(32, 1));
    const code = codeFor(session, anna);
    const typo = code.replace(/-(\d+)-/, (_, id) => `-${Number(id) + 1}-`);
    const proposals = await propose(session, [
      reading(1, foreign, [0.3, 0, 0, 0, 0, 0]),
      reading(2, typo, [0.3, 0, 0, 0, 0, 0]),
      reading(3, null, [0.3, 0, 0, 0, 0, 0]),
      reading(4, null, [], 0, { blank: true, aligned: false, signatureLines: [] }),
      reading(5, 'https://signal.me/#p/+491719876543', [0.3, 0, 0, 0, 0, 0]),
    ]);
    expect(proposals.map((p) => [p.codeState, p.contact, p.sure])).toEqual([
      ['foreign', null, false],
      ['foreign', null, false],
      ['missing', null, false],
      ['missing', null, false],
      ['unreadable', null, false],
    ]);
    expect(proposals[3]).toMatchObject({ blank: true, notes: ['Leere Seite.'] });
    // The page without a code, matched to Anna by hand: her boxes read, still for the office to accept.
    const [matched] = await propose(session, [{ ...reading(3, null, [0.3, 0, 0, 0, 0, 0]), matchedContactId: anna }]);
    expect(matched).toMatchObject({
      codeState: 'missing',
      contact: { id: anna },
      purposes: { appointments: true, site_photos: false },
      refused: false,
      signed: true,
      sure: false,
    });
    // A code typed by hand: checked the same way.
    expect(await session.dispatch('scans.checkCode', { code: typo })).toMatchObject({
      ok: true,
      value: { codeState: 'foreign', contact: null },
    });
    expect(await session.dispatch('scans.checkCode', { code: code.slice(4).toLowerCase() })).toMatchObject({
      ok: true,
      value: { codeState: 'valid', contact: { id: anna }, version: consentTextVersion(getProfile(session.ctx)) },
    });
    // Recording with a code of another contact, or dated ahead, is refused.
    const record = (contactId: number, scanDate: string) =>
      session.dispatch('scans.record', {
        contactId,
        code,
        decision: 'consent',
        purposes: ['appointments'],
        transfer: false,
        scanDate,
        page: { fileName: 'a.jpg', filePage: 1, image: 'AAAA' },
      });
    expect(await record(anna + 1, SCAN_DATE)).toMatchObject({
      ok: false,
      error: { message: 'Der Rückläufer-Code gehört zu einem anderen Kontakt.' },
    });
    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    expect(localToday() < tomorrow.toLocaleDateString('sv')).toBe(true);
    expect(await record(anna, tomorrow.toLocaleDateString('sv'))).toMatchObject({
      ok: false,
      error: { message: 'Das Datum des Scans liegt in der Zukunft.' },
    });
  });

  it('reads nothing into boxes it cannot place: too few found, corner marks missing', async () => {
    const { session, anna } = seed();
    const code = codeFor(session, anna);
    const proposals = await propose(session, [reading(1, code, [0.3, 0, 0, 0, 0]), reading(2, code, [], 0.04, { aligned: false })]);
    for (const proposal of proposals) {
      expect(proposal.sure).toBe(false);
      expect(Object.values(proposal.purposes)).toEqual([null, null, null, null]);
      expect(proposal.refused).toBeNull();
    }
    expect(proposals[0]!.notes[0]).toBe('5 statt 6 Kästchen gefunden: bitte die Kreuze selbst ablesen.');
    expect(proposals[1]!.notes[0]).toMatch(/Eckmarken wurden nicht gefunden/);
  });
});

describe('returned forms: what the page may not say', () => {
  it('puts a page with another business’s code on none of ours, not even when matched by hand; a messenger’s QR code may be', async () => {
    const { session, anna } = seed();
    const foreign = codeFor(session, anna, Buffer.alloc(32, 1));
    const [matchedForeign, matchedMessenger] = await propose(session, [
      { ...reading(1, foreign, [0.3, 0, 0, 0, 0, 0]), matchedContactId: anna },
      { ...reading(2, 'https://signal.me/#p/+491719876543', [0.3, 0, 0, 0, 0, 0]), matchedContactId: anna },
    ]);
    expect(matchedForeign).toMatchObject({ codeState: 'foreign', contact: null, sure: false });
    expect(matchedMessenger).toMatchObject({ codeState: 'unreadable', contact: { id: anna }, purposes: { appointments: true } });
    const record = (code: string) =>
      session.dispatch('scans.record', {
        contactId: anna,
        code,
        decision: 'consent',
        purposes: ['appointments'],
        transfer: false,
        scanDate: SCAN_DATE,
        page: { fileName: 'a.jpg', filePage: 1, image: 'AAAA' },
      });
    expect(await record(foreign)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/gehört nicht zu diesem Betrieb/) } });
  });

  it('records only purposes the form had, only for a text version it knows, never dated before the letter', async () => {
    const { session, anna } = seed();
    updateProfile(session.ctx, { ...completeProfile, purposes: ['appointments', 'site_photos'] });
    const code = codeFor(session, anna);
    const image = await jpegPage();
    const record = (purposes: Purpose[], scanDate = SCAN_DATE, withCode = code) =>
      session.dispatch('scans.record', {
        contactId: anna,
        code: withCode,
        decision: 'consent',
        purposes,
        transfer: false,
        scanDate,
        page: { fileName: 'a.jpg', filePage: 1, image },
      });
    expect(await record(['appointments', 'quotes_invoices'])).toMatchObject({
      ok: false,
      error: { message: 'Auf diesem Formular stand kein Kästchen für: Angebote und Rechnungen.' },
    });
    expect(await record(['appointments'], '2026-11-20')).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/Der Scan ist vom 20\.11\.2026, der Brief erst vom 26\.11\.2026/) },
    });
    // The texts changed since, and the old version's wording was never kept (no letter marked sent): unknown.
    updateProfile(session.ctx, { ...completeProfile, purposes: ['appointments'] });
    expect(await record(['appointments'])).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/ist hier nicht gespeichert/) },
    });
    expect(session.ctx.repos.tracking.consents(anna)).toEqual([]);
  });

  it('knows a "Nein" read again, says when a form belongs to an older letter, and leaves a company’s form for a minor to the office', async () => {
    const { session, anna, bernd } = seed();
    const code = codeFor(session, anna);
    await send(session, 'scans.record', {
      contactId: anna,
      code,
      decision: 'refusal',
      purposes: [],
      transfer: null,
      scanDate: SCAN_DATE,
      page: { fileName: 'a.jpg', filePage: 1, image: await jpegPage() },
    });
    const [again] = await propose(session, [reading(1, code, [0, 0, 0, 0, 0, 0.5], 0)]);
    expect(again).toMatchObject({ alreadyRecorded: true, sure: false });
    // Bernd got a newer letter since the one whose form comes back.
    setStage(session.ctx, bernd, { stage: 'consent_requested', date: '2026-12-02' });
    session.ctx.repos.contacts.updateFields(bernd, { letterSentAt: '2026-12-02' });
    const [older] = await propose(session, [reading(1, codeFor(session, bernd), [0.3, 0, 0, 0, 0, 0])]);
    expect(older).toMatchObject({ sure: false });
    expect(older!.notes.join(' ')).toMatch(/gehört zum Brief vom 26\.11\.2026; seitdem ging ein neuerer Brief hinaus \(am 02\.12\.2026\)/);
    // A company without a person, under 18: the parents sign on a second row.
    const firm = session.ctx.repos.contacts.insert({
      displayName: 'Jugendband Kassel',
      organization: 'Jugendband Kassel',
      isCompany: true,
      minor: true,
      phones: [{ e164: '+491701234599', raw: '0170 1234599', label: null, kind: 'mobile' }],
    });
    setStage(session.ctx, firm, { stage: 'consent_requested', date: LETTER_DATE });
    const [minor] = await propose(session, [
      {
        ...reading(1, codeFor(session, firm), [0.3, 0, 0, 0, 0, 0], 0.04),
        signatureLines: [
          { x0: 25, x1: 70, y: 217, ink: 0.02 },
          { x0: 77, x1: 125, y: 217, ink: 0.03 },
          { x0: 132, x1: 190, y: 217, ink: 0.04 },
        ],
      },
    ]);
    expect(minor).toMatchObject({ signed: null, sure: false });
    expect(minor!.notes.join(' ')).toMatch(/unterschreiben die Eltern in einer eigenen Zeile/);
  });
});
