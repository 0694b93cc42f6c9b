import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openChromiumPrinter } from '../../../electron/printing/chromium';
import { printInParts } from '../../../electron/printing/merge';
import type { OpenPdfPrinter } from '../../../electron/printing/printer';
import { tempDir } from '../../helpers/temp';

const page = (text: string) => `<section><p>${text}</p></section>`;
const document = (...texts: string[]) =>
  `<!doctype html><html><head><meta charset="utf-8"><style>@page{size:A4;margin:0}body{margin:0}section:not(:last-child){break-after:page}</style></head><body>${texts.map(page).join('')}</body></html>`;

/** Chromium's printer, counting how often it is opened and closed and how many parts print at once. */
function countingPrinter(failOn?: string) {
  const seen = { opened: 0, closed: 0, running: 0, most: 0 };
  const open: OpenPdfPrinter = async () => {
    seen.opened += 1;
    const printer = await openChromiumPrinter();
    return {
      async print(html) {
        seen.running += 1;
        seen.most = Math.max(seen.most, seen.running);
        try {
          if (failOn && html.includes(failOn)) throw new Error('paper jam');
          return await printer.print(html);
        } finally {
          seen.running -= 1;
        }
      },
      async close() {
        seen.closed += 1;
        await printer.close();
      },
    };
  };
  return { open, seen };
}

describe('printing in parts', () => {
  it('prints each part with one browser, two at a time, reports progress, and merges the pages in order', async () => {
    const progress: string[] = [];
    const { open, seen } = countingPrinter();
    const pdf = await printInParts([document('Teil eins A', 'Teil eins B'), document('Teil zwei'), document('Teil drei A', 'Teil drei B')], open, { onProgress: (done, total) => progress.push(`${done}/${total}`) });
    const file = path.join(tempDir(), 'merged.pdf');
    writeFileSync(file, pdf);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+5\b/);
    const pages = [1, 2, 3, 4, 5].map((n) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' }).trim());
    expect(pages).toEqual(['Teil eins A', 'Teil eins B', 'Teil zwei', 'Teil drei A', 'Teil drei B']);
    expect(progress).toEqual(['1/3', '2/3', '3/3']);
    expect(seen).toMatchObject({ opened: 1, closed: 1, most: 2 });
  }, 60_000);

  it('stops at the first failing part, reports it, and still closes the printer', async () => {
    const { open, seen } = countingPrinter('Teil zwei');
    await expect(printInParts([document('Teil eins'), document('Teil zwei'), document('Teil drei'), document('Teil vier')], open)).rejects.toThrow('paper jam');
    expect(seen).toMatchObject({ opened: 1, closed: 1, running: 0 });
  }, 60_000);
});
