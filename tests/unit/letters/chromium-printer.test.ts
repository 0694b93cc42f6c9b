import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser, openChromiumPrinter } from '../../../electron/printing/chromium';
import { tempDir } from '../../helpers/temp';

const a4 = (text: string) => `<!doctype html><html><head><meta charset="utf-8"><style>@page{size:A4;margin:0}body{margin:0;padding:20mm}</style></head><body><p>${text}</p></body></html>`;

/** Processes whose command line names this profile folder (the browser and its helpers). */
const processesUsing = (folder: string) =>
  execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(folder));

describe('the headless Chromium printer', () => {
  it('prints several documents at once in one browser, as A4, and leaves no browser or file behind', async () => {
    const printer = await openChromiumPrinter();
    const profile = processesUsing('umzugshelfer-print-')[0]?.match(/--user-data-dir=(\S+)/)?.[1];
    expect(profile).toBeTruthy();
    const [first, second] = await Promise.all([printer.print(a4('Brief an Müller')), printer.print(a4('Brief an Schmidt'))]);
    const third = await printer.print(a4('Brief an Öztürk'));
    // Three windows are open now (the one the browser starts with, one per tab's browser context), each
    // with its renderer, and no other: no spare renderer waiting for the next navigation, none keeping
    // the address bar's popup (which cost about 0.5 s of CPU per window).
    const helpers = processesUsing(profile!);
    expect(helpers.filter((line) => line.includes('--type=renderer')).length).toBe(3);
    expect(helpers.filter((line) => line.includes('--top-chrome-webui'))).toEqual([]);
    await printer.close();

    const texts = [first!, second!, third].map((pdf, index) => {
      const file = path.join(tempDir(), `part-${index}.pdf`);
      writeFileSync(file, pdf);
      expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Page size:.*\(A4\)/);
      return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).trim();
    });
    expect(texts).toEqual(['Brief an Müller', 'Brief an Schmidt', 'Brief an Öztürk']);
    expect(processesUsing(profile!)).toEqual([]);
    expect(existsSync(path.dirname(profile!))).toBe(false);
  }, 60_000);

  it('refuses to print once the batch is closed, rather than waiting for a browser that is gone', async () => {
    const printer = await openChromiumPrinter();
    await printer.close();
    await expect(printer.print(a4('nach dem Schließen'))).rejects.toThrow(/exited|closed/);
  }, 60_000);

  it('reports a browser that does not start', async () => {
    const notABrowser = path.join(tempDir(), 'chromium');
    writeFileSync(notABrowser, '#!/bin/sh\necho "kaputt" >&2\nexit 3\n', { mode: 0o755 });
    await expect(openChromiumPrinter(notABrowser)).rejects.toThrow(/exited with 3: kaputt/);
    expect(findBrowser({ CHROMIUM_PATH: notABrowser }, 'linux')).toBe(notABrowser);
  });
});

