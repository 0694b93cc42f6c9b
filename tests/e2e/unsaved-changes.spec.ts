import type { Page } from '@playwright/test';
import { cli, importCsv } from './cli';
import { expect, test } from './fixtures';

const question = (page: Page) => page.getByRole('dialog', { name: 'Ungespeicherte Änderungen verwerfen?' });
const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name });

async function openProfile(page: Page, url: string) {
  await page.goto(`${url}#/einstellungen?tab=betrieb`);
  const form = page.getByTestId('profile-form');
  await expect(form).toBeVisible();
  return form;
}

test('leaving the business profile with unsaved edits asks first: keep editing, or discard and go', async ({ page, host }) => {
  const form = await openProfile(page, host.url);
  const name = form.getByRole('textbox', { name: 'Name des Betriebs', exact: true });

  // Nothing edited: the nav goes without a question.
  await nav(page, 'Kontakte').click();
  await expect(page.getByRole('heading', { level: 2, name: 'Kontakte' })).toBeVisible();
  await expect(question(page)).toHaveCount(0);

  await nav(page, 'Einstellungen').click();
  await page.getByRole('tab', { name: 'Betrieb' }).click();
  await name.fill('Dachdeckerei Schulze');
  await nav(page, 'Kontakte').click();
  await expect(question(page)).toBeVisible();
  await expect(question(page)).toContainText('Ihre Änderungen sind noch nicht gespeichert.');
  await question(page).getByRole('button', { name: 'Weiter bearbeiten' }).click();
  await expect(question(page)).toBeHidden();
  await expect(name).toHaveValue('Dachdeckerei Schulze');
  expect(new URL(page.url()).hash).toBe('#/einstellungen');

  await nav(page, 'Kontakte').click();
  await question(page).getByRole('button', { name: 'Verwerfen' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Kontakte' })).toBeVisible();
  expect(new URL(page.url()).hash).toBe('#/kontakte');
  expect(JSON.parse(cli(host.databasePath, 'profile', '--json')).name).toBe('');
  await nav(page, 'Einstellungen').click();
  await page.getByRole('tab', { name: 'Betrieb' }).click();
  await expect(name).toHaveValue('');
});

test('an invalid postal code shows its message at the field after trying to save, and nothing is stored', async ({ page, host }) => {
  const form = await openProfile(page, host.url);
  const postalCode = form.getByRole('textbox', { name: 'PLZ', exact: true });
  const message = 'Bitte geben Sie die Postleitzahl mit fünf Ziffern an, zum Beispiel 34117.';
  await form.getByRole('textbox', { name: 'Name des Betriebs', exact: true }).fill('Dachdeckerei Schulze');
  await postalCode.fill('3411');
  // Still typing: no message yet.
  await expect(form.getByText(message)).toHaveCount(0);
  await form.getByRole('button', { name: 'Betriebsprofil speichern' }).click();
  await expect(postalCode).toHaveAttribute('aria-invalid', 'true');
  await expect(postalCode).toHaveAccessibleDescription(message);
  await expect(postalCode).toBeFocused();
  expect(JSON.parse(cli(host.databasePath, 'profile', '--json'))).toMatchObject({ name: '', postalCode: '' });

  // A field left with a wrong value is marked at once; an empty optional one is fine.
  const email = form.getByRole('textbox', { name: 'E-Mail', exact: true });
  await email.fill('info@schulze');
  await email.blur();
  await expect(email).toHaveAccessibleDescription('Bitte geben Sie eine vollständige E-Mail-Adresse an, zum Beispiel info@ihr-betrieb.de.');
  const threema = form.getByRole('textbox', { name: 'Threema', exact: true });
  await threema.fill('abcd1234');
  await threema.blur();
  await expect(threema).not.toHaveAttribute('aria-invalid', 'true');

  await postalCode.fill('34117');
  await email.fill('info@schulze-dach.de');
  await expect(postalCode).not.toHaveAttribute('aria-invalid', 'true');
  await form.getByRole('button', { name: 'Betriebsprofil speichern' }).click();
  await expect(page.getByText('Betriebsprofil gespeichert.')).toBeVisible();
  // Threema ids are stored in capitals.
  await expect(threema).toHaveValue('ABCD1234');
  expect(JSON.parse(cli(host.databasePath, 'profile', '--json'))).toMatchObject({
    name: 'Dachdeckerei Schulze',
    postalCode: '34117',
    messengers: { threema: 'ABCD1234' },
  });
});

test('the general settings ask before the Betrieb tab replaces them', async ({ page, host }) => {
  await page.goto(`${host.url}#/einstellungen`);
  const region = page.getByLabel('Land für Nummern ohne Vorwahl');
  await region.selectOption('AT');
  await page.getByRole('tab', { name: 'Betrieb' }).click();
  await question(page).getByRole('button', { name: 'Weiter bearbeiten' }).click();
  await expect(region).toHaveValue('AT');
  await page.getByRole('tab', { name: 'Betrieb' }).click();
  await question(page).getByRole('button', { name: 'Verwerfen' }).click();
  await expect(page.getByTestId('profile-form')).toBeVisible();
  await page.getByRole('tab', { name: 'Allgemein' }).click();
  await expect(region).toHaveValue('DE');
});

test('the invitation text editor asks before another text or page replaces the edit', async ({ page, host }) => {
  await page.goto(`${host.url}#/einladungen`);
  const editor = page.getByTestId('template-editor');
  const body = editor.getByRole('textbox', { name: 'Text' });
  await expect(body).toHaveValue(/^\{\{Anrede\}\}/);
  await body.fill('{{Anrede}}\nbald per Signal.');
  await editor.getByRole('radiogroup', { name: 'Kanal' }).getByText('SMS').click();
  await question(page).getByRole('button', { name: 'Weiter bearbeiten' }).click();
  await expect(body).toHaveValue('{{Anrede}}\nbald per Signal.');
  await nav(page, 'Briefe').click();
  await question(page).getByRole('button', { name: 'Verwerfen' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Briefe' })).toBeVisible();
});

test('the contact form asks before a drawer tab or closing the drawer discards it', async ({ page, host }) => {
  importCsv(host.databasePath, 'Vorname;Nachname;Handy\nAnna;Schmidt;0170 1234567\n');
  await page.goto(host.url);
  await page.getByRole('row', { name: /Anna Schmidt/ }).click();
  const drawer = page.getByTestId('contact-detail');
  await drawer.getByRole('tab', { name: 'Angaben' }).click();
  const givenName = drawer.getByRole('textbox', { name: 'Vorname' });
  await givenName.fill('Annette');

  await drawer.getByRole('tab', { name: 'Verlauf' }).click();
  await question(page).getByRole('button', { name: 'Weiter bearbeiten' }).click();
  await expect(givenName).toHaveValue('Annette');

  // Escape asks too; a second Escape answers "keep editing" and does not ask again.
  await page.keyboard.press('Escape');
  await expect(question(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(question(page)).toBeHidden();
  await expect(givenName).toHaveValue('Annette');

  await page.getByRole('button', { name: 'Schließen' }).click();
  await question(page).getByRole('button', { name: 'Verwerfen' }).click();
  await expect(drawer).toBeHidden();
  await page.getByRole('row', { name: /Anna Schmidt/ }).click();
  await drawer.getByRole('tab', { name: 'Angaben' }).click();
  await expect(givenName).toHaveValue('Anna');
  // Unchanged, the tabs switch without a question.
  await drawer.getByRole('tab', { name: 'Verlauf' }).click();
  await expect(drawer.getByTestId('history')).toBeVisible();
  await expect(question(page)).toHaveCount(0);
});

test('closing the browser tab with unsaved edits asks the browser’s question; without edits it does not', async ({
  page,
  host,
  context,
}) => {
  // The first tab opens the printed address; a further tab gets its key from an open one.
  const form = await openProfile(page, host.url);
  const clean = await context.newPage();
  await openProfile(clean, host.url);
  await clean.getByRole('textbox', { name: 'Ort', exact: true }).click();
  let cleanAsked = false;
  clean.on('dialog', (dialog) => {
    cleanAsked = true;
    void dialog.accept();
  });
  const cleanClosed = clean.waitForEvent('close');
  await clean.close({ runBeforeUnload: true });
  await cleanClosed;
  expect(cleanAsked).toBe(false);

  const city = form.getByRole('textbox', { name: 'Ort', exact: true });
  await city.click();
  await city.fill('Kassel');
  const dialog = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const asked = await dialog;
  expect(asked.type()).toBe('beforeunload');
  await asked.accept();
});
