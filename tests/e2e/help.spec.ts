import { expect, test } from './fixtures';

test('Hilfe explains the three ways, the data, letters, returned forms and backups, and shows where this database lies', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Hilfe' }).click();
  await expect(page).toHaveURL(/#\/hilfe$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Hilfe' })).toBeVisible();
  for (const title of [
    'Drei Wege weg von WhatsApp',
    'Was mit Ihren Daten geschieht',
    'Briefe drucken',
    'Rückläufer einlesen',
    'Sicherungen',
  ])
    await expect(page.getByRole('region', { name: title })).toBeVisible();
  await expect(page.getByTestId('help-ways')).toContainText('Signal, Threema, Wire, Element oder ginlo');
  // The path the app itself reports (app.info), not one written into the text.
  await expect(page.getByTestId('help-database-path')).toHaveText(host.databasePath);
  await expect(page.getByRole('link', { name: 'Zu „Rückläufer einlesen“' })).toHaveAttribute('href', '#/ruecklaeufer');
  await page.getByRole('link', { name: 'Zu Einstellungen → Sicherung' }).click();
  await expect(page.getByRole('tab', { name: 'Sicherung' })).toHaveAttribute('aria-selected', 'true');
});
