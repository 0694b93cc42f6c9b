import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { cli, importCsv } from './cli';
import { expect, test } from './fixtures';
import { tempDatabase } from './host';

interface CliContact {
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  organization: string | null;
  phones: { e164: string | null; raw: string; kind: string }[];
  emails: string[];
  kind: string;
  language: string;
}

const CSV = [
  'Vorname;Nachname;Firma;Handy;Telefon;E-Mail;Art;Sprache',
  'Bernd;Schulze;Dachdecker Schulze GmbH;0171 1234567;;bernd@schulze-dach.de;Kunde;Deutsch',
  'Elektro;Meier;Elektro Meier KG;0160 5550001;+49 561 123456;info@meier.example;Lieferant;Deutsch',
  '"=HYPERLINK(""http://evil.example"";""Klick"")";+Holz;@Holzhandel;+43 664 1234567;;;Lieferant;Englisch',
  'Jürgen;Özdemir;;0151 98765432;;;Mitarbeiter;Deutsch',
  'Sabine;Krüger;Krüger Immobilien;0172 4445556;;;Lieferant;Deutsch',
].join('\n');

const contactsOf = (databasePath: string): CliContact[] => JSON.parse(cli(databasePath, 'contacts', '--json')) as CliContact[];

/** What an import carries over, in an order that does not depend on ids. */
const essence = (contacts: CliContact[]) =>
  contacts
    .map((c) => ({
      displayName: c.displayName,
      givenName: c.givenName,
      familyName: c.familyName,
      organization: c.organization,
      phones: c.phones.map((p) => ({ e164: p.e164, raw: p.raw, kind: p.kind })),
      emails: c.emails,
      kind: c.kind,
      language: c.language,
    }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));

/** The downloaded file imported by the app's own importer into a fresh database: the contacts it gives. */
function importedFrom(file: string): CliContact[] {
  const database = tempDatabase();
  try {
    const report = JSON.parse(cli(database.path, 'import', file, '--json')) as { files: { errors: unknown[]; created: number }[] };
    expect(report.files[0]!.errors).toEqual([]);
    return contactsOf(database.path);
  } finally {
    database.remove();
  }
}

async function exportVia(page: Page, item: string, file: string) {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exportieren' }).click();
  await page.getByTestId(item).click();
  await (await download).saveAs(file);
  return (await download).suggestedFilename();
}

test('the filtered list exported as CSV and Excel reads back through the app’s importer as the same contacts', async ({
  page,
  host,
}, testInfo) => {
  importCsv(host.databasePath, `${CSV}\n`);
  await page.goto(host.url);
  await expect(page.getByTestId('contacts-total')).toHaveText('5 Kontakte');

  // Filter the list: suppliers only.
  await page.getByRole('combobox', { name: 'Art' }).click();
  await page.getByRole('option', { name: 'Lieferant' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('contacts-total')).toHaveText('3 Kontakte');
  const suppliers = contactsOf(host.databasePath).filter((c) => c.kind === 'supplier');
  expect(suppliers).toHaveLength(3);

  const csvFile = path.join(testInfo.outputDir, 'export.csv');
  expect(await exportVia(page, 'export-csv-filtered', csvFile)).toMatch(/^Kontakte-\d{4}-\d{2}-\d{2}\.csv$/);
  await expect(page.getByText('3 Kontakte exportiert', { exact: false })).toBeVisible();
  const csv = readFileSync(csvFile);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = csv.toString('utf8');
  expect(text.split('\r\n')[0]).toContain('Vorname;Nachname;Firma');
  // Every cell that would start a formula in Excel starts with the apostrophe instead.
  expect(text).toContain(`"'=HYPERLINK(""http://evil.example"";""Klick"")"`);
  expect(text).toContain(";'+Holz;'@Holzhandel;");
  expect(text).toContain(";'+43 664 1234567;");
  expect(text).toContain(";'+49 561 123456;");
  expect(essence(importedFrom(csvFile))).toEqual(essence(suppliers));

  const xlsxFile = path.join(testInfo.outputDir, 'export.xlsx');
  expect(await exportVia(page, 'export-xlsx-filtered', xlsxFile)).toMatch(/^Kontakte-\d{4}-\d{2}-\d{2}\.xlsx$/);
  expect(essence(importedFrom(xlsxFile))).toEqual(essence(suppliers));

  // "Alle Kontakte" ignores the filter.
  const allFile = path.join(testInfo.outputDir, 'alle.csv');
  await exportVia(page, 'export-csv-all', allFile);
  expect(essence(importedFrom(allFile))).toEqual(essence(contactsOf(host.databasePath)));
});

test('the contacts ticked in the table are exported, and only they', async ({ page, host }, testInfo) => {
  importCsv(host.databasePath, `${CSV}\n`);
  await page.goto(host.url);
  await expect(page.getByTestId('contacts-total')).toHaveText('5 Kontakte');
  const grid = page.getByRole('grid', { name: 'Kontakte' });
  for (const name of ['Bernd Schulze', 'Jürgen Özdemir']) await grid.getByRole('checkbox', { name: `${name} auswählen` }).click();
  const file = path.join(testInfo.outputDir, 'auswahl.xlsx');
  await exportVia(page, 'export-xlsx-selected', file);
  expect(essence(importedFrom(file)).map((c) => c.displayName)).toEqual(['Bernd Schulze', 'Jürgen Özdemir']);
});
