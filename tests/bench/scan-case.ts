// Reading a scanned stack of returned forms (issue 18), in a process of its own: a 100-page scanner PDF
// at 200 dpi made by the test set's generator (letters printed by the app, ticked, turned, noisy, JPEG
// 40; made before the clock starts), then, three times each and taking turns: the whole way from the
// file to the proposals (pdf.js draws each page, the QR code and boxes are read, the services propose),
// and drawing the same pages alone (the floor: what rasterising costs without any reading).
import { mkdtempSync, readFileSync } from 'node:fs';
import path from 'node:path';
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
console.log(JSON.stringify({ pages: set.truth.length, wholeMs: median(whole), drawMs: median(drawing), sure, codes }));
