import { expect, test } from './fixtures';

test('settings persist in the database and survive a restart of the host', async ({ page, host }) => {
  await page.goto(`${host.url}#/einstellungen`);
  await expect(page.getByRole('heading', { level: 2, name: 'Einstellungen' })).toBeVisible();
  await expect(page.getByText(host.databasePath)).toBeVisible();

  const save = page.getByRole('button', { name: 'Speichern' });
  await expect(save).toBeDisabled();
  await page.getByLabel('Land für Nummern ohne Vorwahl').selectOption('AT');
  await page.getByLabel('Tage, bis ein Brief ohne Antwort überfällig ist').fill('28');
  await page.getByLabel('Sprache', { exact: true }).selectOption('en');
  await expect(page.getByText('Nicht gespeicherte Änderungen')).toBeVisible();
  await save.click();
  // The interface switches language as soon as the setting is stored.
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Contacts' })).toBeVisible();

  const restarted = await host.restart();
  await page.goto(`${restarted.url}#/einstellungen`);
  await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByLabel('Country for numbers without a country code')).toHaveValue('AT');
  await expect(page.getByLabel('Days until a letter without an answer is overdue')).toHaveValue('28');
  await expect(page.getByLabel('Language', { exact: true })).toHaveValue('en');
});
