import Database from 'better-sqlite3';
import { expect, test } from './fixtures';

test('the contact list shows stored contacts and finds them by name, company and number', async ({ page, host }) => {
  // The host created and migrated the file; a second connection adds contacts as an import would.
  const db = new Database(host.databasePath);
  const add = db.prepare('INSERT INTO contacts (display_name, organization, kind) VALUES (?, ?, ?)');
  const phone = db.prepare("INSERT INTO contact_phones (contact_id, position, e164, raw, label) VALUES (?, 0, ?, ?, 'Handy')");
  db.transaction(() => {
    phone.run(add.run('Bernd Schulze', 'Dachdecker Schulze GmbH', 'customer').lastInsertRowid, '+491701234567', '0170 1234567');
    phone.run(add.run('Jürgen Özdemir', null, 'employee').lastInsertRowid, '+491519876543', '0151 9876543');
    add.run('Elektro Meier KG', 'Elektro Meier KG', 'supplier');
  })();
  db.close();

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
