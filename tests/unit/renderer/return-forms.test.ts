import { describe, expect, it } from 'vitest';
import type { PageProposal } from '../../../shared/model/return-forms';
import {
  countStatuses,
  decide,
  draftFrom,
  matchByHand,
  nextOpenPage,
  type PageDraft,
  pageStatus,
  primaryAction,
  surePages,
} from '../../../renderer/src/views/return-forms/page-status';
import {
  checkPhoto,
  checkScanFile,
  MAX_PAGE_PIXELS,
  pagesAllowed,
  pdfPageReadSize,
  photoReadSize,
} from '../../../renderer/src/views/return-forms/scan-files';
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
    // A valid code of another business is no contact of this one.
    expect(status({ codeState: 'foreign' })).toBe('noCode');
    expect(status({ blank: true, codeState: 'missing', contact: null })).toBe('blank');
    expect(status({ sameAsPage: 3 })).toBe('duplicate');
    expect(status({ alreadyRecorded: true })).toBe('recorded');
    expect(pageStatus(proposal(), draftFrom(proposal()), { kind: 'recorded', decision: 'consent', evidenceId: 1 })).toBe('done');
    expect(pageStatus(proposal({ blank: true }), draftFrom(proposal()), { kind: 'skipped' })).toBe('skipped');
  });

  it('is "check", never "sure", once matched by hand', () => {
    const read = proposal({ codeState: 'missing', code: null, contact: null, purposes: {}, sure: false });
    const matched = matchByHand(draftFrom(read), { id: 9, displayName: 'Carla Dorn', stage: 'new' }, null);
    expect(pageStatus(read, matched, null)).toBe('check');
    // Matched by name, the form (and its purposes) is unknown: every purpose is left to decide.
    expect(matched.purposes).toEqual({ appointments: null, site_photos: null, quotes_invoices: null, advertising: null });
    expect(matched).toMatchObject({ code: null, version: null, matchedByHand: true });
    // With a typed code the services read the page again: its boxes are that form's.
    const reread = proposal({ code: '7-20261204 1A2B3C4D-7QK2M' });
    expect(matchByHand(draftFrom(read), reread.contact!, reread)).toMatchObject({
      code: '7-20261204 1A2B3C4D-7QK2M',
      purposes: reread.purposes,
      matchedByHand: true,
    });
    // Chosen by name, read for the contact's last letter: no code, that letter's version, its boxes.
    const byName = proposal({ code: null, codeState: 'missing', contact: null, letterDate: null, purposes: { appointments: true } });
    expect(matchByHand(draftFrom(read), { id: 9, displayName: 'Carla Dorn', stage: 'new' }, byName)).toMatchObject({
      contact: { id: 9 },
      code: null,
      version: 'EW-1A2B3C4D',
      purposes: { appointments: true },
      matchedByHand: true,
    });
    // The services could not tell the form's boxes (an unknown version): every purpose is the office's to decide.
    const unknownForm = proposal({ code: null, codeState: 'missing', contact: null, purposes: {} });
    expect(matchByHand(draftFrom(read), { id: 9, displayName: 'Carla Dorn', stage: 'new' }, unknownForm).purposes).toEqual({
      appointments: null,
      site_photos: null,
      quotes_invoices: null,
      advertising: null,
    });
  });

  it('Enter takes a page over, skips a blank or repeated one, and does nothing on a closed one', () => {
    expect(primaryAction('sure')).toBe('accept');
    expect(primaryAction('check')).toBe('accept');
    expect(primaryAction('noCode')).toBe('accept');
    expect(primaryAction('blank')).toBe('skip');
    expect(primaryAction('duplicate')).toBe('skip');
    expect(primaryAction('recorded')).toBe('skip');
    expect(primaryAction('done')).toBeNull();
    expect(primaryAction('skipped')).toBeNull();
  });

  it('goes on to the next open page, wrapping round, and to none when all are done', () => {
    expect(nextOpenPage(['done', 'sure', 'done', 'check'], 1)).toBe(3);
    expect(nextOpenPage(['check', 'done', 'skipped'], 1)).toBe(0);
    expect(nextOpenPage(['done', 'skipped'], 0)).toBeNull();
    expect(nextOpenPage(['done', 'check', 'done'], 1)).toBe(1);
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
