import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, importCsv } from './cli';
import { dropFiles } from './drop';
import { expect, test } from './fixtures';

const vcard = (cards: [string, string][]) =>
  cards.map(([name, number]) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\r\nTEL;TYPE=CELL:${number}\r\nEND:VCARD\r\n`).join('');

test('a business phone: add it, tick two checklist items, check its address book, print the deletion list', async ({ page, host }) => {
  importCsv(host.databasePath, 'Name;Handy\nAnna Berg;0170 1234567\nCarla Dorn;0172 3456789\nDieter Esch;0173 4567890\n');
  for (const id of ['1', '3'])
    cli(host.databasePath, 'consent', id, '--purposes', 'appointments', '--date', '2026-11-20', '--evidence-note', 'mündlich am Telefon');

  // The overview says none is registered yet, and leads there.
  await page.goto(`${host.url}#/uebersicht`);
  await expect(page.getByTestId('phones-due')).toContainText('Noch kein Firmenhandy eingetragen');
  await page.getByRole('button', { name: 'Firmenhandys öffnen' }).click();
  await expect(page.getByRole('tab', { name: 'Firmenhandys' })).toHaveAttribute('aria-selected', 'true');

  await page.getByRole('button', { name: 'Firmenhandy hinzufügen' }).click();
  const form = page.getByRole('dialog', { name: 'Firmenhandy hinzufügen' });
  await form.getByLabel('Bezeichnung').fill('Büro-Handy');
  await form.getByText('iPhone').click();
  await form.getByLabel('Wer nutzt es?').fill('Büro');
  await form.getByRole('button', { name: 'Speichern' }).click();
  const phone = page.getByRole('region', { name: 'Büro-Handy' });
  await expect(phone).toContainText('6 Punkte fällig');

  for (const item of ['chatBackup', 'appLock']) {
    await phone.getByTestId(`checklist-${item}`).getByRole('button').first().click();
    await expect(phone.getByTestId(`checklist-${item}`)).toContainText('So geht es auf dem iPhone');
    await phone.getByTestId(`checklist-${item}`).getByRole('button', { name: 'Geprüft', exact: true }).click();
    const tick = page.getByRole('dialog');
    await tick.getByLabel('Geprüft von').fill('Petra Schmidt');
    await tick.getByRole('button', { name: 'Als geprüft eintragen' }).click();
    await expect(tick).toHaveCount(0);
    await expect(phone.getByTestId(`checklist-${item}`)).toContainText('Zuletzt geprüft am');
  }
  await expect(phone).toContainText('4 Punkte fällig');
  await expect(phone.getByTestId('checklist-chatBackup')).toContainText('von Petra Schmidt');

  // The phone's exported address book, dropped on the Handy-Abgleich.
  await phone.getByRole('button', { name: 'Adressbuch abgleichen' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Handy-Abgleich' })).toBeVisible();
  await expect(page.getByLabel('Firmenhandy')).toHaveValue(/\d+/);
  const dir = mkdtempSync(path.join(tmpdir(), 'umzugshelfer-phone-'));
  const file = path.join(dir, 'Kontakte.vcf');
  writeFileSync(
    file,
    vcard([
      ['Anna', '+49 170 1234567'],
      ['Carla', '0172 3456789'],
      ['Tante Erna', '0175 9999999'],
    ]),
  );
  // Dropped on the window while the Handy-Abgleich is open: compared, not imported.
  await dropFiles(
    page,
    [{ name: 'Kontakte.vcf', bytes: readFileSync(file), type: 'text/vcard' }],
    'Loslassen, um das Adressbuch abzugleichen',
  );
  const without = page.getByRole('region', { name: 'Auf dem Handy ohne gültige Einwilligung' });
  await expect(without).toContainText('Carla Dorn');
  await expect(without).toContainText('0172 3456789');
  await expect(page.getByRole('region', { name: 'Auf dem Handy, aber nicht in Umzugshelfer' })).toContainText('Tante Erna');
  await expect(page.getByRole('region', { name: 'Mit Einwilligung, aber nicht auf dem Handy' })).toContainText('Dieter Esch');
  await expect(page.getByText('1 Nummer mit Einwilligung')).toBeVisible();
  // Nothing was imported.
  expect(JSON.parse(cli(host.databasePath, 'contacts', '--json'))).toHaveLength(3);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Löschliste drucken (2 Einträge)' }).click();
  const pdf = path.join(dir, 'loeschliste.pdf');
  await (await download).saveAs(pdf);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain('Vom Firmenhandy „Büro-Handy“ zu löschen');
  // The name to look for on the phone, and the contact it is in the app.
  expect(text).toMatch(/Carla\s+Carla Dorn\s+0172 3456789/);
  expect(text).toContain('Tante Erna');
  expect(text).not.toContain('Anna Berg');
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');

  // The check is kept with the phone (counts only), and the overview lists what is still due.
  await page.goto(`${host.url}#/einstellungen?tab=firmenhandys`);
  await expect(page.getByRole('region', { name: 'Büro-Handy' })).toContainText('3 Nummern, davon 1 ohne Einwilligung und 1 unbekannt');
  await page.goto(`${host.url}#/uebersicht`);
  await expect(page.getByTestId('phones-due')).toContainText('Büro-Handy: 4 Punkte zu prüfen');

  // The accountability report: the phone with its checks, the counts and the annex of consents.
  const reportDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Als PDF speichern' }).click();
  const report = path.join(dir, 'bericht.pdf');
  await (await reportDownload).saveAs(report);
  const reportText = execFileSync('pdftotext', ['-layout', report, '-'], { encoding: 'utf8' });
  expect(reportText).toMatch(/Rechenschaftsbericht: Kommunikation über\s+WhatsApp/);
  expect(reportText).toMatch(/Kontakte \(ohne Papierkorb\)\s+3/);
  // pdftotext puts a figure beside the first or the last line of a label that wraps.
  expect(reportText).toMatch(/Kontakte mit gültiger\s+(2\s+WhatsApp-Einwilligung|WhatsApp-Einwilligung\s+2)\b/);
  expect(reportText).toMatch(/Einwilligung erteilt\s+2\b/);
  expect(reportText).toContain('Büro-Handy (iPhone)');
  expect(reportText).toMatch(/Chat-Backup in Google Drive bzw. iCloud ist aus\s+\d\d\.\d\d\.\d{4}\s+Petra/);
  expect(reportText).toMatch(/3 Nummern, davon 1 mit Einwilligung, 1 ohne gültige\s+Einwilligung, 1 unbekannt/);
  expect(reportText).toContain('Anlage: Kontakte mit gültiger Einwilligung');
  expect(reportText).toMatch(/Anna Berg\s+Terminabsprachen\s+20\.11\.2026\s+EW-\S+\s+mündlich am Telefon/);
  expect(reportText).toMatch(/Dieter Esch\s+Terminabsprachen/);
  expect(reportText).not.toMatch(/Carla Dorn\s+Terminabsprachen/);
});
