import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReturnCode } from '../../../electron/services/return-codes';
import { parseReturnCode, printedReturnCode } from '../../../shared/scan/return-code';
import { grayPages, pageCount, pdftotext } from '../../helpers/pdf';
import { type Affine, makeScanSet, type PageTruth, pageToImage, type RectMm, type ScanSet, tickStyles } from '../../helpers/scan-set';

/**
 * What the generator of scanned return forms promises (tests/helpers/scan-set.ts): the files, the
 * kinds of page, the codes, and that its truth is where the ink is: the measured boxes and lines
 * where the printed letters have them, the ticks and the QR code where the truth's transform says.
 * Not the reader: nothing here reads a page the way the app will.
 */

const folders: string[] = [];
const newFolder = () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'umzugshelfer-scanset-'));
  folders.push(folder);
  return folder;
};

let set: ScanSet;
beforeAll(async () => {
  set = await makeScanSet({ folder: newFolder(), pages: 12 });
}, 120_000);

afterAll(() => {
  set?.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** Grey values (0 black … 255 white) at points 0.1 mm apart over a rectangle of the page, through `transform` into an image. */
interface Pixels {
  width: number;
  height: number;
  grey: (x: number, y: number) => number;
}

function sample(pixels: Pixels, transform: Affine, rect: RectMm): number[] {
  const values: number[] = [];
  for (let y = rect.y; y <= rect.y + rect.height + 1e-9; y += 0.1)
    for (let x = rect.x; x <= rect.x + rect.width + 1e-9; x += 0.1) {
      const at = pageToImage(transform, { x, y });
      values.push(pixels.grey(Math.round(at.x), Math.round(at.y)));
    }
  return values;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const inset = (rect: RectMm, by: number): RectMm => ({
  x: rect.x + by,
  y: rect.y + by,
  width: rect.width - 2 * by,
  height: rect.height - 2 * by,
});

async function scanned(page: PageTruth): Promise<Pixels> {
  const image = await loadImage(readFileSync(page.imagePath));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data, width, height } = ctx.getImageData(0, 0, image.width, image.height);
  return {
    width,
    height,
    grey: (x, y) => 0.299 * data[(y * width + x) * 4]! + 0.587 * data[(y * width + x) * 4 + 1]! + 0.114 * data[(y * width + x) * 4 + 2]!,
  };
}

/** The printed pages at 200 dpi, upright: mm to pixels is a scale (pdftoppm makes Chromium's A4 1653 × 2339 px). */
const A4_200 = { width: 1653, height: 2339 };
const upright: Affine = { a: 200 / 25.4, b: 0, c: 0, d: 200 / 25.4, e: 0, f: 0 };
const printedPages = (pdf: string): Pixels[] =>
  grayPages(pdf, 200).map((pixels) => {
    expect(pixels.length).toBe(A4_200.width * A4_200.height);
    return { ...A4_200, grey: (x, y) => pixels[y * A4_200.width + x]! };
  });

/** The paper's grey on a page: an empty stretch under the signatures. */
const paperOf = (pixels: Pixels, transform: Affine) => mean(sample(pixels, transform, { x: 30, y: 240, width: 150, height: 35 }));

describe('a generated stack of scanned return forms', () => {
  it('writes one PDF page and one image file per page, in order, of the size and kind the truth says', async () => {
    expect(set.truth.length).toBe(12);
    expect(pageCount(set.pdfPath)).toBe(12);
    expect(set.imagePaths).toEqual(set.truth.map((page) => page.imagePath));
    const pdf = await PDFDocument.load(readFileSync(set.pdfPath));
    for (const [index, page] of set.truth.entries()) {
      expect(page.page).toBe(index + 1);
      const bytes = readFileSync(page.imagePath);
      if (page.format === 'jpeg') expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
      else expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      const image = await loadImage(bytes);
      expect([image.width, image.height]).toEqual([page.width, page.height]);
      // A4 across for a page turned a quarter, upright otherwise.
      const { width, height } = pdf.getPage(index).getSize();
      expect(width > height).toBe(page.width > page.height);
      expect(Math.max(width, height)).toBeCloseTo(841.89, 1);
      expect(Math.min(width, height)).toBeCloseTo(595.28, 1);
    }
    expect(new Set(set.truth.map((page) => page.format))).toEqual(new Set(['jpeg', 'png']));
  });

  it('has each special page: a blank sheet, another business’s form, a covered QR code, a form scanned twice', () => {
    const count = (kind: PageTruth['kind']) => set.truth.filter((page) => page.kind === kind).length;
    expect([count('form'), count('noCode'), count('blank'), count('foreign'), count('duplicate')]).toEqual([8, 1, 1, 1, 1]);
    const duplicate = set.truth.find((page) => page.kind === 'duplicate')!;
    const original = set.truth[duplicate.duplicateOf! - 1]!;
    expect(original.page).toBeLessThan(duplicate.page);
    expect(original.kind).toBe('form');
    for (const field of ['contactId', 'code', 'expectedCode', 'ticks', 'tickStyle', 'signed', 'placeDateWritten', 'boxes'] as const)
      expect(duplicate[field], field).toEqual(original[field]);
    expect(duplicate.rotation.degrees).not.toBe(original.rotation.degrees);
    // Every letter of the first business is in the stack once, besides the duplicate.
    const own = set.truth.filter((page) => page.kind === 'form' || page.kind === 'noCode').map((page) => page.contactId);
    expect(own.sort((a, b) => a! - b!)).toEqual(set.contactIds);
  });

  it('names the codes printed: the first database’s check out, the other business’s do not, a covered one is not to be found', () => {
    for (const page of set.truth) {
      if (page.kind === 'blank') {
        expect([page.code, page.expectedCode, page.contactId]).toEqual([null, null, null]);
        continue;
      }
      const checked = checkReturnCode(set.session.ctx, page.code!);
      expect(checked.kind, `page ${page.page}`).toBe(page.kind === 'foreign' ? 'foreign' : 'valid');
      expect(parseReturnCode(page.code!)).toMatchObject({ contactId: page.contactId, letterDate: '2026-11-26' });
      expect(page.expectedCode).toBe(page.kind === 'noCode' ? null : page.code);
      // The code in plain text on the printed return copy is the truth's.
      const [pdf, index] =
        page.kind === 'foreign' ? [set.foreignLettersPdfPath, 0] : [set.lettersPdfPath, set.contactIds.indexOf(page.contactId!)];
      const text = pdftotext(pdf, '-f', String(3 * index + 3), '-l', String(3 * index + 3));
      for (const part of printedReturnCode(parseReturnCode(page.code!)!)) expect(text).toContain(part);
    }
    // The other business's contact has a number the first database has too: only the check value tells.
    const foreign = set.truth.find((page) => page.kind === 'foreign')!;
    expect(set.contactIds).toContain(foreign.contactId);
  });

  it('measures the boxes, signature lines, QR code and corner marks where the printed letters have them', () => {
    const own = printedPages(set.lettersPdfPath);
    const other = printedPages(set.foreignLettersPdfPath);
    for (const page of set.truth.filter((p) => p.kind !== 'blank' && p.kind !== 'duplicate')) {
      const printed = page.kind === 'foreign' ? other[2]! : own[3 * set.contactIds.indexOf(page.contactId!) + 2]!;
      const at = (rect: RectMm) => mean(sample(printed, upright, rect));
      const where = `page ${page.page}`;
      expect(page.boxes.map((box) => box.role)).toEqual(
        page.kind === 'foreign'
          ? ['purpose', 'purpose', 'transfer', 'refusal']
          : ['purpose', 'purpose', 'purpose', 'advertising', 'transfer', 'refusal'],
      );
      expect(page.boxes.at(-1)!.label).toMatch(/^(Nein|No),/);
      for (const box of page.boxes) {
        expect(box.width).toBeCloseTo(5, 1);
        // Each of the four borders dark along its middle, the inside white. Chromium prints the 0.3 mm
        // border as one CSS pixel (0.26 mm) snapped to the pixel grid, up to 0.25 mm off the layout's
        // fraction of a pixel: the darkest of the lines 0.3 mm either side.
        const border = (rect: RectMm) =>
          Math.min(
            ...[-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3].map((off) =>
              at({ ...rect, x: rect.x + (rect.width ? 0 : off), y: rect.y + (rect.width ? off : 0) }),
            ),
          );
        expect(border({ x: box.x + 0.5, y: box.y + 0.15, width: box.width - 1, height: 0 }), where).toBeLessThan(60);
        expect(border({ x: box.x + 0.5, y: box.y + box.height - 0.15, width: box.width - 1, height: 0 }), where).toBeLessThan(60);
        expect(border({ x: box.x + 0.15, y: box.y + 0.5, width: 0, height: box.height - 1 }), where).toBeLessThan(60);
        expect(border({ x: box.x + box.width - 0.15, y: box.y + 0.5, width: 0, height: box.height - 1 }), where).toBeLessThan(60);
        expect(at(inset(box, 0.8)), where).toBeGreaterThan(250);
      }
      expect(page.signatureLines.map((line) => line.role)).toContain('signature');
      for (const line of page.signatureLines) {
        const onLine = [-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3].map((off) =>
          at({ x: line.x0 + 1, y: line.y + off, width: line.x1 - line.x0 - 2, height: 0 }),
        );
        expect(Math.min(...onLine), where).toBeLessThan(60);
        // Nothing printed in the 8 mm above a line (where it is signed).
        expect(at({ x: line.x0, y: line.y - 8, width: line.x1 - line.x0, height: 7.5 }), where).toBeGreaterThan(250);
      }
      for (const mark of page.cornerMarks) expect(at({ x: mark.x - 3, y: mark.y - 3, width: 6, height: 6 }), where).toBeLessThan(20);
      // The QR code: modules dark and light, its quiet zone white.
      const qr = page.qr!;
      const symbol = at(inset(qr, 3));
      expect(symbol).toBeGreaterThan(60);
      expect(symbol).toBeLessThan(200);
      expect(at({ x: qr.x + 0.3, y: qr.y + 0.3, width: qr.width - 0.6, height: 0 })).toBeGreaterThan(250);
    }
  });

  it('draws the ticks, signatures and QR code where the truth’s transform puts the boxes, lines and code', async () => {
    const blank = set.truth.find((page) => page.kind === 'blank')!;
    const blankPixels = await scanned(blank);
    const blankPaper = paperOf(blankPixels, blank.transform);
    // A blank sheet is paper all over: its QR code's place no darker than the rest.
    expect(Math.abs(mean(sample(blankPixels, blank.transform, { x: 125, y: 65, width: 20, height: 20 })) - blankPaper)).toBeLessThan(3);
    for (const page of set.truth.filter((p) => p.kind !== 'blank')) {
      const pixels = await scanned(page);
      const paper = paperOf(pixels, page.transform);
      const darkening = (rect: RectMm) => paper - mean(sample(pixels, page.transform, rect));
      const where = `page ${page.page} (${page.tickStyle}, ${page.rotation.degrees}°)`;
      const boxes = page.boxes.map((box) => darkening(inset(box, 0.8)));
      const ticked = boxes.filter((_, i) => page.ticks[i]);
      const empty = boxes.filter((_, i) => !page.ticks[i]);
      for (const value of empty) expect(value, `${where}: ${boxes.map(Math.round)}`).toBeLessThan(3);
      for (const value of ticked) expect(value, `${where}: ${boxes.map(Math.round)}`).toBeGreaterThan(Math.max(3, ...empty));
      for (const line of page.signatureLines) {
        const above = darkening({ x: line.x0, y: line.y - 8, width: line.x1 - line.x0, height: 7.5 });
        const written = line.role === 'signature' || line.role === 'other' ? page.signed : page.placeDateWritten;
        if (written) expect(above, `${where}: ${line.label}`).toBeGreaterThan(1.5);
        else expect(above, `${where}: ${line.label}`).toBeLessThan(1);
      }
      const qr = darkening(inset(page.qr!, 3));
      if (page.expectedCode) expect(qr, where).toBeGreaterThan(60);
      else expect(qr, where).toBeLessThan(3);
      // The QR code's place darker than on the blank sheet, unless covered.
      const qrGrey = mean(sample(pixels, page.transform, inset(page.qr!, 3)));
      expect(qrGrey < blankPaper - 60, where).toBe(page.expectedCode !== null);
    }
  });

  it('ticks every box and leaves every box empty somewhere, answers yes and no, in every style and turn', () => {
    const forms = set.truth.filter((page) => page.tickStyle !== null);
    for (const role of ['purpose', 'advertising', 'transfer', 'refusal'] as const) {
      const marks = forms.flatMap((page) => page.boxes.flatMap((box, i) => (box.role === role ? [page.ticks[i]!] : [])));
      expect(new Set(marks), role).toEqual(new Set([true, false]));
    }
    const refusals = forms.filter((page) => page.scenario === 'refusal');
    expect(refusals.length).toBeGreaterThan(0);
    for (const page of refusals) expect(page.ticks).toEqual(page.boxes.map((box) => box.role === 'refusal'));
    const consents = forms.filter((page) => page.scenario === 'consentAll' || page.scenario === 'consentSome');
    expect(consents.length).toBeGreaterThan(0);
    for (const page of consents) {
      expect(page.ticks[page.boxes.findIndex((box) => box.role === 'refusal')]).toBe(false);
      expect(page.boxes.some((box, i) => box.role === 'purpose' && page.ticks[i])).toBe(true);
    }
    expect(new Set(forms.map((page) => page.tickStyle))).toEqual(new Set(tickStyles));
    expect(new Set(forms.map((page) => page.rotation.quarter))).toEqual(new Set([0, 90, 180, 270]));
    for (const page of forms) {
      expect(Math.abs(page.rotation.skew)).toBeLessThanOrEqual(10);
      expect(page.rotation.degrees).toBeCloseTo(page.rotation.quarter + page.rotation.skew, 6);
    }
    expect(new Set(forms.map((page) => page.signed))).toEqual(new Set([true, false]));
  });

  it('makes the same stack from the same seed (all but the codes: each database has its own key), another from another', async () => {
    const comparable = (stack: ScanSet) =>
      stack.truth.map(({ imagePath, code, expectedCode, ...rest }) => ({ ...rest, file: path.basename(imagePath), coded: code !== null }));
    const build = async (seed: number) => {
      const small = await makeScanSet({ folder: newFolder(), pages: 5, seed });
      small.close();
      return small;
    };
    const [first, again, other] = [await build(7), await build(7), await build(8)];
    expect(first.truth.map((page) => page.kind).sort()).toEqual(['blank', 'duplicate', 'foreign', 'form', 'noCode']);
    expect(comparable(again)).toEqual(comparable(first));
    expect(comparable(other)).not.toEqual(comparable(first));
    await expect(makeScanSet({ folder: newFolder(), pages: 4 })).rejects.toThrow('4 pages cannot hold');
  }, 120_000);
});
