import { afterEach, describe, expect, it, vi } from 'vitest';
import { TimedOut, withDeadline } from '../../../renderer/src/views/return-forms/deadline';
import {
  confidenceOf,
  countStatuses,
  decide,
  draftFrom,
  matchableByHand,
  matchByHand,
  nextOpenPage,
  type PageDraft,
  type PageOutcome,
  pageStatus,
  primaryAction,
  rematched,
  surePages,
} from '../../../renderer/src/views/return-forms/page-status';
import {
  checkPhoto,
  checkScanFile,
  MAX_PAGE_PIXELS,
  openTimedOut,
  PDF_OPEN_SECONDS,
  PDF_PAGE_SECONDS,
  pageTimedOut,
  pagesAllowed,
  pdfOpenOptions,
  pdfPageReadSize,
  photoReadSize,
} from '../../../renderer/src/views/return-forms/scan-files';
import { translate } from '../../../shared/i18n';
import type { PageProposal } from '../../../shared/model/return-forms';
import { scanLimits } from '../../../shared/scan/scan-files';

const bytes = (...values: (number | string)[]) =>
  new Uint8Array(values.flatMap((value) => (typeof value === 'string' ? [...value].map((c) => c.charCodeAt(0)) : [value])));

const png = (width: number, height: number) => {
  const header = new Uint8Array(33);
  header.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(header.buffer).setUint32(16, width);
  new DataView(header.buffer).setUint32(20, height);
  return header;
};

describe('what a dropped file is, before anything is decoded', () => {
  it('is read by its first bytes (the CLI’s rules); an empty file and a HEIC photo get sentences of their own', () => {
    expect(checkScanFile('scan.pdf', 10, bytes('%PDF-1.7\n'))).toBe('pdf');
    expect(checkScanFile('foto.jpg', 10, png(10, 10))).toBe('png');
    expect(checkScanFile('leer.pdf', 0, bytes())).toEqual({ key: 'returnFormsView.problems.empty', vars: { file: 'leer.pdf' } });
    expect(checkScanFile('IMG_1.jpg', 10, bytes(0, 0, 0, 0x18, 'ftypheic', 0, 0, 0, 0))).toEqual({
      key: 'returnForms.errors.heic',
      vars: { file: 'IMG_1.jpg' },
    });
    // Named HEIC without the header that would say so: still told as an iPhone photo, not "no scan".
    expect(checkScanFile('IMG_2.HEIC', 10, bytes('garbage and more bytes'))).toEqual({
      key: 'returnForms.errors.heic',
      vars: { file: 'IMG_2.HEIC' },
    });
    expect(checkScanFile('liste.docx', 10, bytes('PK', 3, 4, 'garbage bytes'))).toMatchObject({ key: 'returnForms.errors.notAScan' });
    expect(checkScanFile('riesig.pdf', scanLimits.pdfBytes + 1, bytes('%PDF-1.7\n'))).toMatchObject({
      key: 'returnForms.errors.fileTooLarge',
    });
  });

  it('refuses a decompression bomb by its header; reads a phone photo at about 200 dpi, never enlarged', () => {
    expect(checkPhoto('bombe.png', png(50_000, 50_000), 'png')).toMatchObject({ key: 'returnForms.errors.tooManyPixels' });
    expect(checkPhoto('handy.png', png(4032, 3024), 'png')).toBeNull();
    expect(photoReadSize(4032, 3024)).toEqual({ width: 2800, height: 2100 });
    expect(photoReadSize(3024, 4032)).toEqual({ width: 2100, height: 2800 });
    expect(photoReadSize(1200, 1600)).toEqual({ width: 1200, height: 1600 });
  });
});

describe('a PDF page at 200 dpi', () => {
  it('draws A4 at 1653 × 2338 pixels and A3 too; a page declared huge smaller; a page of metres or of no size not at all', () => {
    expect(pdfPageReadSize('s.pdf', 1, 595.28, 841.89)).toEqual({ scale: 200 / 72, width: 1653, height: 2338 });
    expect(pdfPageReadSize('s.pdf', 2, 841.89, 1190.55)).toMatchObject({ width: 2338, height: 3307 });
    // An A4 scan declared a point per pixel (58 × 82 cm): drawn at about 127 dpi, within the pixel limit.
    const declaredLarge = pdfPageReadSize('s.pdf', 3, 1654, 2339);
    expect(declaredLarge).toMatchObject({ width: 2913, height: 4119 });
    if ('width' in declaredLarge) expect(declaredLarge.width * declaredLarge.height).toBeLessThanOrEqual(MAX_PAGE_PIXELS);
    expect(pdfPageReadSize('s.pdf', 4, 14_400, 14_400)).toEqual({
      problem: { key: 'returnFormsView.problems.pageTooLarge', vars: { file: 's.pdf', page: 4, width: 508, height: 508 } },
    });
    expect(pdfPageReadSize('s.pdf', 5, 0, 842)).toMatchObject({ problem: { key: 'returnFormsView.problems.pageTooLarge' } });
    expect(pdfPageReadSize('s.pdf', 6, Number.NaN, 842)).toMatchObject({ problem: { vars: { width: 0 } } });
  });

  it('reads at most scanLimits.pages pages at once, refusing the file that would go beyond whole', () => {
    expect(pagesAllowed('a.pdf', 0, scanLimits.pages)).toBeNull();
    expect(pagesAllowed('b.pdf', scanLimits.pages - 1, 2)).toEqual({
      key: 'returnFormsView.problems.tooManyPagesTogether',
      vars: { file: 'b.pdf', pages: 2, limit: scanLimits.pages },
    });
    expect(pagesAllowed('c.pdf', 0, scanLimits.pages + 1)).toMatchObject({ key: 'returnForms.errors.tooManyPages' });
  });
});

describe('a hostile PDF', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('has no embedded picture decoded beyond the pixels a photo may have (the CLI’s limit)', () => {
    expect(pdfOpenOptions.maxImageSize).toBe(scanLimits.pixels);
    expect(pdfOpenOptions).toMatchObject({ isEvalSupported: false, enableXfa: false, disableFontFace: true });
  });

  it('that takes too long to open or to draw a page is given up, named in both languages', () => {
    expect(PDF_OPEN_SECONDS).toBe(60);
    expect(PDF_PAGE_SECONDS).toBe(30);
    expect(translate('de', openTimedOut('Stapel.pdf').key, openTimedOut('Stapel.pdf').vars)).toBe(
      'Stapel.pdf ließ sich nicht innerhalb von 60 Sekunden öffnen und wurde nicht gelesen (beschädigt oder ungewöhnlich aufgebaut). Bitte scannen Sie die Blätter neu.',
    );
    const page = pageTimedOut('Stapel.pdf', 7);
    expect(translate('de', page.key, page.vars)).toMatch(/^Stapel\.pdf, Seite 7: .* 30 Sekunden .* folgenden Seiten dieser Datei/);
    expect(translate('en', page.key, page.vars)).toMatch(/^Stapel\.pdf, page 7: .* 30 seconds/);
  });

  it('is stopped when a step outlasts its deadline, or the reading is cancelled; a step in time is left alone', async () => {
    vi.useFakeTimers();
    const never = new Promise<never>(() => undefined);
    const stopped = vi.fn();
    const late = withDeadline(never, 30_000, new AbortController().signal, stopped);
    const lateResult = expect(late).rejects.toBeInstanceOf(TimedOut);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(stopped).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await lateResult;
    expect(stopped).toHaveBeenCalledOnce();

    const cancel = new AbortController();
    const cancelledStop = vi.fn();
    const cancelled = withDeadline(never, 30_000, cancel.signal, cancelledStop);
    cancel.abort(new DOMException('cancelled', 'AbortError'));
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    expect(cancelledStop).toHaveBeenCalledOnce();
    // Cancelled before it began: stopped at once.
    const before = vi.fn();
    await expect(withDeadline(never, 30_000, cancel.signal, before)).rejects.toMatchObject({ name: 'AbortError' });
    expect(before).toHaveBeenCalledOnce();

    const inTime = vi.fn();
    await expect(withDeadline(Promise.resolve('Seite'), 30_000, new AbortController().signal, inTime)).resolves.toBe('Seite');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(inTime).not.toHaveBeenCalled();
  });
});

const proposal = (change: Partial<PageProposal> = {}): PageProposal => ({
  page: 1,
  fileName: 'stapel.pdf',
  filePage: 1,
  code: 'UH1-7-20261204-1A2B3C4D-7QK2M',
  codeState: 'valid',
  contact: { id: 7, displayName: 'Anna Berg', stage: 'consent_requested' },
  letterDate: '2026-12-04',
  version: 'EW-1A2B3C4D',
  purposes: { appointments: true, site_photos: false, quotes_invoices: true },
  transfer: false,
  refused: false,
  signed: true,
  confidence: 0.97,
  sure: true,
  blank: false,
  notes: [],
  alreadyRecorded: false,
  sameAsPage: null,
  ...change,
});

describe('a page’s status in the review', () => {
  it('follows what was read, and what the office did with it', () => {
    const status = (change: Partial<PageProposal>) => pageStatus(proposal(change), draftFrom(proposal(change)), null);
    expect(status({})).toBe('sure');
    expect(status({ sure: false, purposes: { appointments: null } })).toBe('check');
    expect(status({ codeState: 'missing', code: null, contact: null })).toBe('noCode');
    // A code of another business is no contact of this one, nor is one of a contact that is gone: only skipped.
    expect(status({ codeState: 'foreign', contact: null, sure: false })).toBe('unassignable');
    expect(status({ codeState: 'valid', contact: null, sure: false })).toBe('unassignable');
    // A QR code that is no Rückläufer-Code is as good as none: matched by hand.
    expect(status({ codeState: 'unreadable', code: 'https://example.org', contact: null })).toBe('noCode');
    expect(status({ blank: true, codeState: 'missing', contact: null })).toBe('blank');
    expect(status({ sameAsPage: 3 })).toBe('duplicate');
    expect(status({ alreadyRecorded: true })).toBe('recorded');
    expect(pageStatus(proposal(), draftFrom(proposal()), { kind: 'recorded', decision: 'consent', evidenceId: 1 })).toBe('done');
    expect(pageStatus(proposal({ blank: true }), draftFrom(proposal()), { kind: 'skipped' })).toBe('skipped');
  });

  it('is "check", never "sure", once matched by hand', () => {
    const read = proposal({ codeState: 'missing', code: null, contact: null, purposes: {}, sure: false });
    const matched = matchByHand(draftFrom(read), { id: 9, displayName: 'Carla Dorn', stage: 'new' }, null, null);
    expect(pageStatus(read, matched, null)).toBe('check');
    // Matched by name, the form (and its purposes) is unknown: every purpose is left to decide.
    expect(matched.purposes).toEqual({ appointments: null, site_photos: null, quotes_invoices: null, advertising: null });
    expect(matched).toMatchObject({ code: null, version: null, matchedByHand: true });
    // With a typed code the services read the page again: its boxes are that form's.
    const reread = proposal({ code: '7-20261204 1A2B3C4D-7QK2M' });
    expect(matchByHand(draftFrom(read), reread.contact!, reread, '7-20261204 1A2B3C4D-7QK2M')).toMatchObject({
      code: '7-20261204 1A2B3C4D-7QK2M',
      purposes: reread.purposes,
      matchedByHand: true,
    });
    // Chosen by name, read for the contact's last letter: no code, that letter's version, its boxes.
    const byName = proposal({ code: null, codeState: 'missing', contact: null, letterDate: null, purposes: { appointments: true } });
    expect(matchByHand(draftFrom(read), { id: 9, displayName: 'Carla Dorn', stage: 'new' }, byName, null)).toMatchObject({
      contact: { id: 9 },
      code: null,
      version: 'EW-1A2B3C4D',
      purposes: { appointments: true },
      matchedByHand: true,
    });
    // The services could not tell the form's boxes (an unknown version): every purpose is the office's to decide.
    const unknownForm = proposal({ code: null, codeState: 'missing', contact: null, purposes: {} });
    expect(matchByHand(draftFrom(read), { id: 9, displayName: 'Carla Dorn', stage: 'new' }, unknownForm, null).purposes).toEqual({
      appointments: null,
      site_photos: null,
      quotes_invoices: null,
      advertising: null,
    });
  });

  it('may be matched by hand only when no code of this business was read on it', () => {
    expect(matchableByHand(proposal({ codeState: 'missing', code: null, contact: null }))).toBe(true);
    expect(matchableByHand(proposal({ codeState: 'unreadable', code: 'WIFI:S:Büro;;', contact: null }))).toBe(true);
    expect(matchableByHand(proposal({ codeState: 'foreign', contact: null }))).toBe(false);
    expect(matchableByHand(proposal({ codeState: 'valid', contact: null }))).toBe(false);
    expect(matchableByHand(proposal())).toBe(false);
  });

  it('keeps the code read from the page, whatever it says, to be recorded with it', () => {
    // A QR code that is no Rückläufer-Code, matched by name: its text goes with the page (the services check it).
    const odd = proposal({ codeState: 'unreadable', code: 'https://example.org/x', contact: null, letterDate: null, version: null });
    expect(draftFrom(odd)).toMatchObject({ code: 'https://example.org/x', contact: null, letterDate: null, version: null });
    const reread = proposal({ codeState: 'unreadable', code: 'https://example.org/x', contact: null, letterDate: null, sure: false });
    expect(matchByHand(draftFrom(odd), { id: 9, displayName: 'Carla Dorn', stage: 'new' }, reread, 'https://example.org/x')).toMatchObject({
      code: 'https://example.org/x',
      contact: { id: 9 },
      version: 'EW-1A2B3C4D',
      letterDate: null,
    });
    // A reading that did not come back still keeps the code.
    expect(matchByHand(draftFrom(odd), { id: 9, displayName: 'Carla Dorn', stage: 'new' }, null, 'https://example.org/x').code).toBe(
      'https://example.org/x',
    );
  });

  it('a match by hand that comes back after the page was taken over or skipped changes nothing', () => {
    const read = proposal({ codeState: 'missing', code: null, contact: null, sure: false });
    const bernd = proposal({ contact: { id: 2, displayName: 'Bernd Kranz', stage: 'consent_requested' } });
    const page = (outcome: PageOutcome | null) => ({
      proposal: bernd,
      draft: { ...draftFrom(bernd), matchedByHand: true },
      outcome,
      error: null,
      matchLoading: true,
    });
    const carla = { id: 3, displayName: 'Carla Dorn', stage: 'consent_requested' as const };
    const carlaForm = proposal({ codeState: 'missing', code: null, contact: carla, sure: false, page: 99 });
    const recorded = page({ kind: 'recorded', decision: 'consent', evidenceId: 4 });
    expect(rematched(recorded, carla, carlaForm, null)).toBe(recorded);
    const skipped = page({ kind: 'skipped' });
    expect(rematched(skipped, carla, carlaForm, null)).toBe(skipped);
    // Still open: the page is Carla's now, in its place in the stack.
    const open = rematched({ ...page(null), proposal: read }, carla, carlaForm, null);
    expect(open.draft).toMatchObject({ contact: { id: 3 }, matchedByHand: true });
    expect(open.proposal.page).toBe(1);
  });

  it('Enter takes a page over, skips a blank or repeated one, and does nothing on a closed one', () => {
    expect(primaryAction('sure')).toBe('accept');
    expect(primaryAction('check')).toBe('accept');
    expect(primaryAction('noCode')).toBe('accept');
    expect(primaryAction('blank')).toBe('skip');
    expect(primaryAction('duplicate')).toBe('skip');
    expect(primaryAction('recorded')).toBe('skip');
    expect(primaryAction('unassignable')).toBe('skip');
    // Nothing while a contact chosen by hand is being checked: the page would be recorded for the one before.
    expect(primaryAction('check', true)).toBeNull();
    expect(primaryAction('noCode', true)).toBeNull();
    expect(primaryAction('done')).toBeNull();
    expect(primaryAction('skipped')).toBeNull();
  });

  it('goes on to the next open page, wrapping round, and to none when all are done', () => {
    expect(nextOpenPage(['done', 'sure', 'done', 'check'], 1)).toBe(3);
    expect(nextOpenPage(['check', 'done', 'skipped'], 1)).toBe(0);
    expect(nextOpenPage(['done', 'skipped'], 0)).toBeNull();
    expect(nextOpenPage(['done', 'check', 'done'], 1)).toBe(1);
  });

  it('says how sure the reading is in words, with the percentage', () => {
    expect(confidenceOf(1)).toEqual({ level: 'high', percent: 100 });
    expect(confidenceOf(0.9)).toEqual({ level: 'high', percent: 90 });
    expect(confidenceOf(0.8)).toEqual({ level: 'medium', percent: 80 });
    expect(confidenceOf(0.45)).toEqual({ level: 'low', percent: 45 });
    expect(confidenceOf(0.025)).toEqual({ level: 'low', percent: 3 });
    expect(confidenceOf(Number.NaN)).toEqual({ level: 'low', percent: 0 });
    expect(confidenceOf(7)).toEqual({ level: 'high', percent: 100 });
    expect(translate('de', 'returnFormsView.confidence.high', { percent: '100 %' })).toBe('sicher erkannt (100 %)');
    expect(translate('de', 'returnFormsView.confidence.low', { percent: '45 %' })).toBe('unsicher (45 %)');
  });

  it('counts the statuses and finds the sure pages that can be taken over together', () => {
    const drafts = [draftFrom(proposal()), draftFrom(proposal({ signed: null })), draftFrom(proposal())];
    expect(surePages(['sure', 'sure', 'check'], drafts)).toEqual([0]);
    expect(countStatuses(['sure', 'sure', 'blank'])).toMatchObject({ sure: 2, blank: 1, check: 0 });
  });
});

describe('what a page can be recorded as', () => {
  const draft = (change: Partial<PageDraft> = {}): PageDraft => ({ ...draftFrom(proposal()), ...change });

  it('a consent with the purposes ticked, the Art. 49 answer and a signature', () => {
    expect(decide(draft())).toEqual({ ok: true, decision: 'consent', purposes: ['appointments', 'quotes_invoices'], transfer: false });
    expect(decide(draft({ transfer: true }))).toMatchObject({ ok: true, transfer: true });
  });

  it('a refusal when "Nein" is ticked, signed or not, with no purpose and no transfer', () => {
    const refused = draft({ refused: true, purposes: { appointments: false, site_photos: false }, transfer: false, signed: null });
    expect(decide(refused)).toEqual({ ok: true, decision: 'refusal', purposes: [], transfer: null });
  });

  it('never while a box is undecided, the signature unclear or missing, or the page contradicts itself', () => {
    expect(decide(draft({ contact: null }))).toEqual({ ok: false, blocked: 'noContact' });
    expect(decide(draft({ refused: null }))).toEqual({ ok: false, blocked: 'undecidedRefusal' });
    expect(decide(draft({ purposes: { appointments: true, site_photos: null } }))).toEqual({ ok: false, blocked: 'undecidedPurposes' });
    expect(decide(draft({ refused: true, purposes: { appointments: null } }))).toEqual({ ok: false, blocked: 'undecidedPurposes' });
    expect(decide(draft({ refused: true }))).toEqual({ ok: false, blocked: 'refusedAndTicked' });
    expect(decide(draft({ refused: true, purposes: { appointments: false }, transfer: true }))).toEqual({
      ok: false,
      blocked: 'refusedAndTicked',
    });
    expect(decide(draft({ purposes: { appointments: false, site_photos: false } }))).toEqual({ ok: false, blocked: 'noPurpose' });
    expect(decide(draft({ transfer: null }))).toEqual({ ok: false, blocked: 'undecidedTransfer' });
    expect(decide(draft({ signed: null }))).toEqual({ ok: false, blocked: 'undecidedSignature' });
    expect(decide(draft({ signed: false }))).toEqual({ ok: false, blocked: 'unsigned' });
  });
});
