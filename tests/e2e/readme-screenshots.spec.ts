import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, importCsv, schulzeProfile, setProfile } from './cli';
import { dropFiles } from './drop';
import { expect, test } from './fixtures';
import { returnCopyPages, scannerPdf, scanReturnCopy } from './return-form-scan';

/**
 * The three pictures of the README's German part, taken from the running app at 1366 × 768 (an office
 * laptop): the contact list, the letters with their preview, a returned form read back. Written into
 * docs/screenshots/ with UMZUGSHELFER_SCREENSHOTS=1; otherwise into this test's output, so that every
 * run still walks the three screens the README shows.
 */
const CSV = [
  'Vorname;Nachname;Anrede;Firma;Handy;Straße;PLZ;Ort;Art',
  'Anna;Berg;Frau;;0170 1234567;Hauptstraße 5;34119;Kassel;Kunde',
  'Bernd;Kranz;Herr;Kranz Haustechnik;0171 2345678;Am Lindenhof 12;34131;Kassel;Lieferant',
  'Carla;Dorn;Frau;;0172 3456789;Gartenweg 3;34117;Kassel;Kunde',
  'Dieter;Esser;Herr;;0151 4567890;Ringstraße 8;34121;Kassel;Mitarbeiter',
  'Elif;Yılmaz;Frau;;0160 5678901;Wilhelmshöher Allee 90;34119;Kassel;Kunde',
].join('\n');

test('the README’s pictures: contacts, letters, a returned form read back', async ({ page, host }, testInfo) => {
  test.setTimeout(120_000);
  const folder = process.env.UMZUGSHELFER_SCREENSHOTS ? path.resolve('docs', 'screenshots') : testInfo.outputPath('screenshots');
  mkdirSync(folder, { recursive: true });
  const dir = mkdtempSync(path.join(tmpdir(), 'umzugshelfer-readme-'));
  try {
    importCsv(host.databasePath, CSV);
    setProfile(host.databasePath, { ...schulzeProfile, purposes: ['appointments', 'site_photos', 'quotes_invoices'] });
    const letters = path.join(dir, 'briefe.pdf');
    cli(host.databasePath, 'letters', '--ids', '1,2,3', '--out', letters);

    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(host.url);
    const grid = page.getByRole('grid', { name: 'Kontakte' });
    await expect(grid.getByRole('row')).toHaveCount(6);
    await page.screenshot({ path: path.join(folder, 'kontakte.png') });

    await grid.getByRole('checkbox', { name: 'Elif Yılmaz auswählen' }).click();
    await grid.getByRole('checkbox', { name: 'Dieter Esser auswählen' }).click();
    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Briefe …' }).click();
    await expect(page.getByTestId('letter-preview')).toContainText('Sehr geehrte Frau Yılmaz,');
    await page.screenshot({ path: path.join(folder, 'briefe.png') });

    const [anna] = returnCopyPages(letters);
    const scan = await scanReturnCopy(letters, anna!, { cross: ['Terminabsprachen', 'Angebote'], signed: true }, dir);
    await page.goto(`${host.url.split('?')[0]}#/ruecklaeufer`);
    await dropFiles(
      page,
      [{ name: 'Scan_Rücksendungen.pdf', bytes: await scannerPdf([scan]), type: 'application/pdf' }],
      'Loslassen, um die Rückläufer einzulesen',
    );
    await expect(page.getByRole('navigation', { name: 'Gelesene Seiten' }).getByTestId('page-1')).toContainText('sicher', {
      timeout: 60_000,
    });
    await page.screenshot({ path: path.join(folder, 'ruecklaeufer.png') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
