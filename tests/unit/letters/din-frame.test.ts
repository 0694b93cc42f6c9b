import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { printLetters } from '../../../electron/services/letters';
import { updateProfile } from '../../../electron/services/profile';
import { din5008, HOLE_MARK, type LetterForm } from '../../../shared/letters/din-letter';
import { completeProfile } from '../../helpers/profile';
import { textOperators, words } from '../../helpers/pdf';
import { testSession } from '../../helpers/session';
import { tempDir } from '../../helpers/temp';

const DPI = 100;
const PX_PER_MM = DPI / 25.4;

/** Page 1 of a PDF as a grey-scale raster (pdftoppm, PGM): dark(xMm, yMm) tells whether ink is there. */
function raster(file: string) {
  const base = path.join(path.dirname(file), 'page');
  execFileSync('pdftoppm', ['-gray', '-r', String(DPI), '-f', '1', '-l', '1', file, base]);
  const pgm = readFileSync(`${base}-1.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const [width, offset] = [Number(header[1]), header[0].length];
  const dark = (xMm: number, yMm: number) => pgm[offset + Math.round(yMm * PX_PER_MM) * width + Math.round(xMm * PX_PER_MM)]! < 128;
  /** Ink anywhere in a small box around (x, y), ± half a millimetre up and down. */
  const inkNear = (xMm: number, yMm: number) => [-0.5, -0.25, 0, 0.25, 0.5].some((dy) => dark(xMm, yMm + dy));
  return { inkNear };
}

async function printOne(form: LetterForm) {
  const session = testSession();
  updateProfile(session.ctx, completeProfile);
  const id = session.ctx.repos.contacts.insert({
    displayName: 'Jürgen Müller',
    givenName: 'Jürgen',
    familyName: 'Müller',
    gender: 'male',
    customerNumber: 'K-4711',
    addresses: [{ street: 'Am Lindenhof 12', postalCode: '34131', city: 'Kassel', region: null, country: null, label: null }],
  });
  const file = path.join(tempDir(), `form-${form}.pdf`);
  await printLetters(session.ctx, { ids: [id], form, date: '2026-11-27' }, (pdf) => writeFileSync(file, pdf));
  return file;
}

describe.each(['B', 'A'] as const)('the DIN 5008 frame, Form %s', (form) => {
  const pos = din5008[form];

  it('puts the return line, the information block and the letter text where the standard says', async () => {
    const file = await printOne(form);
    const page = words(file).filter((w) => w.page === 1);
    const first = (text: string, where: (w: (typeof page)[number]) => boolean = () => true) =>
      page.find((w) => w.text === text && where(w))!;
    // The return line (8 pt, underlined) sits in the 5 mm above the address zone's start.
    const returnWord = first('Mühlenweg', (w) => w.top > 25);
    expect(returnWord.top).toBeGreaterThanOrEqual(pos.returnLine);
    expect(returnWord.bottom).toBeLessThanOrEqual(pos.returnLine + 5);
    expect(returnWord.left).toBeGreaterThanOrEqual(25);
    // The whole sender, within the window (20–110 mm from the left).
    const returnLine = page.filter((w) => Math.abs(w.top - returnWord.top) < 0.5);
    expect(returnLine.map((w) => w.text).join(' ')).toBe('Dachdeckerei Schulze GmbH, Mühlenweg 3, 34117 Kassel');
    expect(Math.max(...returnLine.map((w) => w.right))).toBeLessThanOrEqual(110);
    // The information block from 125 mm, its first line at the block's top, the date last.
    const customerNumber = first('Kundennummer');
    expect(customerNumber.left).toBeGreaterThanOrEqual(124.5);
    expect(customerNumber.top).toBeGreaterThanOrEqual(pos.infoBlock);
    expect(customerNumber.top).toBeLessThanOrEqual(pos.infoBlock + 2);
    expect(first('Datum').top).toBeGreaterThan(first('E-Mail', (w) => w.left > 124).top);
    // The subject starts the text, at the body's top, 25 mm from the left.
    const subject = first('WhatsApp', (w) => w.top > pos.addressZoneEnd);
    // The glyphs' box (the font's ascent) may touch the body's top by a hair (0.014 mm at 1.25 line height).
    expect(subject.top).toBeGreaterThanOrEqual(pos.body - 0.1);
    expect(subject.top).toBeLessThanOrEqual(pos.body + 3);
    expect(first('Sehr').left).toBeGreaterThanOrEqual(24.5);
    expect(first('Sehr').left).toBeLessThanOrEqual(25.5);
  }, 60_000);

  it('writes every line as one run of glyphs (type sizes on the pixel grid, no kerning): a small PDF, quick to print', async () => {
    const text = textOperators(await printOne(form));
    expect(text.blocks).toBeGreaterThan(50);
    expect(text.runs).toBe(text.blocks);
    expect(text.moves).toBe(0);
  }, 60_000);

  it('draws the fold marks and the hole mark at the left edge, and nothing beside them', async () => {
    const { inkNear } = raster(await printOne(form));
    for (const top of pos.folds) {
      expect(inkNear(6, top), `fold mark at ${top} mm`).toBe(true);
      expect(inkNear(6, top + 3), `nothing 3 mm below the fold mark at ${top} mm`).toBe(false);
      expect(inkNear(12, top), `the fold mark at ${top} mm is short`).toBe(false);
    }
    expect(inkNear(10, HOLE_MARK), 'hole mark (longer)').toBe(true);
    expect(inkNear(10, pos.folds[0]), 'fold marks are shorter than the hole mark').toBe(false);
  }, 60_000);
});
