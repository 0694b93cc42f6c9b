import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { cli, importCsv } from './cli';
import { showColumns } from './columns';
import { expect, test } from './fixtures';

interface CliContact {
  id: number;
  displayName: string;
  stage: string;
  target: string | null;
  kind: string;
  language: string;
  tags: string[];
}

const contactsOf = (databasePath: string): CliContact[] => JSON.parse(cli(databasePath, 'contacts', '--json')) as CliContact[];

const CSV = [
  'Name;Firma;Handy;Art',
  'Bernd Schulze;Dachdecker Schulze GmbH;0171 1234567;Kunde',
  'Petra Lange;;0171 9988776;Kunde',
  'Jürgen Özdemir;;0151 98765432;Mitarbeiter',
  'Elektro Meier KG;Elektro Meier KG;0160 5550001;Lieferant',
  'Sabine Krüger;Krüger Immobilien;0172 4445556;Kunde',
  'Karl Fuchs;;0152 3334445;Mitarbeiter',
].join('\n');

/** A date typed into the app's date field: a local calendar day, as the app counts (not the UTC one). */
const daysAgo = (days: number) => {
  const now = new Date();
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() - days);
  return [day.getFullYear(), day.getMonth() + 1, day.getDate()].map((part) => String(part).padStart(2, '0')).join('-');
};

async function openContacts(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByTestId('contacts-total')).toHaveText('6 Kontakte');
}

test('a number typed in national format finds the contact stored in E.164', async ({ page, host }) => {
  importCsv(host.databasePath, CSV);
  await openContacts(page, host.url);
  const rows = page.getByRole('grid', { name: 'Kontakte' }).getByRole('row');
  const search = page.getByRole('searchbox', { name: 'Kontakte durchsuchen' });
  await showColumns(page, ['Mobilnummer']);

  await search.fill('0171 123');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('Bernd Schulze');
  await expect(rows.nth(1)).toContainText('0171 1234567');

  await search.fill('0171/99 88');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('Petra Lange');

  await search.fill('+49 151 987');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('Jürgen Özdemir');

  // Both 0171 numbers, and nothing else.
  await search.fill('0171');
  await expect(rows).toHaveCount(3);
});

test('the table sorts by company (German order, none last) and by number', async ({ page, host }) => {
  importCsv(host.databasePath, CSV);
  await openContacts(page, host.url);
  const grid = page.getByRole('grid', { name: 'Kontakte' });
  const names = async () =>
    (await grid.getByRole('row').allInnerTexts()).slice(1).map((text) =>
      text
        .split('\n')
        .find((part) => part.trim())!
        .trim(),
    );
  await grid.getByRole('columnheader', { name: 'Firma' }).getByRole('button').click();
  await expect(grid.getByRole('columnheader', { name: 'Firma' })).toHaveAttribute('aria-sort', 'ascending');
  // Without a company: by name as the table shows it.
  await expect.poll(names).toEqual(['Bernd Schulze', 'Elektro Meier KG', 'Sabine Krüger', 'Jürgen Özdemir', 'Karl Fuchs', 'Petra Lange']);
  await showColumns(page, ['Mobilnummer']);
  await grid.getByRole('columnheader', { name: 'Mobilnummer' }).getByRole('button').click();
  // Karl Fuchs's 0152 number is one digit short (not a valid number): shown as typed, after the others.
  await expect.poll(names).toEqual(['Jürgen Özdemir', 'Elektro Meier KG', 'Bernd Schulze', 'Petra Lange', 'Sabine Krüger', 'Karl Fuchs']);
});

test('filter, select three contacts, change them at once, undo one change; the overview agrees with the database', async ({
  page,
  host,
}) => {
  importCsv(host.databasePath, CSV);
  await openContacts(page, host.url);
  const grid = page.getByRole('grid', { name: 'Kontakte' });

  // Only the customers: three of six.
  await page.getByRole('combobox', { name: 'Art' }).click();
  await page.getByRole('option', { name: 'Kunde' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('contacts-total')).toHaveText('3 Kontakte');

  // Select the first, shift-click the third: three selected (one alone: the header box shows "some").
  const selectAll = grid.getByRole('checkbox', { name: 'Alle gefundenen auswählen' });
  await grid.getByRole('checkbox', { name: 'Bernd Schulze auswählen' }).click();
  await expect.poll(() => selectAll.evaluate((box) => (box as HTMLInputElement).indeterminate)).toBe(true);
  await grid.getByRole('checkbox', { name: 'Sabine Krüger auswählen' }).click({ modifiers: ['Shift'] });
  const bulkBar = page.getByTestId('bulk-bar');
  await expect(bulkBar).toContainText('3 ausgewählt');
  await expect(selectAll).toBeChecked();
  expect(await selectAll.evaluate((box) => (box as HTMLInputElement).indeterminate)).toBe(false);

  await bulkBar.getByRole('button', { name: 'Ziel setzen' }).click();
  await page.getByRole('menuitem', { name: 'Signal' }).click();
  await expect(page.getByText('3 Kontakte geändert.').last()).toBeVisible();
  await expect(grid.getByRole('row', { name: /Petra Lange/ })).toContainText('Signal');

  // Invited three weeks ago (the invitation went out before the app was in use).
  await grid.getByRole('checkbox', { name: 'Alle gefundenen auswählen' }).check();
  await expect(bulkBar).toContainText('3 ausgewählt');
  await bulkBar.getByRole('button', { name: 'Stand setzen' }).click();
  await page.getByRole('menuitem', { name: 'Eingeladen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Als eingeladen markieren' });
  await dialog.getByLabel('Einladung per').selectOption('sms');
  await dialog.getByLabel('Datum').fill(daysAgo(20));
  await dialog.getByRole('button', { name: 'Übernehmen' }).click();
  await expect(grid.getByRole('row').filter({ hasText: 'Eingeladen' })).toHaveCount(3);

  // A tag, then undone from the notification.
  await grid.getByRole('checkbox', { name: 'Alle gefundenen auswählen' }).check();
  await bulkBar.getByRole('button', { name: 'Schlagwort vergeben' }).click();
  await page.getByRole('combobox', { name: 'Schlagwort vergeben' }).fill('Baustelle Nord');
  await page.getByRole('button', { name: 'Übernehmen' }).click();
  await expect(page.getByText('3 Kontakte geändert.').last()).toBeVisible();
  await expect.poll(() => contactsOf(host.databasePath).filter((c) => c.tags.includes('Baustelle Nord')).length).toBe(3);
  await page.getByRole('button', { name: 'Rückgängig' }).last().click();
  await expect(page.getByText('3 Kontakte zurückgesetzt.')).toBeVisible();

  // Two of them read English: their invitations will be in English.
  await grid.getByRole('checkbox', { name: 'Petra Lange auswählen' }).click();
  await grid.getByRole('checkbox', { name: 'Sabine Krüger auswählen' }).click();
  await bulkBar.getByRole('button', { name: 'Sprache & Ansprache' }).click();
  await page.getByRole('menuitem', { name: 'Englisch' }).click();
  await expect(page.getByText('2 Kontakte geändert.').last()).toBeVisible();
  await expect
    .poll(() =>
      contactsOf(host.databasePath)
        .filter((c) => c.language === 'en')
        .map((c) => c.displayName)
        .sort(),
    )
    .toEqual(['Petra Lange', 'Sabine Krüger']);
  // The table finds them by language too.
  await page.getByRole('combobox', { name: 'Sprache' }).click();
  await page.getByRole('option', { name: 'Englisch' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('contacts-total')).toHaveText('2 Kontakte');
  await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
  await expect(page.getByTestId('contacts-total')).toHaveText('6 Kontakte');
  await page.getByRole('combobox', { name: 'Art' }).click();
  await page.getByRole('option', { name: 'Kunde' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('contacts-total')).toHaveText('3 Kontakte');

  const contacts = contactsOf(host.databasePath);
  const customers = contacts.filter((c) => c.kind === 'customer');
  expect(customers.map((c) => [c.displayName, c.target, c.stage]).sort()).toEqual([
    ['Bernd Schulze', 'signal', 'invited'],
    ['Petra Lange', 'signal', 'invited'],
    ['Sabine Krüger', 'signal', 'invited'],
  ]);
  expect(contacts.filter((c) => c.kind !== 'customer').every((c) => c.stage === 'new' && c.target === null)).toBe(true);
  expect(contacts.every((c) => !c.tags.includes('Baustelle Nord'))).toBe(true);

  // The overview counts what the database holds.
  await page.getByRole('link', { name: 'Übersicht' }).click();
  const count = (stage: string) => contacts.filter((c) => c.stage === stage).length;
  await expect(page.getByTestId('bar-new')).toContainText(String(count('new')));
  await expect(page.getByTestId('bar-invited')).toContainText(String(count('invited')));
  await expect(page.getByTestId('bar-signal')).toContainText(String(contacts.filter((c) => c.target === 'signal').length));
  await expect(page.getByTestId('bar-none')).toContainText(String(contacts.filter((c) => c.target === null).length));
  await expect(page.getByTestId('next-not_invited')).toContainText(String(count('new')));
  await expect(page.getByTestId('next-invitation_overdue')).toContainText('3');

  // Each next-step list opens the table filtered.
  await page.getByRole('button', { name: /Anzeigen: Eingeladen vor über 14 Tagen/ }).click();
  await expect(page.getByTestId('contacts-total')).toHaveText('3 Kontakte');
  await expect(grid.getByRole('row', { name: /Jürgen Özdemir/ })).toHaveCount(0);
});

test('open a contact, record consent with an uploaded scan, see it and the history', async ({ page, host }, testInfo) => {
  importCsv(host.databasePath, CSV);
  await openContacts(page, host.url);
  // A real PNG as the "scan of the signed letter".
  mkdirSync(testInfo.outputDir, { recursive: true });
  const scan = path.join(testInfo.outputDir, 'einwilligung-lange.png');
  writeFileSync(scan, await page.screenshot());

  await page.getByRole('row', { name: /Petra Lange/ }).click();
  const drawer = page.getByTestId('contact-detail');
  await expect(drawer.getByRole('heading', { name: 'Petra Lange' })).toBeVisible();

  await drawer.getByRole('button', { name: 'Einwilligung angefragt (Brief)' }).click();
  const letter = page.getByRole('dialog', { name: 'Einwilligung angefragt (Brief)' });
  await letter.getByLabel('Briefversion').fill('2026-11');
  await letter.getByRole('button', { name: 'Übernehmen' }).click();
  await expect(drawer.getByText('Einwilligung angefragt', { exact: true })).toBeVisible();

  await drawer.getByRole('button', { name: 'Einwilligung erfassen' }).click();
  const form = page.getByRole('dialog', { name: 'Einwilligung erfassen' });
  await expect(form.getByLabel('Textversion')).toHaveValue('2026-11');
  await form.getByLabel('Terminabsprachen').check();
  await form.getByLabel('Fotos von Baustelle oder Schaden').check();
  // A file that is no scan is refused at once; choosing a valid scan clears the message.
  const notes = path.join(testInfo.outputDir, 'notizen.txt');
  writeFileSync(notes, 'keine Unterschrift');
  await form.locator('input[type=file]').setInputFiles(notes);
  await expect(form.getByText('„notizen.txt“ ist kein PDF und kein Bild')).toBeVisible();
  await form.locator('input[type=file]').setInputFiles(scan);
  await expect(form.getByText('„notizen.txt“ ist kein PDF und kein Bild')).toBeHidden();
  await expect(form.getByText('Ausgewählt: einwilligung-lange.png – wird mit der Einwilligung gespeichert.')).toBeVisible();
  // Saved is said only once it is saved.
  await expect(page.getByText('Einwilligung mit Nachweis gespeichert.')).toBeHidden();
  await form.getByRole('button', { name: 'Einwilligung speichern' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText('Einwilligung mit Nachweis gespeichert.')).toBeVisible();

  const consents = drawer.getByTestId('consent');
  await expect(consents).toHaveCount(2);
  await expect(consents.first()).toContainText('Unterschriebener Brief');
  await consents
    .first()
    .getByRole('button', { name: /Nachweis ansehen/ })
    .click();
  await expect(drawer.getByRole('img', { name: 'einwilligung-lange.png' })).toBeVisible();

  await drawer.getByRole('tab', { name: 'Verlauf' }).click();
  const history = drawer.getByTestId('history');
  await expect(history).toContainText('Einwilligung erfasst');
  await expect(history).toContainText('Stand: Einwilligung angefragt → Einwilligung erteilt');
  await expect(history).toContainText('Stand: Neu → Einwilligung angefragt (Brief 2026-11)');
  await expect(history).toContainText('Angelegt durch Import „kontakte.csv“');

  // The CLI reads the same history from the same database.
  const lange = contactsOf(host.databasePath).find((c) => c.displayName === 'Petra Lange')!;
  expect(lange.stage).toBe('consent_given');
  const entries = JSON.parse(cli(host.databasePath, 'history', String(lange.id), '--json')) as { kind: string }[];
  expect(entries.map((e) => e.kind)).toEqual(expect.arrayContaining(['consent', 'stage']));

  // Escape closes the drawer and the overview counts the consent.
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await page.getByRole('link', { name: 'Übersicht' }).click();
  await expect(page.getByTestId('bar-consent_given')).toContainText('1');
  await expect(page.getByTestId('bar-new')).toContainText('5');

  // Only she goes onto the business phone.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '1 Kontakt mit Einwilligung speichern' }).click();
  const vcf = path.join(testInfo.outputDir, 'firmenhandy.vcf');
  await (await download).saveAs(vcf);
  const cards = readFileSync(vcf, 'utf8');
  expect(cards.match(/BEGIN:VCARD/g)).toHaveLength(1);
  expect(cards).toContain('FN:Petra Lange');
  expect(cards).toContain('TEL;TYPE=CELL:+491719988776');
});

test('the table works from the keyboard: search shortcut, arrows, Enter, Space, Escape', async ({ page, host }) => {
  importCsv(host.databasePath, CSV);
  await openContacts(page, host.url);
  const grid = page.getByRole('grid', { name: 'Kontakte' });
  const search = page.getByRole('searchbox', { name: 'Kontakte durchsuchen' });

  await grid.focus();
  await page.keyboard.press('Control+f');
  await expect(search).toBeFocused();
  await grid.focus();
  await page.keyboard.press('/');
  await expect(search).toBeFocused();

  // Sorted by name: Bernd Schulze, Elektro Meier KG, Jürgen Özdemir, …
  await grid.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('bulk-bar')).toContainText('1 ausgewählt');
  await expect(grid.getByRole('row', { name: /Elektro Meier KG/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const drawer = page.getByTestId('contact-detail');
  await expect(drawer.getByRole('heading', { name: 'Jürgen Özdemir' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(grid).toBeFocused();
});
