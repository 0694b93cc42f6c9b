import { importCsv } from './cli';
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
  await expect(page.getByRole('row', { name: /Jürgen Özdemir/ })).toContainText('Mitarbeiter');

  const search = page.getByRole('searchbox', { name: 'Kontakte durchsuchen' });
  await search.fill('schulze');
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole('row', { name: /Bernd Schulze/ })).toContainText('+491701234567');
  await search.fill('9876');
  await expect(page.getByRole('row', { name: /Jürgen Özdemir/ })).toBeVisible();
  await expect(rows).toHaveCount(2);
  await search.fill('Zimmermann');
  await expect(page.getByText('Keine Kontakte passen zu „Zimmermann“.')).toBeVisible();
});
