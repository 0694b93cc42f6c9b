import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser, openChromiumPrinter } from '../../../electron/printing/chromium';
import { PrivateTempFolder } from '../../../electron/db/temp-files';
import { childScript, sourcePath } from '../../helpers/child-script';
import { tempDatabasePath, tempDir } from '../../helpers/temp';

const a4 = (text: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><style>@page{size:A4;margin:0}body{margin:0;padding:20mm}</style></head><body><p>${text}</p></body></html>`;

/** Processes whose command line names this profile folder (the browser and its helpers). */
const processesUsing = (folder: string) =>
  execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(folder));

/** Every file below a folder. */
const filesBelow = (folder: string): string[] =>
  existsSync(folder)
    ? readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.join(entry.parentPath, entry.name))
    : [];

/** Waits until the condition holds; fails after `ms`. */
async function until(condition: () => boolean, ms = 20_000, every = 50): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`still not so after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}

/**
 * A process of its own that prints letter after letter, as the CLI or the web host does, until it is
 * killed; it says "printing" once the browser answered and the first letter is on its way.
 */
let printRun: Promise<string> | null = null;
function printRunScript(): Promise<string> {
  printRun ??= childScript(
    `const { openChromiumPrinter } = require(${sourcePath('electron/printing/chromium.ts')});
          const { PrivateTempFolder } = require(${sourcePath('electron/db/temp-files.ts')});
          (async () => {
            const printer = await openChromiumPrinter(undefined, new PrivateTempFolder(process.argv[2]));
            for (let i = 0; ; i++) {
              const printing = printer.print('<p>' + 'Erika Mustermann, Hauptstraße 5, 34119 Kassel<br>'.repeat(2000) + '</p>');
              if (i === 0) console.log('printing');
              await printing;
            }
          })();`,
    'print-run',
  );
  return printRun;
}

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

  it('runs no script of the letter pages: a page whose script would change its text prints unchanged', async () => {
    const printer = await openChromiumPrinter();
    try {
      const page = a4('Brief an Müller').replace(
        '</body>',
        `<script>document.querySelector('p').textContent = 'Von einem Skript geändert';</script></body>`,
      );
      const file = path.join(tempDir(), 'scripted.pdf');
      writeFileSync(file, await printer.print(page));
      expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).trim()).toBe('Brief an Müller');
    } finally {
      await printer.close();
    }
  }, 60_000);

  it('keeps its pages and profile in the database’s private temp folder, 0600 and 0700, and removes them when closed', async () => {
    const temp = new PrivateTempFolder(tempDatabasePath());
    const printer = await openChromiumPrinter(undefined, temp);
    const profile = processesUsing(temp.root)[0]?.match(/--user-data-dir=(\S+)/)?.[1];
    expect(profile).toBeTruthy();
    const runFolder = path.dirname(profile!);
    expect(path.dirname(runFolder)).toBe(temp.processFolder);
    expect([temp.root, temp.processFolder, runFolder].map((folder) => statSync(folder).mode & 0o777)).toEqual([0o700, 0o700, 0o700]);
    // The page is written before the browser loads it: seen from the browser's side, while it prints.
    const seen: number[] = [];
    const watcher = watch(runFolder, (_event, name) => {
      if (!name?.startsWith('part-')) return;
      try {
        seen.push(statSync(path.join(runFolder, name)).mode & 0o777);
      } catch {
        // Removed again already.
      }
    });
    try {
      await printer.print(a4('Brief an Schmidt, Hauptstraße 5'));
    } finally {
      watcher.close();
      await printer.close();
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set([0o600]));
    expect(processesUsing(temp.root)).toEqual([]);
    expect(existsSync(temp.root)).toBe(false);
  }, 60_000);

  it('dies with its parent: a print run killed with SIGKILL leaves no browser running, and its pages go at the next start', async () => {
    const script = await printRunScript();
    const databasePath = tempDatabasePath();
    const temp = new PrivateTempFolder(databasePath);
    const run = spawn(process.execPath, [script, databasePath], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => run.stdout!.on('data', (chunk) => String(chunk).includes('printing') && resolve()));
    await until(() => filesBelow(temp.root).some((file) => path.basename(file).startsWith('part-')));
    expect(processesUsing(temp.root).length).toBeGreaterThan(0);
    const killed = new Promise((resolve) => run.once('exit', resolve));
    run.kill('SIGKILL');
    await killed;

    // The browser reads its commands from a pipe of the killed process: it quits when that closes.
    await until(() => processesUsing(temp.root).length === 0, 5000);
    // The killed run could not remove its folder; the next session on the database sweeps it.
    expect(readdirSync(temp.root)).toEqual([expect.stringMatching(new RegExp(`^[0-9a-f]{8}-${run.pid}-[0-9a-f]{8}$`))]);
    new PrivateTempFolder(databasePath).sweep();
    expect(filesBelow(temp.root).filter((file) => readFileSync(file, 'latin1').includes('Mustermann'))).toEqual([]);
    expect(readdirSync(temp.root)).toEqual([]);
  }, 60_000);

  it('dies with its parent at any moment: 20 print runs killed with SIGKILL, from start-up to printing, leave no browser running', async () => {
    const script = await printRunScript();
    const kills: { at: number; browserRunning: boolean; answered: boolean; goneAfterMs: number | null }[] = [];
    // Moments found by events, not by the clock (a busy CI machine starts the browser later): every
    // other run is killed as soon as its browser process exists, before it answered on the pipe; the
    // others while printing, a random moment up to 0.3 s after the first page went out.
    const slots = 20;
    for (let slot = 0; slot < slots; slot++) {
      const databasePath = tempDatabasePath();
      const temp = new PrivateTempFolder(databasePath);
      const started = Date.now();
      const run = spawn(process.execPath, [script, databasePath], { stdio: ['ignore', 'pipe', 'ignore'] });
      let answered = false;
      run.stdout!.on('data', (chunk) => (answered ||= String(chunk).includes('printing')));
      const browserStarted = () => processesUsing(temp.root).some((line) => line.includes('--user-data-dir='));
      if (slot % 2 === 0) await until(() => answered || browserStarted(), 10_000, 5);
      else {
        await until(() => answered, 10_000);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 300));
      }
      const at = Date.now() - started;
      const browserRunning = browserStarted();
      const killed = new Promise((resolve) => run.once('exit', resolve));
      run.kill('SIGKILL');
      await killed;
      const since = Date.now();
      let goneAfterMs: number | null = null;
      try {
        await until(() => processesUsing(temp.root).length === 0, 5000);
        goneAfterMs = Date.now() - since;
      } finally {
        kills.push({ at, browserRunning, answered, goneAfterMs });
        // A survivor must not outlive the test.
        for (const line of execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).split('\n'))
          if (line.includes(temp.root)) process.kill(Number(line.trim().split(/\s+/)[0]), 'SIGKILL');
      }
    }
    expect(kills.filter((kill) => kill.goneAfterMs === null)).toEqual([]);
    // Killed while the browser was starting, and while it was printing: both seen several times.
    expect(kills.filter((kill) => kill.browserRunning && !kill.answered).length).toBeGreaterThanOrEqual(3);
    expect(kills.filter((kill) => kill.answered).length).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('reports a browser that does not start', async () => {
    const notABrowser = path.join(tempDir(), 'chromium');
    writeFileSync(notABrowser, '#!/bin/sh\necho "kaputt" >&2\nexit 3\n', { mode: 0o755 });
    await expect(openChromiumPrinter(notABrowser)).rejects.toThrow(/exited with 3: kaputt/);
    expect(findBrowser({ CHROMIUM_PATH: notABrowser }, 'linux')).toBe(notABrowser);
  });
});
