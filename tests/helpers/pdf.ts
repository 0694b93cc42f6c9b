import { execFileSync } from 'node:child_process';

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
  for (const match of html.matchAll(/<page [^>]*>|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (match[0].startsWith('<page')) {
      page += 1;
      continue;
    }
    const [, xMin, yMin, xMax, yMax, text] = match;
    result.push({ page, text: text!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'), left: Number(xMin) * MM_PER_PT, top: Number(yMin) * MM_PER_PT, right: Number(xMax) * MM_PER_PT, bottom: Number(yMax) * MM_PER_PT });
  }
  return result;
}
