import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { dropFiles as dropOnWindow } from './drop';
import { expect, test } from './fixtures';
import { cli } from './cli';

const vcard = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'N:Groß;Jürgen;;Herr;',
  'FN:Jürgen Groß',
  'ORG:Dachdeckerei Groß GmbH',
  'TEL;TYPE=CELL:0171 2345678',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:2.1',
  'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Wei=C3=9F;Sophie',
  'TEL;CELL:+49 160 98765432',
  'EMAIL:sophie@example.de',
  'END:VCARD',
  '',
].join('\r\n');
// German Excel: windows-1252, semicolons, and a column nobody's dictionary knows.
const csv = Buffer.from(
  'Name;Firma;Baustellenhandy;E-Mail\r\nSchulze, Bernd;Holzbau Schulze;0170 5556667;bernd@holzbau.de\r\nAnna Bürger;;0151 23456789;\r\n',
  'latin1',
);

/** Drops files on the window; the import takes them. */
const dropFiles = (page: Page, files: { name: string; bytes: Buffer; type: string }[]) =>
  dropOnWindow(page, files, 'Loslassen, um die Dateien zu importieren');

test('drop a vCard and a CSV, preview, map a column, commit, see the contacts, undo, see them gone', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('contacts-empty')).toBeVisible();

  await dropFiles(page, [
    { name: 'handy.vcf', bytes: Buffer.from(vcard, 'utf8'), type: 'text/vcard' },
    { name: 'kunden.csv', bytes: csv, type: 'text/csv' },
  ]);

  // The preview: nothing is saved yet.
  await expect(page.getByRole('heading', { name: 'Vorschau – noch ist nichts gespeichert' })).toBeVisible();
  const [vcardCard, csvCard] = [page.getByTestId('import-file').nth(0), page.getByTestId('import-file').nth(1)];
  await expect(vcardCard.getByRole('heading', { name: 'handy.vcf' })).toBeVisible();
  await expect(vcardCard.getByTestId('import-counts')).toHaveText('2 neu');
  await expect(vcardCard.getByRole('row', { name: /Sophie Weiß/ })).toContainText('0160 98765432');

  // The CSV's unknown column is marked; map it to the mobile number.
  // Its character set in words, not as the reader names it ("windows-1252").
  await expect(csvCard.getByText('Zeichensatz: Westeuropäisch (Windows-1252)')).toBeVisible();
  await expect(csvCard.getByRole('heading', { name: 'Spalten zuordnen' })).toBeVisible();
  await expect(csvCard.getByRole('row', { name: /Baustellenhandy/ })).toContainText('nicht erkannt');
  await expect(page.getByRole('button', { name: /importieren/ })).toBeDisabled();
  await csvCard.getByLabel('Enthält: Baustellenhandy').selectOption('phone:mobile');
  await csvCard.getByRole('button', { name: 'Zuordnung übernehmen' }).click();
  await expect(csvCard.getByRole('row', { name: /Bernd Schulze/ })).toContainText('0170 5556667');
  await expect(csvCard.getByTestId('import-counts')).toHaveText('2 neu');

  await page.getByRole('button', { name: '4 Kontakte importieren' }).click();
  await expect(page.getByRole('heading', { name: 'Import abgeschlossen' })).toBeVisible();
  // The result opens at its summary, however far down the preview was scrolled, with the focus on it.
  await expect(page.getByTestId('import-summary')).toBeInViewport();
  await expect(page.getByTestId('import-summary')).toBeFocused();
  await expect(page.getByTestId('import-result')).toHaveCount(2);

  await page.getByTestId('import-result').nth(1).getByRole('button', { name: 'Importierte Kontakte ansehen' }).click();
  await expect(page.getByText('Kontakte aus dem Import „kunden.csv“')).toBeVisible();
  await expect(page.getByRole('row', { name: /Bernd Schulze/ })).toContainText('Holzbau Schulze');
  await expect(page.getByRole('row', { name: /Anna Bürger/ })).toBeVisible();
  await page.getByRole('button', { name: 'Alle Kontakte zeigen' }).click();
  await expect(page.getByText('4 Kontakte')).toBeVisible();

  // Undo both imports from the history; the contacts are gone again.
  await page.getByRole('navigation').getByRole('link', { name: 'Import' }).click();
  const history = page.getByTestId('import-history-item');
  await expect(history).toHaveCount(2);
  for (const file of ['kunden.csv', 'handy.vcf']) {
    await history.filter({ hasText: file }).getByRole('button', { name: 'Rückgängig' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Ja, rückgängig machen' }).click();
    await expect(history.filter({ hasText: file })).toContainText('rückgängig gemacht');
  }
  await page.getByRole('navigation').getByRole('link', { name: 'Kontakte' }).click();
  await expect(page.getByTestId('contacts-empty')).toBeVisible();
});

test('a file that is not a contact list is refused with its name, and nothing is written', async ({ page, host }) => {
  await page.goto(`${host.url}#/import`);
  await page.getByTestId('import-file-input').setInputFiles([
    { name: 'bericht.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj\n') },
    { name: 'leer.vcf', mimeType: 'text/vcard', buffer: Buffer.alloc(0) },
  ]);
  await expect(page.getByText('„bericht.pdf“ ist ein PDF.', { exact: false })).toBeVisible();
  await expect(page.getByText('„leer.vcf“ ist leer.')).toBeVisible();
  // Not "nothing new": the files were refused, and the reasons stand at each of them.
  await expect(page.getByText('Keine der 2 Dateien wird importiert – warum, steht oben bei jeder Datei.')).toBeVisible();
  await expect(page.getByRole('button', { name: /importieren|übernehmen/ })).toBeDisabled();
  await page.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(page.getByText('Noch keine Importe', { exact: false })).toBeVisible();
});

test('a WhatsApp chat export marks the contacts someone chats with', async ({ page, host }) => {
  await page.goto(`${host.url}#/import`);
  await page
    .getByTestId('import-file-input')
    .setInputFiles({ name: 'kunden.csv', mimeType: 'text/csv', buffer: Buffer.from('Name;Handy\nMax Mustermann;0170 1234567\n') });
  await page.getByRole('button', { name: '1 Kontakt importieren' }).click();
  await page.getByRole('button', { name: 'Weitere Dateien importieren' }).click();
  const chat = readFileSync(new URL('../unit/importers/fixtures/WhatsApp Chat mit Max Mustermann.txt', import.meta.url));
  await page
    .getByTestId('import-file-input')
    .setInputFiles({ name: 'WhatsApp Chat mit Max Mustermann.txt', mimeType: 'text/plain', buffer: chat });
  await expect(page.getByText('WhatsApp-Chat')).toBeVisible();
  await expect(page.getByRole('row', { name: /Max Mustermann/ })).toContainText('Letzte Nachricht am 21.03.2024 (3 Nachrichten)');
  await page.getByRole('button', { name: 'WhatsApp-Markierungen übernehmen' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Kontakte' }).click();
  await expect(page.getByRole('row', { name: /Max Mustermann/ })).toContainText('zuletzt 21.03.2024');
});

test('names from a Polish list in windows-1250 come out right once its character set is chosen', async ({ page, host }) => {
  await page.goto(host.url);
  await dropFiles(page, [
    {
      name: 'polen.csv',
      bytes: readFileSync(new URL('../unit/importers/fixtures/polish-1250-semicolon.csv', import.meta.url)),
      type: 'text/csv',
    },
  ]);
  const card = page.getByTestId('import-file');
  // The guess (Western European) garbles them; the preview shows it before anything is saved.
  await expect(card.getByRole('row', { name: /£ukasz Dvoøák/ })).toBeVisible();
  const encoding = card.getByRole('combobox', { name: 'Zeichensatz' });
  await expect(encoding).toHaveValue('Automatisch erkannt: Westeuropäisch (Windows-1252)');
  await encoding.click();
  await page.getByRole('option', { name: /Mitteleuropäisch: Polnisch, Tschechisch/ }).click();
  await expect(card.getByRole('row', { name: /Łukasz Dvořák/ })).toBeVisible();
  await expect(card.getByRole('row', { name: /Zofia Śliwińska/ })).toBeVisible();
  await expect(card.getByRole('combobox', { name: 'Zeichensatz' })).toHaveValue(/Windows-1250/);

  await page.getByRole('button', { name: '2 Kontakte importieren' }).click();
  await expect(page.getByRole('heading', { name: 'Import abgeschlossen' })).toBeVisible();
  const contacts = JSON.parse(cli(host.databasePath, 'contacts', '--json')) as { displayName: string }[];
  expect(contacts.map((c) => c.displayName).sort()).toEqual(['Zofia Śliwińska', 'Łukasz Dvořák']);
});
