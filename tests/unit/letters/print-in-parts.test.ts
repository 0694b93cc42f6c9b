import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { printHtmlToPdfBytes } from '../../../electron/printing/chromium';
import { printInParts } from '../../../electron/printing/merge';
import { tempDir } from '../../helpers/temp';

const page = (text: string) => `<section><p>${text}</p></section>`;
const document = (...texts: string[]) =>
  `<!doctype html><html><head><meta charset="utf-8"><style>@page{size:A4;margin:0}body{margin:0}section:not(:last-child){break-after:page}</style></head><body>${texts.map(page).join('')}</body></html>`;

describe('printing in parts', () => {
  it('prints each part, two at a time, reports progress, and merges the pages in order', async () => {
    const progress: string[] = [];
    let running = 0;
    let most = 0;
    const print = async (html: string) => {
      running += 1;
      most = Math.max(most, running);
      try {
        return await printHtmlToPdfBytes(html);
      } finally {
        running -= 1;
      }
    };
    const pdf = await printInParts([document('Teil eins A', 'Teil eins B'), document('Teil zwei'), document('Teil drei A', 'Teil drei B')], print, { onProgress: (done, total) => progress.push(`${done}/${total}`) });
    const file = path.join(tempDir(), 'merged.pdf');
    writeFileSync(file, pdf);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+5\b/);
    const pages = [1, 2, 3, 4, 5].map((n) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' }).trim());
    expect(pages).toEqual(['Teil eins A', 'Teil eins B', 'Teil zwei', 'Teil drei A', 'Teil drei B']);
    expect(progress).toEqual(['1/3', '2/3', '3/3']);
    expect(most).toBe(2);
  }, 60_000);
});
