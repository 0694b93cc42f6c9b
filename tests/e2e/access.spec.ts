import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, importCsv } from './cli';
import { expect, test } from './fixtures';

const CSV = ['Name;Firma;Handy;Art', 'Bernd Schulze;;0171 1234567;Kunde', 'Petra Lange;;0171 9988776;Kunde'].join('\n');

test('Auskunft (Art. 15) downloads a PDF with name, numbers and history; Löschen auf Verlangen takes the contact out of the list', async ({
  page,
  host,
}, testInfo) => {
  importCsv(host.databasePath, CSV);
  const contacts = JSON.parse(cli(host.databasePath, 'contacts', '--json')) as { id: number; displayName: string }[];
  const bernd = contacts.find((c) => c.displayName === 'Bernd Schulze')!;
  mkdirSync(testInfo.outputDir, { recursive: true });
  const scan = path.join(testInfo.outputDir, 'Einwilligung Schulze.pdf');
  writeFileSync(scan, '%PDF-1.4\n% unterschrieben\n%%EOF\n');
  cli(host.databasePath, 'set-stage', String(bernd.id), 'invited', '--channel', 'sms', '--date', '2026-11-02');
  cli(host.databasePath, 'consent', String(bernd.id), '--purposes', 'appointments', '--date', '2026-11-20', '--evidence', scan);

  await page.goto(host.url);
  await expect(page.getByTestId('contacts-total')).toHaveText('2 Kontakte');
  const grid = page.getByRole('grid', { name: 'Kontakte' });
  await grid.getByRole('row', { name: /Bernd Schulze/ }).click();
  const drawer = page.getByTestId('contact-detail');
  await expect(drawer.getByRole('heading', { name: 'Bernd Schulze' })).toBeVisible();

  // Auskunft: the PDF the browser downloads holds the name, both forms of the number and every history entry.
  await drawer.getByRole('tab', { name: 'Auskunft & Löschen' }).click();
  const pdfDownload = page.waitForEvent('download');
  await drawer.getByRole('button', { name: 'Auskunft (Art. 15) als PDF' }).click();
  expect((await pdfDownload).suggestedFilename()).toMatch(/^Auskunft Bernd Schulze \d{4}-\d{2}-\d{2}\.pdf$/);
  const pdf = path.join(testInfo.outputDir, 'auskunft.pdf');
  await (await pdfDownload).saveAs(pdf);
  const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain('Auskunft über Ihre gespeicherten Daten (Art. 15 DSGVO)');
  expect(text).toContain('Bernd Schulze');
  expect(text).toContain('0171 1234567');
  expect(text).toContain('+491711234567');
  expect(text).not.toContain('Petra Lange');
  const history = JSON.parse(cli(host.databasePath, 'history', String(bernd.id), '--json')) as { text: string }[];
  // The report handed over is on record now; the PDF holds every entry before it.
  expect(history.map((entry) => entry.text)).toEqual([
    'Auskunft erteilt (Art. 15 DSGVO, als PDF)',
    'Einwilligung erfasst',
    'Stand: Neu → Eingeladen (per SMS)',
    'Angelegt durch Import „kontakte.csv“',
  ]);
  for (const entry of history.slice(1)) expect(text).toContain(entry.text);

  // The same data as JSON.
  const jsonDownload = page.waitForEvent('download');
  await drawer.getByRole('button', { name: 'Als JSON-Datei' }).click();
  const json = path.join(testInfo.outputDir, 'auskunft.json');
  await (await jsonDownload).saveAs(json);
  const report = JSON.parse(readFileSync(json, 'utf8'));
  expect(report).toMatchObject({ kind: 'umzugshelfer.accessReport', contact: { id: bernd.id, displayName: 'Bernd Schulze' } });
  expect(report.history.map((entry: { text: string }) => entry.text)).toEqual(history.map((entry) => entry.text));

  // The consent is withdrawn: erasing asks whether to keep its scan as proof.
  await drawer.getByRole('tab', { name: 'Einwilligung' }).click();
  await drawer.getByRole('button', { name: 'Widerrufen' }).click();
  const withdrawal = page.getByRole('dialog', { name: 'Widerruf erfassen' });
  await withdrawal.getByRole('button', { name: 'Widerrufen' }).click();
  await expect(withdrawal).toBeHidden();

  await drawer.getByRole('tab', { name: 'Auskunft & Löschen' }).click();
  await drawer.getByRole('button', { name: 'Löschen auf Verlangen …' }).click();
  const dialog = page.getByRole('dialog', { name: '„Bernd Schulze“ endgültig löschen' });
  await expect(dialog).toContainText('Das lässt sich nicht rückgängig machen');
  const keepUntil = `31.12.${new Date().getFullYear() + 3}`;
  await expect(
    dialog.getByRole('radio', { name: new RegExp(`Als Nachweis aufbewahren.*bis zum ${keepUntil.replace(/\./g, '\\.')}`) }),
  ).toBeChecked();
  const confirm = dialog.getByRole('button', { name: 'Endgültig löschen' });
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('checkbox', { name: 'Ich habe verstanden, dass „Bernd Schulze“ endgültig gelöscht wird.' }).check();
  await confirm.click();

  await expect(
    page.getByText(`„Bernd Schulze“ ist endgültig gelöscht. Der Nachweis des Widerrufs wird ohne Namen bis zum ${keepUntil} aufbewahrt.`),
  ).toBeVisible();
  await expect(drawer).toBeHidden();
  await expect(page.getByTestId('contacts-total')).toHaveText('1 Kontakt');
  await expect(grid.getByRole('row', { name: /Bernd Schulze/ })).toHaveCount(0);
  await expect(grid.getByRole('row', { name: /Petra Lange/ })).toBeVisible();
  expect((JSON.parse(cli(host.databasePath, 'history', String(bernd.id), '--json')) as { text: string }[]).map((e) => e.text)).toEqual([
    expect.stringMatching(
      new RegExp(
        `^Kontakt gelöscht am \\d{2}\\.\\d{2}\\.\\d{4}; der Nachweis des Widerrufs wird bis ${keepUntil.replace(/\./g, '\\.')} aufbewahrt$`,
      ),
    ),
  ]);
});
