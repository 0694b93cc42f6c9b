// Reading a scanned stack of returned forms (issue 18), in a process of its own: a 100-page scanner PDF
// at 200 dpi made by the test set's generator (letters printed by the app, ticked, turned, noisy, JPEG
// 40; made before the clock starts), then, three times each and taking turns: the whole way from the
// file to the proposals as the CLI goes it (pdf.js draws each page on @napi-rs/canvas, the QR code and
// boxes are read, the services propose), and drawing the same pages alone (the floor: what rasterising
// costs without any reading). Then the app's own way, three times: the file chosen on "Rückläufer
// einlesen" in serve mode and Chromium until the review lists every page (pdf.js and the reader in
// the page's workers).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from '@playwright/test';
import { send } from '../../electron/cli/command';
import { drawPdfPages, readScanFiles, type ScanPage } from '../../electron/importers/scan-pages';
import { openSession } from '../../electron/services/session';
import { makeScanSet } from '../helpers/scan-set';

const [work] = process.argv.slice(2) as [string];
const set = await makeScanSet({ folder: mkdtempSync(path.join(work, 'scans-')), pages: 100 });
const database = set.session.ctx.databasePath;
set.close();
const session = openSession({ databasePath: database, adapter: 'cli' });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const whole: number[] = [];
const drawing: number[] = [];
let sure = 0;
let codes = 0;
for (let run = 0; run < 3; run += 1) {
  let started = performance.now();
  const pages: ScanPage[] = [];
  await readScanFiles([set.pdfPath], (page) => pages.push(page));
  const proposals = await send(session, 'scans.propose', {
    pages: pages.map((page, index) => ({ page: index + 1, fileName: page.fileName, filePage: page.filePage, ...page.measurement })),
  });
  whole.push(performance.now() - started);
  sure = proposals.filter((proposal) => proposal.sure).length;
  codes = proposals.filter((proposal, index) => proposal.code === set.truth[index]!.expectedCode).length;
  started = performance.now();
  await drawPdfPages(new Uint8Array(readFileSync(set.pdfPath)), 'stapel.pdf', async () => undefined);
  drawing.push(performance.now() - started);
}
session.close();

/** The host as `npm run serve` starts it, on the set's database. */
function startHost(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [path.resolve('out/host/serve.cjs'), '--db', database, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`host exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (/^http:\/\/127\.0\.0\.1:\d+\//.test(line.trim())) resolve({ url: line.trim(), stop: () => child.kill('SIGTERM') });
    });
  });
}

const inBrowser: number[] = [];
if (existsSync(path.resolve('out/host/serve.cjs'))) {
  const host = await startHost();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    // One tab: the host's address opens it once (its launch code is used up then); a reload starts the page afresh.
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${host.url}#/ruecklaeufer`);
    for (let run = 0; run < 3; run += 1) {
      if (run > 0) await page.reload();
      await page.getByTestId('return-forms-drop').waitFor();
      const started = performance.now();
      await page.locator('input[type=file]').setInputFiles(set.pdfPath);
      await page.getByTestId('read-summary').waitFor({ timeout: 600_000 });
      inBrowser.push(performance.now() - started);
    }
  } finally {
    await browser.close();
    host.stop();
  }
}
console.log(
  JSON.stringify({
    pages: set.truth.length,
    wholeMs: median(whole),
    drawMs: median(drawing),
    browserMs: inBrowser.length ? median(inBrowser) : null,
    sure,
    codes,
  }),
);
