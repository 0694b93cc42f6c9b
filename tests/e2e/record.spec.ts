import type { Page } from '@playwright/test';
import { cli, contactsOf, importCsv } from './cli';
import { expect, test } from './fixtures';

/** The record an office proves things with (issue 12): nobody mixed up, no consent without its proof. */

// Klaus and Anna share the number of Anna's office; an Excel list as offices have them.
const KUNDENLISTE = [
  'Vorname;Nachname;Firma;Telefon;Straße;PLZ;Ort',
  'Klaus;Bauer;;0561 998877;;;',
  'Anna;Lehmann;Lehmann Immobilien;0561 998877;Hafenstraße 4;34117;Kassel',
].join('\r\n');

async function importThroughTheWindow(page: Page, name: string, text: string) {
  await page.getByRole('link', { name: 'Import', exact: true }).click();
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
  await expect(page.getByRole('heading', { name: 'Vorschau – noch ist nichts gespeichert' })).toBeVisible();
}

test('two people sharing a number, kept apart, then the same list again: the preview and the record stay unchanged', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await importThroughTheWindow(page, 'kunden.csv', KUNDENLISTE);
  const preview = page.getByTestId('import-file');
  await expect(preview.getByRole('row', { name: /Anna Lehmann/ })).toContainText('Gleiche Nummer, aber anderer Name');
  await page.getByRole('button', { name: /importieren/ }).click();
  await expect(page.getByRole('heading', { name: 'Import abgeschlossen' })).toBeVisible();

  // The contact list finds the pair under "possible duplicates".
  await page.getByRole('link', { name: 'Kontakte' }).click();
  await page.getByRole('checkbox', { name: 'Mögliche Dubletten' }).check();
  await expect(page.getByTestId('contacts-total')).toHaveText('2 Kontakte');
  await page.getByRole('row', { name: /Anna Lehmann/ }).click();
  const drawer = page.getByTestId('contact-detail');
  await drawer.getByRole('tab', { name: /Dubletten/ }).click();
  await drawer.getByRole('button', { name: 'Verschiedene Personen' }).click();
  await expect(page.getByText('Als verschiedene Personen gespeichert')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(page.getByText(/Keine Kontakte passen zu diesen Filtern/)).toBeVisible();

  // The same list again: nothing to do, and Klaus never gets Anna's company or address.
  await importThroughTheWindow(page, 'kunden.csv', KUNDENLISTE);
  await expect(preview.getByTestId('import-counts')).toHaveText('2 unverändert');
  await expect(preview.getByRole('row', { name: /Klaus Bauer/ })).not.toContainText('Ergänzt');
  await expect(page.getByRole('button', { name: /importieren|übernehmen/ })).toBeDisabled();
  const klaus = contactsOf(host.databasePath).find((c) => c.displayName === 'Klaus Bauer')!;
  expect(klaus.organization).toBeNull();
});

test('duplicates are decided in the preview: keep both, merge or skip, per row', async ({ page, host }) => {
  importCsv(host.databasePath, 'Name;Handy\nMaria Schulze;0170 1234567\n');
  await page.goto(host.url);
  await importThroughTheWindow(page, 'neu.csv', 'Name;Handy;Firma\nMama;0170 1234567;Blumen Schulze\nNeu Person;0172 5555555;\n');
  const mama = page.getByTestId('import-file').getByRole('row', { name: /Mama/ });
  await expect(mama.getByLabel('Entscheidung für Mama')).toHaveValue('review');
  await mama.getByLabel('Entscheidung für Mama').selectOption('merge');
  await expect(page.getByTestId('import-file').getByTestId('import-counts')).toContainText('1 ergänzt');
  await page.getByRole('button', { name: /importieren/ }).click();
  await expect(page.getByRole('heading', { name: 'Import abgeschlossen' })).toBeVisible();
  const contacts = contactsOf(host.databasePath);
  expect(contacts.map((c) => c.displayName).sort()).toEqual(['Maria Schulze', 'Neu Person']);
  expect(contacts.find((c) => c.displayName === 'Maria Schulze')!.organization).toBe('Blumen Schulze');
});

test('"Einwilligung erteilt" for a selection opens the consent form; nothing is recorded without proof', async ({ page, host }) => {
  importCsv(
    host.databasePath,
    ['Name;Handy', 'Petra Lange;0171 9988776', 'Karl Fuchs;0152 33344455', 'Jürgen Özdemir;0151 98765432'].join('\n'),
  );
  const named = (name: string) => contactsOf(host.databasePath).find((c) => c.displayName === name)!;
  const [petra, karl] = [named('Petra Lange'), named('Karl Fuchs')];
  cli(host.databasePath, 'set-stage', String(petra!.id), 'consent_requested', '--letter-version', 'EW-TEST');
  cli(host.databasePath, 'set-stage', String(karl!.id), 'switched', '--messenger', 'signal');
  await page.goto(host.url);
  const grid = page.getByRole('grid', { name: 'Kontakte' });
  await grid.getByRole('checkbox', { name: 'Alle gefundenen auswählen' }).check();
  const bulkBar = page.getByTestId('bulk-bar');
  await bulkBar.getByRole('button', { name: 'Stand setzen' }).click();
  // Karl switched already: a consent is possible for two of three, and the menu says so.
  await page.getByRole('menuitem', { name: 'Einwilligung erteilt (2 von 3)' }).click();
  const ask = page.getByRole('dialog', { name: 'Einwilligung erfassen' });
  await expect(ask).toContainText('„Karl Fuchs“ kann nicht von „Gewechselt“ zu „Einwilligung erteilt“ wechseln.');
  await ask.getByRole('button', { name: 'Für 2 Kontakte ändern' }).click();

  const form = page.getByRole('dialog', { name: 'Einwilligung für 3 Kontakte erfassen' });
  await expect(form).toBeVisible();
  await form.getByLabel('Terminabsprachen').check();
  await form.getByText('Kein Scan – Begründung').click();
  await form.getByRole('button', { name: 'Für 2 Kontakte speichern' }).click();
  await expect(form.getByText('Ohne Nachweis keine Einwilligung')).toBeVisible();
  expect(contactsOf(host.databasePath).filter((c) => c.stage === 'consent_given')).toEqual([]);

  await form.getByLabel('Begründung ohne Scan').fill('mündlich am Telefon, Notiz in der Akte');
  await form.getByRole('button', { name: 'Für 2 Kontakte speichern' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText('Einwilligung für 2 Kontakte gespeichert – die unterschriebenen Formulare fehlen noch.')).toBeVisible();
  const stages = Object.fromEntries(contactsOf(host.databasePath).map((c) => [c.displayName, c.stage]));
  expect(stages).toEqual({ 'Petra Lange': 'consent_given', 'Karl Fuchs': 'switched', 'Jürgen Özdemir': 'consent_given' });
  const history = JSON.parse(cli(host.databasePath, 'history', String(petra!.id), '--json')) as {
    text: string;
    changes: { field: string; after: string | null }[];
  }[];
  expect(history[0]!.changes).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ field: 'Textversion', after: 'EW-TEST' }),
      expect.objectContaining({ after: 'mündlich am Telefon, Notiz in der Akte' }),
    ]),
  );
});
