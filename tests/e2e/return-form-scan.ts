import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import { pageCount, pdftotext, type Word, words } from '../helpers/pdf';

/**
 * A returned consent form as a scanner gives it back, made simply for the e2e test of "Rückläufer
 * einlesen": the app's own letter (printed by the CLI), its return copy written on in the PDF (crosses
 * beside the labels, a scribble above the signature line), rasterised by poppler at 200 dpi in grey, and
 * the pictures wrapped as an image-only PDF, as a scanner writes one. (tests/helpers/scan-set.ts makes
 * the large, spoilt stacks for the reader's own tests.)
 */

const PT_PER_MM = 72 / 25.4;
const A4 = { width: 595.28, height: 841.89 };

/** The pages of a letters PDF that are return copies ("Exemplar zur Rücksendung" with its Rückläufer-Code), in order. */
export function returnCopyPages(letters: string): number[] {
  return Array.from({ length: pageCount(letters) }, (_, index) => index + 1).filter((page) =>
    pdftotext(letters, '-f', String(page), '-l', String(page)).includes('Rückläufer-Code'),
  );
}

/** The Rückläufer-Code printed beside the QR code, as a person would type it. */
export function printedCode(letters: string, page: number): string {
  const text = pdftotext(letters, '-f', String(page), '-l', String(page), '-layout');
  const [, first, second] = /(\d+-\d{8})[\s\S]*?([0-9A-F]{8}-[0-9A-Z]{5})/.exec(text) ?? [];
  if (!first || !second) throw new Error(`no Rückläufer-Code on page ${page}`);
  return `${first} ${second}`;
}

export interface Filling {
  /** The first word of each box's label to cross (Terminabsprachen, Fotos, Freiwillig,, Nein, …). */
  cross: string[];
  signed: boolean;
  /** White over the QR code, as a smudge or a torn corner would leave it. */
  coverQr?: boolean;
}

const wordOn = (all: Word[], page: number, text: string, after?: (next: Word | undefined) => boolean): Word => {
  const onPage = all.filter((word) => word.page === page);
  const found = onPage.find((word, index) => word.text === text && (!after || after(onPage[index + 1])));
  if (!found) throw new Error(`"${text}" not on page ${page}`);
  return found;
};

/** The return copy on `page` of the letters, filled in and scanned: a PNG at 200 dpi in grey. */
export async function scanReturnCopy(letters: string, page: number, filling: Filling, dir: string): Promise<Buffer> {
  const all = words(letters);
  const document = await PDFDocument.load(readFileSync(letters));
  const sheet = document.getPage(page - 1);
  const at = (xMm: number, yMm: number) => ({ x: xMm * PT_PER_MM, y: sheet.getHeight() - yMm * PT_PER_MM });
  const pen = { thickness: 0.5 * PT_PER_MM, color: rgb(0.05, 0.05, 0.25) };
  for (const label of filling.cross) {
    // The box (5 mm) stands 2.5 mm left of its label, its top at the label line's top.
    const word = wordOn(all, page, label);
    const [cx, cy] = [word.left - 5, word.top + 2.1];
    sheet.drawLine({ start: at(cx - 1.8, cy - 1.8), end: at(cx + 1.8, cy + 1.8), ...pen });
    sheet.drawLine({ start: at(cx - 1.8, cy + 1.8), end: at(cx + 1.8, cy - 1.8), ...pen });
  }
  if (filling.signed) {
    // Above the line whose label is "Unterschrift (Name)".
    const label = wordOn(all, page, 'Unterschrift', (next) => next?.text.startsWith('(') ?? false);
    const y = label.top - 3.5;
    for (let step = 0; step < 12; step += 1) {
      const x = label.left + 2 + step * 3;
      sheet.drawLine({ start: at(x, y + (step % 2 ? 2 : -1.5)), end: at(x + 3, y + (step % 2 ? -1.5 : 2)), ...pen });
    }
  }
  if (filling.coverQr) {
    // The QR code stands left of its caption "Rückläufer-Code", 20 mm square with its quiet zone around.
    const caption = wordOn(all, page, 'Rückläufer-Code');
    const corner = at(caption.left - 27, caption.top + 15);
    sheet.drawRectangle({ x: corner.x, y: corner.y, width: 26.5 * PT_PER_MM, height: 30 * PT_PER_MM, color: rgb(1, 1, 1) });
  }
  const written = path.join(dir, `written-${page}.pdf`);
  writeFileSync(written, await document.save());
  return rasterise(written, page, dir);
}

/** A sheet with nothing on it, scanned (the back of a page fed by mistake). */
export async function scanBlankPage(dir: string): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.addPage([A4.width, A4.height]);
  const blank = path.join(dir, 'blank.pdf');
  writeFileSync(blank, await document.save());
  return rasterise(blank, 1, dir);
}

function rasterise(pdf: string, page: number, dir: string): Buffer {
  const base = path.join(dir, `scan-${path.basename(pdf, '.pdf')}`);
  execFileSync('pdftoppm', ['-r', '200', '-gray', '-png', '-singlefile', '-f', String(page), '-l', String(page), pdf, base]);
  return readFileSync(`${base}.png`);
}

/** Pictures of pages as a scanner's PDF: one A4 page a picture, nothing else on it. */
export async function scannerPdf(pictures: Buffer[]): Promise<Buffer> {
  const document = await PDFDocument.create();
  for (const picture of pictures) {
    const image = await document.embedPng(picture);
    document.addPage([A4.width, A4.height]).drawImage(image, { x: 0, y: 0, width: A4.width, height: A4.height });
  }
  return Buffer.from(await document.save());
}
