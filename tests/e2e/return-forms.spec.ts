import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { cli, contactsOf, importCsv, schulzeProfile, setProfile } from './cli';
import { dropFiles } from './drop';
import { expect, test } from './fixtures';
import { printedCode, returnCopyPages, scanBlankPage, scannerPdf, scanReturnCopy } from './return-form-scan';

const CSV = [
  'Vorname;Nachname;Anrede;Handy;Straße;PLZ;Ort',
  'Anna;Berg;Frau;0170 1234567;Hauptstraße 5;34119;Kassel',
  'Bernd;Kranz;Herr;0171 2345678;Am Lindenhof 12;34131;Kassel',
  'Carla;Dorn;Frau;0172 3456789;Gartenweg 3;34117;Kassel',
].join('\n');

/** Three contacts with their consent letters printed (by the CLI, as the office would from "Briefe"). */
function lettersFor(databasePath: string, dir: string): string {
  importCsv(databasePath, CSV);
  setProfile(databasePath, { ...schulzeProfile, purposes: ['appointments', 'site_photos', 'quotes_invoices'] });
  const letters = path.join(dir, 'briefe.pdf');
  cli(databasePath, 'letters', '--ids', '1,2,3', '--out', letters);
  return letters;
}

/** Watches the window's main thread for long tasks (a frozen window) from now on. */
const watchLongTasks = (page: Page) =>
  page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { longTasks: number[] }).longTasks = seen;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) seen.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
const longestTask = (page: Page) => page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks));

/** "24 Seiten in 7,3 Sekunden gelesen." as pages per second. */
async function pagesPerSecond(page: Page): Promise<{ pages: number; seconds: number; rate: number }> {
  const summary = (await page.getByTestId('read-summary').textContent()) ?? '';
  const [, pages, seconds] = /(\d+) Seiten? in ([\d,.]+) Sekunden/.exec(summary) ?? [];
  const values = { pages: Number(pages), seconds: Number(seconds!.replace(/\./g, '').replace(',', '.')) };
  return { ...values, rate: values.pages / values.seconds };
}

test('Rückläufer einlesen: a scanned stack is read, reviewed page by page and taken over; the history shows the consent', async ({
  page,
  host,
  requests,
}, testInfo) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'umzugshelfer-returns-'));
  try {
    const letters = lettersFor(host.databasePath, dir);
    const [anna, bernd, carla] = returnCopyPages(letters);
    expect(carla).toBeDefined();
    const annaScan = await scanReturnCopy(letters, anna!, { cross: ['Terminabsprachen', 'Angebote'], signed: true }, dir);
    // Bernd's QR code is covered: the page is matched by the code printed beside it, typed.
    const berndScan = await scanReturnCopy(letters, bernd!, { cross: ['Terminabsprachen'], signed: true, coverQr: true }, dir);
    // Carla's too: her page is matched by searching her name.
    const carlaScan = await scanReturnCopy(letters, carla!, { cross: ['Fotos'], signed: true, coverQr: true }, dir);
    const blank = await scanBlankPage(dir);
    // Anna's form, a blank back, Anna's form fed twice, Bernd's and Carla's forms.
    const stack = await scannerPdf([annaScan, blank, annaScan, berndScan, carlaScan]);
    const heic = Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypheic'), 0, 0, 0, 0, ...Buffer.from('mif1heic')]);

    await page.goto(`${host.url}#/ruecklaeufer`);
    await expect(page.getByRole('heading', { level: 2, name: 'Rückläufer einlesen' })).toBeVisible();
    await expect(page.getByTestId('return-forms-drop')).toContainText(
      'Legen Sie den Stapel gescannter Rücksendungen hier ab – ein PDF aus dem Scanner oder Fotos (JPEG/PNG).',
    );
    await watchLongTasks(page);
    // Dropped on the window while this page is open: read here, not imported as contacts.
    await dropFiles(
      page,
      [
        { name: 'Scan_Rücksendungen.pdf', bytes: stack, type: 'application/pdf' },
        { name: 'IMG_0815.HEIC', bytes: heic, type: 'image/heic' },
      ],
      'Loslassen, um die Rückläufer einzulesen',
    );
    await expect(page.getByRole('progressbar').first()).toBeVisible();

    const list = page.getByRole('navigation', { name: 'Gelesene Seiten' });
    await expect(list.getByTestId('page-1')).toContainText('sicher', { timeout: 60_000 });
    await expect(list.getByTestId('page-2')).toContainText('leer');
    await expect(list.getByTestId('page-3')).toContainText('doppelt');
    await expect(list.getByTestId('page-4')).toContainText('ohne Code');
    await expect(list.getByTestId('page-5')).toContainText('ohne Code');
    // Each page's proposal with how sure its reading is, in words and as a percentage.
    await expect(list.getByTestId('page-1')).toContainText(/sicher erkannt \(100\s?%\)/);
    await expect(list.getByTestId('page-4')).toContainText(/unsicher \(\d+\s?%\)/);
    await expect(page.getByTestId('scan-problems')).toContainText('IMG_0815.HEIC ist ein HEIC-Foto (iPhone)');
    const { pages, rate, seconds } = await pagesPerSecond(page);
    testInfo.annotations.push({ type: 'reading', description: `${pages} pages in ${seconds} s (${rate.toFixed(2)} pages/s)` });
    console.log(
      `Rückläufer e2e: ${pages} pages in ${seconds} s, ${rate.toFixed(2)} pages/s; longest main-thread task ${await longestTask(page)} ms`,
    );

    // Page 1, Anna's form: read as ticked, taken over with Enter.
    const decision = page.getByTestId('page-decision');
    await expect(decision.getByRole('button', { name: 'Anna Berg öffnen' })).toBeVisible();
    await expect(decision.getByTestId('confidence')).toHaveText(/^Erkennung: sicher erkannt \(100\s?%\)$/);
    const choice = (label: string, answer: 'Ja' | 'Nein') =>
      expect(decision.getByRole('radiogroup', { name: label }).getByRole('radio', { name: answer })).toBeChecked();
    await choice('Terminabsprachen', 'Ja');
    await choice('Fotos von Baustelle oder Schaden', 'Nein');
    await choice('Angebote und Rechnungen', 'Ja');
    await choice('Übermittlung in die USA, falls nötig (Art. 49 DSGVO)', 'Nein');
    await choice('„Nein, ich möchte nicht per WhatsApp kontaktiert werden.“', 'Nein');
    await choice('Unterschrieben', 'Ja');
    await expect(decision.getByRole('button', { name: 'Einwilligung übernehmen' })).toBeEnabled();
    await page.keyboard.press('Enter');
    await expect(list.getByTestId('page-1')).toContainText('übernommen');

    // The next page is the blank one; Enter skips it, and the second copy of Anna's form.
    await expect(decision.getByTestId('page-notes')).toContainText('Leere Seite.');
    await page.keyboard.press('Enter');
    await expect(list.getByTestId('page-2')).toContainText('übersprungen');
    await expect(decision.getByTestId('page-notes')).toContainText('Dieselbe Seite wie Seite 1.');
    await page.keyboard.press('Enter');
    await expect(list.getByTestId('page-3')).toContainText('übersprungen');

    // Bernd's page has no readable code: matched by the code printed beside the QR code (mistyped first).
    await expect(decision.getByTestId('page-notes')).toContainText('Kein QR-Code gefunden');
    const typed = printedCode(letters, bernd!);
    await decision.getByLabel('Rückläufer-Code abtippen').fill(typed.replace(/.$/, (last) => (last === '7' ? '8' : '7')));
    await decision.getByRole('button', { name: 'Code prüfen' }).click();
    await expect(decision).toContainText('Der Rückläufer-Code gehört nicht zu diesem Betrieb oder wurde falsch gelesen.');
    await decision.getByLabel('Rückläufer-Code abtippen').fill(typed);
    await decision.getByRole('button', { name: 'Code prüfen' }).click();
    await expect(decision.getByRole('button', { name: 'Bernd Kranz öffnen' })).toBeVisible();
    await choice('Terminabsprachen', 'Ja');

    // Another contact chosen for the page, its answer held back: until it is there, Enter records nothing;
    // the page skipped meanwhile keeps its contact when the answer comes late.
    await decision.getByRole('button', { name: 'Anderen Kontakt zuordnen' }).click();
    await decision.getByLabel('Kontakt suchen').fill('Dorn');
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/scans.propose', async (route) => {
      await held;
      await route.continue();
    });
    await decision.getByRole('button', { name: 'Zuordnen: Carla Dorn' }).click();
    await expect(decision.getByRole('button', { name: 'Einwilligung übernehmen' })).toBeDisabled();
    // Enter where the office would press it: not on a button or field.
    await decision.getByRole('heading', { name: 'Seite 4' }).click();
    await page.keyboard.press('Enter');
    await decision.getByRole('button', { name: 'Überspringen' }).click();
    await expect(list.getByTestId('page-4')).toContainText('übersprungen');
    const answered = page.waitForResponse((response) => response.url().endsWith('/api/scans.propose'));
    release();
    await answered;
    await page.unroute('**/api/scans.propose');
    // The late answer is let go (a moment for the window to take it in): the page is still Bernd's.
    await page.waitForTimeout(500);
    await expect(list.getByTestId('page-4')).toContainText('Bernd Kranz');
    await list.getByTestId('page-4').click();
    await decision.getByRole('button', { name: 'Wieder bearbeiten' }).click();
    await expect(decision.getByRole('button', { name: 'Bernd Kranz öffnen' })).toBeVisible();
    await decision.getByRole('button', { name: 'Einwilligung übernehmen' }).click();
    await expect(list.getByTestId('page-4')).toContainText('übernommen');

    // Carla's page: matched by searching her name, and read for her letter's form.
    await expect(decision.getByRole('heading', { name: 'Seite 5' })).toBeVisible();
    await decision.getByLabel('Kontakt suchen').fill('Dorn');
    await decision.getByRole('button', { name: 'Zuordnen: Carla Dorn' }).click();
    await expect(decision.getByRole('button', { name: 'Carla Dorn öffnen' })).toBeVisible();
    await expect(list.getByTestId('page-5')).toContainText('prüfen');
    // No letter date without a code, but the consent's text version to be recorded is said on its own.
    await expect(decision.getByTestId('text-version')).toHaveText(/^Eingetragen wird die Textfassung \S+\.$/);
    await choice('Terminabsprachen', 'Nein');
    await choice('Fotos von Baustelle oder Schaden', 'Ja');
    await choice('Unterschrieben', 'Ja');
    await page.keyboard.press('Enter');
    await expect(list.getByTestId('page-5')).toContainText('übernommen');
    await expect(page.getByText('Alle Seiten dieses Stapels sind erledigt.')).toBeVisible();

    // Anna's history shows the consent from the returned form.
    await list.getByTestId('page-1').click();
    await decision.getByRole('button', { name: 'Anna Berg öffnen' }).click();
    const drawer = page.getByTestId('contact-detail');
    await drawer.getByRole('tab', { name: 'Verlauf' }).click();
    await expect(drawer.getByTestId('history')).toContainText('Einwilligung erfasst');
    await drawer.getByRole('tab', { name: 'Einwilligung' }).click();
    await expect(drawer).toContainText('Terminabsprachen');
    await expect(drawer).toContainText('Angebote und Rechnungen');

    const contacts = contactsOf(host.databasePath);
    expect(contacts.map(({ displayName, stage }) => [displayName, stage])).toEqual([
      ['Anna Berg', 'consent_given'],
      ['Bernd Kranz', 'consent_given'],
      ['Carla Dorn', 'consent_given'],
    ]);
    expect(await longestTask(page)).toBeLessThan(2000);
    // The readers (PDF.js's worker, the QR reader's WebAssembly, the scan worker) came from the app itself, nothing from elsewhere.
    for (const part of ['pdf.worker.min-', 'zxing_reader-', 'read-scan.worker-'])
      expect(
        requests.some((url) => url.startsWith(`${host.origin}/assets/${part}`)),
        part,
      ).toBe(true);
    const elsewhere = requests.filter((url) => !url.startsWith(`${host.origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:'));
    expect(elsewhere).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Rückläufer einlesen: a PDF and a photo; all sure pages taken over after one question, a "Nein" as a refusal', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'umzugshelfer-returns-'));
  try {
    const letters = lettersFor(host.databasePath, dir);
    const [anna, bernd] = returnCopyPages(letters);
    const annaScan = await scanReturnCopy(letters, anna!, { cross: ['Terminabsprachen', 'Fotos'], signed: true }, dir);
    // Bernd says no: "Nein" ticked, and he signs anyway.
    const berndPhoto = await scanReturnCopy(letters, bernd!, { cross: ['Nein,'], signed: true }, dir);

    await page.goto(`${host.url}#/ruecklaeufer`);
    await page.getByTestId('return-forms-input').setInputFiles([
      { name: 'Anna.pdf', mimeType: 'application/pdf', buffer: await scannerPdf([annaScan]) },
      { name: 'Foto Bernd.png', mimeType: 'image/png', buffer: berndPhoto },
    ]);
    const list = page.getByRole('navigation', { name: 'Gelesene Seiten' });
    await expect(list.getByTestId('page-1')).toContainText('sicher', { timeout: 60_000 });
    await expect(list.getByTestId('page-2')).toContainText('sicher');
    await expect(list.getByTestId('page-2')).toContainText('Bernd Kranz');
    await list.getByTestId('page-2').click();
    const decision = page.getByTestId('page-decision');
    await expect(decision).toContainText('Foto Bernd.png, Seite 1');
    await expect(decision.getByRole('button', { name: 'Ablehnung übernehmen' })).toBeEnabled();

    await page.getByRole('button', { name: 'Alle sicheren übernehmen (2)' }).click();
    const question = page.getByRole('dialog', { name: 'Alle sicheren Seiten übernehmen?' });
    await expect(question).toContainText('Die 2 Seiten, die eindeutig gelesen wurden');
    await question.getByRole('button', { name: '2 Seiten übernehmen' }).click();
    await expect(page.getByText('2 Seiten übernommen.')).toBeVisible();
    await expect(list.getByTestId('page-1')).toContainText('übernommen');
    await expect(list.getByTestId('page-2')).toContainText('übernommen');
    // A refusal keeps no page: the office is told so, not that the scan was kept.
    await expect(decision).toContainText('Ablehnung übernommen. Der Scan wird dafür nicht aufbewahrt');

    const contacts = contactsOf(host.databasePath);
    expect(contacts.map(({ displayName, stage }) => [displayName, stage])).toEqual([
      ['Anna Berg', 'consent_given'],
      ['Bernd Kranz', 'consent_refused'],
      ['Carla Dorn', 'consent_requested'],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Rückläufer einlesen: a form of another business, or of a contact no longer there, is only skipped, never matched by hand', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'umzugshelfer-returns-'));
  try {
    const letters = lettersFor(host.databasePath, dir);
    const [, bernd] = returnCopyPages(letters);
    // Another business's letters to the same people: its own database, so its own key for the codes.
    const otherDir = path.join(dir, 'anderer-betrieb');
    mkdirSync(otherDir);
    const otherLetters = lettersFor(path.join(otherDir, 'anderer.sqlite'), otherDir);
    const [otherAnna] = returnCopyPages(otherLetters);
    const foreign = await scanReturnCopy(otherLetters, otherAnna!, { cross: ['Terminabsprachen'], signed: true }, otherDir);
    // Bernd's own form, but Bernd has been deleted since.
    const gone = await scanReturnCopy(letters, bernd!, { cross: ['Terminabsprachen'], signed: true }, dir);
    cli(host.databasePath, 'delete', '2');

    await page.goto(`${host.url}#/ruecklaeufer`);
    await page
      .getByTestId('return-forms-input')
      .setInputFiles([{ name: 'Rücksendungen.pdf', mimeType: 'application/pdf', buffer: await scannerPdf([foreign, gone]) }]);
    const list = page.getByRole('navigation', { name: 'Gelesene Seiten' });
    await expect(list.getByTestId('page-1')).toContainText('nicht zuzuordnen', { timeout: 60_000 });
    await expect(list.getByTestId('page-2')).toContainText('nicht zuzuordnen');
    await expect(page.getByRole('button', { name: /Alle sicheren übernehmen/ })).toBeDisabled();

    const decision = page.getByTestId('page-decision');
    const onlySkipping = async () => {
      await expect(decision.getByTestId('unassignable')).toContainText('keinem Ihrer Kontakte zuordnen');
      // Neither a name searched nor a code typed, and nothing to take over.
      await expect(decision.getByTestId('manual-match')).toHaveCount(0);
      await expect(decision.getByLabel('Kontakt suchen')).toHaveCount(0);
      await expect(decision.getByRole('button', { name: /übernehmen/i })).toHaveCount(0);
      await expect(decision.getByRole('button', { name: 'Überspringen' })).toBeVisible();
    };
    await expect(decision.getByTestId('page-notes')).toContainText('gehört nicht zu diesem Betrieb');
    await onlySkipping();
    await page.keyboard.press('Enter');
    await expect(list.getByTestId('page-1')).toContainText('übersprungen');

    await expect(decision.getByTestId('page-notes')).toContainText('Kontakt Nr. 2 gibt es nicht mehr');
    await onlySkipping();
    await page.keyboard.press('Enter');
    await expect(list.getByTestId('page-2')).toContainText('übersprungen');
    await expect(page.getByText('Alle Seiten dieses Stapels sind erledigt.')).toBeVisible();

    const contacts = contactsOf(host.databasePath);
    expect(contacts.map(({ displayName, stage }) => [displayName, stage])).toEqual([
      ['Anna Berg', 'consent_requested'],
      ['Carla Dorn', 'consent_requested'],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Rückläufer einlesen: a hostile or broken file is refused by name, the page keeps working', async ({ page, host }) => {
  await page.goto(`${host.url}#/ruecklaeufer`);
  const input = page.getByTestId('return-forms-input');
  // A PNG claiming 60,000 × 60,000 pixels (a decompression bomb), a PDF that is none, a text file.
  const bomb = Buffer.alloc(33);
  bomb.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  bomb.writeUInt32BE(60_000, 16);
  bomb.writeUInt32BE(60_000, 20);
  await input.setInputFiles([
    { name: 'bombe.png', mimeType: 'image/png', buffer: bomb },
    { name: 'kaputt.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF') },
    { name: 'notiz.txt', mimeType: 'text/plain', buffer: Buffer.from('Hallo') },
  ]);
  const problems = page.getByTestId('scan-problems');
  await expect(problems).toContainText('bombe.png ist mit 60.000 × 60.000 Pixeln zu groß für ein Blatt.');
  await expect(problems).toContainText('kaputt.pdf konnte nicht gelesen werden');
  await expect(problems).toContainText('notiz.txt ist weder ein PDF noch ein JPEG- oder PNG-Bild.');
  // Nothing was read: the page offers to read again.
  await expect(page.getByTestId('return-forms-drop')).toBeVisible();
});
