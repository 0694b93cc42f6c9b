// The contact table with 50,000 contacts, in the serve mode and Debian's Chromium: how long a
// keystroke in the search box takes to show the new rows, how many rows are in the page, and how
// soon the first rows appear; and the keystrokes again while a second tab imports 100,000 contacts
// (reading and planning them, then writing them).
import { chromium } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

const COUNT = 50_000;
const OPENINGS = 5;
/** Contacts of the file imported in a second tab while the search is typed into. */
const IMPORTED = 100_000;
// Typed one key at a time, as an office manager would: names, a company, numbers in national format.
// Every prefix of each must match something, or the table would give way to "no matches".
const QUERIES = ['schulze', 'holzbau', 'özlem', '0171 0200', '0160 020001', '+49 151 0200 4'];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

/** The host as `npm run serve` starts it; BENCH_HOST_NODE_ARGS adds Node options (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`). */
function startHost(root, database) {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_HOST_NODE_ARGS ? process.env.BENCH_HOST_NODE_ARGS.split(' ') : []),
      path.join(root, 'out', 'host', 'serve.cjs'),
      '--db',
      database,
      '--port',
      '0',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`host exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (/^http:\/\/127\.0\.0\.1:\d+\//.test(line.trim()))
        resolve({
          url: line.trim(),
          // Waits for the host to close the database before the next one opens it.
          stop: () =>
            new Promise((done) =>
              child.exitCode !== null || child.signalCode !== null ? done() : (child.once('exit', done), child.kill('SIGTERM')),
            ),
        });
    });
  });
}

/** In the page: milliseconds from a navigation or click until the first contact row is there. */
const firstRowsScript = () =>
  new Promise((resolve) => {
    const started = window.__benchStart ?? 0;
    const done = () => document.querySelector('[role=grid] [role=row][aria-rowindex="2"] [role=gridcell]');
    const check = () => {
      if (!done()) return false;
      requestAnimationFrame(() => resolve(performance.now() - started));
      return true;
    };
    if (check()) return;
    const observer = new MutationObserver(() => check() && observer.disconnect());
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
  });

/** In the page: after the next key, milliseconds until the grid has its rows for the new text. */
const armKeystrokeScript = () => {
  const grid = document.querySelector('[role=grid]');
  const search = document.querySelector('[role=searchbox]');
  window.__benchLatency = new Promise((resolve) => {
    let started = 0;
    let sawBusy = false;
    // A letter like ö arrives without a keydown (Playwright inserts it as text): take whichever is first.
    const start = () => (started ||= performance.now());
    search.addEventListener('keydown', start, { once: true, capture: true });
    search.addEventListener('beforeinput', start, { once: true, capture: true });
    const observer = new MutationObserver(() => {
      const busy = grid.getAttribute('aria-busy') === 'true';
      if (busy) sawBusy = true;
      else if (sawBusy && started) {
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - started));
      }
    });
    observer.observe(grid, { attributes: true, attributeFilter: ['aria-busy'] });
  });
};

/**
 * Cold start as the office meets it: a fresh browser context (no cache, no cookie) against a host
 * started afresh (its launch code is good for one page), from navigation to the first rows; beside it,
 * in another fresh context of the same host, the time to load a page with nothing in it (the favicon):
 * what any page costs here before the app's own work.
 */
async function coldStarts(browser, root, database) {
  const starts = [];
  const empties = [];
  for (let i = 0; i < OPENINGS; i += 1) {
    const host = await startHost(root, database);
    try {
      const empty = await browser.newContext({ locale: 'de-DE' });
      const emptyPage = await empty.newPage();
      const address = new URL(host.url);
      // The launch code lets the page in without spending it (only the app's sign-in spends it).
      await emptyPage.goto(`${address.origin}/favicon.svg${address.search}`, { waitUntil: 'load' });
      empties.push(await emptyPage.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd));
      await empty.close();

      const fresh = await browser.newContext({ viewport: { width: 1280, height: 820 }, locale: 'de-DE' });
      const page = await fresh.newPage();
      await page.goto(host.url, { waitUntil: 'commit' });
      starts.push(await page.evaluate(firstRowsScript));
      await fresh.close();
    } finally {
      await host.stop();
    }
  }
  return { coldStart: median(starts), emptyPage: median(empties) };
}

export async function benchContactsUi({ root, work, writeCsv }) {
  const csv = path.join(work, 'contacts-ui.csv');
  const database = path.join(work, 'contacts-ui.sqlite');
  await writeCsv(csv, COUNT);
  execFileSync(process.execPath, [path.join(root, 'out', 'cli', 'index.cjs'), 'import', csv, '--db', database, '--json'], {
    stdio: 'ignore',
  });

  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  const cold = await coldStarts(browser, root, database).catch(async (error) => {
    await browser.close();
    throw error;
  });
  const host = await startHost(root, database);
  try {
    // One context for both tabs: the second finds the API token through the first (renderer/src/api.ts).
    const context = await browser.newContext({ viewport: { width: 1280, height: 820 }, locale: 'de-DE' });
    const page = await context.newPage();

    // First rows: a fresh page load (Kontakte is the start page), and switching back from another view.
    const loads = [];
    const switches = [];
    for (let i = 0; i < OPENINGS; i += 1) {
      await page.goto(host.url, { waitUntil: 'commit' });
      loads.push(await page.evaluate(firstRowsScript));
      await page.getByRole('link', { name: 'Einstellungen' }).click();
      await page.getByRole('heading', { name: 'Einstellungen' }).waitFor();
      await page.evaluate(() => {
        const link = [...document.querySelectorAll('a')].find((a) => a.textContent?.trim() === 'Kontakte');
        link.addEventListener('click', () => (window.__benchStart = performance.now()), { once: true, capture: true });
      });
      await page.getByRole('link', { name: 'Kontakte' }).click();
      switches.push(await page.evaluate(firstRowsScript));
    }

    // Rows in the page at the top, in the middle and at the end of the list.
    const grid = page.getByRole('grid', { name: 'Kontakte' });
    const rowsInDom = [];
    for (const fraction of [0, 0.5, 1]) {
      await grid.evaluate((element, f) => (element.scrollTop = f * element.scrollHeight), fraction);
      await page.waitForTimeout(300);
      rowsInDom.push(await grid.evaluate((element) => element.querySelectorAll('[role=row]').length));
    }
    const rowsWithContent = await grid.evaluate((element) => element.querySelectorAll('[role=row] [role=gridcell]').length > 0);
    if (!rowsWithContent) throw new Error('no rows rendered at the end of the list');

    // Keystrokes: each key waits for its rows before the next is typed.
    const search = page.getByRole('searchbox', { name: 'Kontakte durchsuchen' });
    const typeQueries = async (latencies, stop = () => false) => {
      for (const query of QUERIES) {
        await search.fill('');
        await grid.evaluate(
          (element) =>
            new Promise((resolve) =>
              element.getAttribute('aria-busy') === 'true'
                ? new MutationObserver((_, o) => (o.disconnect(), resolve())).observe(element, { attributes: true })
                : resolve(),
            ),
        );
        for (const key of query) {
          if (stop()) return;
          await page.evaluate(armKeystrokeScript);
          await search.pressSequentially(key);
          const latency = await page.evaluate(() =>
            Promise.race([window.__benchLatency, new Promise((resolve) => setTimeout(() => resolve(null), 10_000))]),
          );
          if (latency === null) throw new Error(`no new rows 10 s after typing „${key}“ of „${query}“`);
          latencies.push(latency);
        }
      }
    };
    const latencies = [];
    await typeQueries(latencies);

    // The same keystrokes while a second tab imports 100,000 contacts (upload, reading, planning).
    const importFile = path.join(work, 'contacts-ui-import.csv');
    await writeCsv(importFile, IMPORTED);
    // A tab of the same browser: the address's launch code is spent, the new tab gets the token from the open one.
    const importing = await context.newPage();
    await importing.goto(`${host.url}#/import`);
    const importStarted = performance.now();
    await importing.getByTestId('import-file-input').setInputFiles(importFile);
    // The office manager looks at the list while the import runs in a tab behind it; a tab in the
    // background has its timers held to once a second by Chromium, the search's among them.
    await page.bringToFront();
    // Upload, reading and planning up to the preview, then the commit (written in time slices);
    // keys typed meanwhile land in the phase they started in.
    let phase = 'preview';
    let importMs = null;
    let commitMs = null;
    const imported = (async () => {
      await importing.getByRole('heading', { name: 'Vorschau – noch ist nichts gespeichert' }).waitFor({ timeout: 600_000 });
      importMs = performance.now() - importStarted;
      phase = 'commit';
      const commitStarted = performance.now();
      await importing.getByRole('button', { name: /^[\d.]+ Kontakte importieren$/ }).click();
      await page.bringToFront();
      await importing.getByRole('heading', { name: 'Import abgeschlossen' }).waitFor({ timeout: 600_000 });
      commitMs = performance.now() - commitStarted;
    })().catch((error) => {
      commitMs = Number.NaN;
      return error;
    });
    const during = { preview: [], commit: [] };
    const keystrokes = [];
    while (commitMs === null) {
      const before = keystrokes.length;
      const phaseNow = phase;
      await typeQueries(keystrokes, () => commitMs !== null || phase !== phaseNow);
      during[phaseNow].push(...keystrokes.slice(before));
    }
    const importError = await imported;
    if (importError) throw importError;
    const duringImport = [...during.preview, ...during.commit];
    if (during.preview.length === 0 || during.commit.length === 0)
      throw new Error(`keys typed while reading: ${during.preview.length}, while writing: ${during.commit.length}; each phase needs some`);
    return {
      duringImportP90: percentile(duringImport, 0.9),
      duringImportCount: duringImport.length,
      duringCommitP90: percentile(during.commit, 0.9),
      duringCommitCount: during.commit.length,
      importMs,
      commitMs,
      keystrokeMedian: median(latencies),
      keystrokeP90: percentile(latencies, 0.9),
      keystrokes: latencies.length,
      maxRowsInDom: Math.max(...rowsInDom),
      firstRowsLoad: median(loads),
      coldStart: cold.coldStart,
      emptyPage: cold.emptyPage,
      firstRowsSwitch: median(switches),
    };
  } finally {
    await browser.close();
    await host.stop();
  }
}
