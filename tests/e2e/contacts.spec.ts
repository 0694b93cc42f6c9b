import { importCsv } from './cli';
import { showColumns } from './columns';
import { expect, test } from './fixtures';

test('the contact list shows imported contacts and finds them by name, company and number', async ({ page, host }) => {
  importCsv(
    host.databasePath,
    'Name;Firma;Handy;Art\nBernd Schulze;Dachdecker Schulze GmbH;0170 1234567;Kunde\nJürgen Özdemir;;0151 98765432;Mitarbeiter\nElektro Meier KG;Elektro Meier KG;;Lieferant\n',
  );
  await page.goto(host.url);
  await expect(page.getByText('3 Kontakte')).toBeVisible();
  const rows = page.getByRole('row');
  await expect(rows).toHaveCount(4);
  // At first the columns that matter for the way off WhatsApp; kind and number on demand.
  await expect(page.getByRole('columnheader')).toHaveText(['', 'Name', 'Firma', 'Ziel', 'Stand', 'Auf WhatsApp']);
  await showColumns(page, ['Art', 'Mobilnummer']);
  await expect(page.getByRole('row', { name: /Jürgen Özdemir/ })).toContainText('Mitarbeiter');

  const search = page.getByRole('searchbox', { name: 'Kontakte durchsuchen' });
  await search.fill('schulze');
  await expect(rows).toHaveCount(2);
  // A German number as the office writes it.
  await expect(page.getByRole('row', { name: /Bernd Schulze/ })).toContainText('0170 1234567');
  await search.fill('9876');
  await expect(page.getByRole('row', { name: /Jürgen Özdemir/ })).toBeVisible();
  await expect(rows).toHaveCount(2);
  await search.fill('Zimmermann');
  await expect(page.getByText('Keine Kontakte passen zu „Zimmermann“.')).toBeVisible();
});

test('after scrolling through many pages, a change shows in its row after a few requests, not one per page scrolled past', async ({
  page,
  host,
}) => {
  const lines = Array.from({ length: 1_500 }, (_, i) => `Kontakt ${String(i + 1).padStart(4, '0')};0170 ${String(1_000_000 + i)};Kunde`);
  importCsv(host.databasePath, `Name;Handy;Art\n${lines.join('\n')}\n`);
  await page.goto(host.url);
  await expect(page.getByTestId('contacts-total')).toHaveText('1500 Kontakte');
  const grid = page.getByTestId('contacts-grid');
  // Down the list page by page (100 rows a page), as a hand on the scroll wheel would.
  for (let row = 100; row < 1_500; row += 100) {
    await grid.evaluate((element, top) => element.scrollTo({ top }), row * 44);
    await expect(page.getByRole('row', { name: new RegExp(`Kontakt ${String(row + 1).padStart(4, '0')}`) })).toBeVisible();
  }
  await grid.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  const last = page.getByRole('row', { name: /Kontakt 1500/ });
  await expect(last).toBeVisible();

  const pagesRead: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/contacts.list')) pagesRead.push(request.postData() ?? '');
  });
  await last.click();
  const drawer = page.getByTestId('contact-detail');
  await drawer.getByRole('button', { name: 'Einwilligung angefragt (Brief)' }).click();
  const letter = page.getByRole('dialog', { name: 'Einwilligung angefragt (Brief)' });
  await letter.getByLabel('Briefversion').fill('2026-11');
  await letter.getByRole('button', { name: 'Übernehmen' }).click();
  await expect(last).toContainText('Einwilligung angefragt');
  // The table keeps the pages read last (8) and reads those again; the 15 pages scrolled past are not read one by one.
  expect(pagesRead.length).toBeGreaterThan(0);
  expect(pagesRead.length).toBeLessThanOrEqual(8);
});

test('at 1366 × 768 the contact table fits without scrolling sideways; more columns are there on demand', async ({ page, host }) => {
  importCsv(
    host.databasePath,
    'Name;Firma;Handy;Art\nBernd Schulze-Wagenknecht;Dachdeckerei und Bauklempnerei Schulze GmbH & Co. KG;0170 1234567;Kunde\n',
  );
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  const grid = page.getByRole('grid', { name: 'Kontakte' });
  await expect(grid.getByRole('row')).toHaveCount(2);
  const overflow = () => grid.evaluate((element) => element.scrollWidth - element.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  // The choice stays on this computer: after a reload the number is still shown.
  await showColumns(page, ['Mobilnummer']);
  await page.reload();
  await expect(grid.getByRole('columnheader', { name: 'Mobilnummer' })).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
});
