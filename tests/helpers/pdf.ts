import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants, inflateSync } from 'node:zlib';

const MM_PER_PT = 25.4 / 72;

/** The text of a PDF (pdftotext, poppler-utils). */
export const pdftotext = (file: string, ...args: string[]) => execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
export const pageCount = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

export interface Word {
  page: number;
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Every word with its box in mm from the top left, from `pdftotext -bbox`. */
export function words(file: string): Word[] {
  const html = pdftotext(file, '-bbox');
  const result: Word[] = [];
  let page = 0;
  for (const match of html.matchAll(
    /<page [^>]*>|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
  )) {
    if (match[0].startsWith('<page')) {
      page += 1;
      continue;
    }
    const [, xMin, yMin, xMax, yMax, text] = match;
    result.push({
      page,
      text: text!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'),
      left: Number(xMin) * MM_PER_PT,
      top: Number(yMin) * MM_PER_PT,
      right: Number(xMax) * MM_PER_PT,
      bottom: Number(yMax) * MM_PER_PT,
    });
  }
  return result;
}

/**
 * How each page's text is written in the PDF, from its content streams: text blocks (BT), glyph runs
 * (Tj/TJ) and moves inside a block (Td). A line written as one run has one of each but no move; a
 * position for every glyph shows as a move per glyph.
 */
export function textOperators(file: string): { blocks: number; runs: number; moves: number } {
  const pdf = readFileSync(file);
  const counts = { blocks: 0, runs: 0, moves: 0 };
  for (const match of pdf.toString('latin1').matchAll(/\/FlateDecode[\s\S]*?stream\r?\n/g)) {
    const start = match.index! + match[0].length;
    const content = inflateSync(pdf.subarray(start, pdf.indexOf('endstream', start)), { finishFlush: constants.Z_SYNC_FLUSH }).toString(
      'latin1',
    );
    if (!content.includes('BT')) continue;
    counts.blocks += (content.match(/\bBT\b/g) ?? []).length;
    counts.runs += (content.match(/\bT[jJ]\b/g) ?? []).length;
    counts.moves += (content.match(/\bTd\b/g) ?? []).length;
  }
  return counts;
}

/** Every page of a PDF as grey-scale pixels (pdftoppm, PGM), one byte a pixel. */
export function grayPages(file: string, dpi: number): Buffer[] {
  const base = `${file}-gray`;
  execFileSync('pdftoppm', ['-gray', '-r', String(dpi), file, base]);
  const pages = pageCount(file);
  return Array.from({ length: pages }, (_, index) => {
    const suffix = String(index + 1).padStart(String(pages).length, '0');
    const pgm = readFileSync(`${base}-${suffix}.pgm`);
    const header = /^P5\s+\d+\s+\d+\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
    return pgm.subarray(header[0].length);
  });
}
