import type { Locator, Page } from '@playwright/test';
import { schulzeProfile, setProfile } from './cli';
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1366, height: 768 } });

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 60 } = {}) {
  await expect(target).toBeVisible();
  for (let presses = 0; presses <= max; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${target} was not reached with ${max} presses of ${backwards ? 'Shift+Tab' : 'Tab'}`);
}

/**
 * The focused element shows that it is: it matches :focus-visible and draws an outline or a shadow of
 * at least 2 px (Mantine's ring, or the app's own for the contact grid).
 */
async function expectFocusVisible(page: Page) {
  const focus = await page.evaluate(() => {
    const element = document.activeElement as HTMLElement;
    const style = getComputedStyle(element);
    return {
      element: `${element.tagName.toLowerCase()} ${element.getAttribute('role') ?? ''} ${element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 40)}`,
      visible: element.matches(':focus-visible'),
      outline: style.outlineStyle === 'none' ? 0 : Number.parseFloat(style.outlineWidth),
      shadow: style.boxShadow,
    };
  });
  expect(focus.visible, `${focus.element} matches :focus-visible`).toBe(true);
  expect(focus.outline >= 2 || focus.shadow !== 'none', `${focus.element} draws a focus ring`).toBe(true);
}

/** Whether the focus is inside `container` (a dialog: the focus trap keeps it there). */
const focusInside = (container: Locator) => container.evaluate((element) => element.contains(document.activeElement));

const CSV = [
  'Vorname;Nachname;Anrede;Handy;Straße;PLZ;Ort',
  'Anna;Schmidt;Frau;0170 1234567;Hauptstraße 5;34119;Kassel',
  'Jürgen;Müller;Herr;0171 2345678;Am Lindenhof 12;34131;Kassel',
  'Petra;Lange;Frau;0172 3456789;Gartenweg 3;34117;Kassel',
].join('\n');

test('import, the list, a contact and its letters, with the keyboard alone', async ({ page, host }) => {
  setProfile(host.databasePath, schulzeProfile);
  await page.goto(host.url);
  await expect(page.getByTestId('contacts-empty')).toBeVisible();

  // The empty list leads to the import; its button opens the system's file dialog.
  await tabTo(page, page.getByRole('button', { name: 'Kontakte importieren' }));
  await expectFocusVisible(page);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Kontakte importieren' })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Dateien auswählen' }));
  await expectFocusVisible(page);
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles({ name: 'kunden.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });

  await tabTo(page, page.getByRole('button', { name: '3 Kontakte importieren' }));
  await expectFocusVisible(page);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Import abgeschlossen' })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Importierte Kontakte ansehen' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('Kontakte aus dem Import „kunden.csv“')).toBeVisible();

  // The grid: one stop for Tab, arrows move through the rows, Space selects, Enter opens.
  const grid = page.getByRole('grid', { name: 'Kontakte' });
  await tabTo(page, grid);
  await expectFocusVisible(page);
  const activeRow = () =>
    grid.evaluate((element) => document.getElementById(element.getAttribute('aria-activedescendant') ?? '')?.textContent);
  expect(await activeRow()).toContain('Anna Schmidt');
  await page.keyboard.press('ArrowDown');
  expect(await activeRow()).toContain('Jürgen Müller');
  // The active row is outlined while the grid has the keyboard.
  expect(await grid.locator('#contact-row-1').evaluate((row) => getComputedStyle(row).outlineStyle)).toBe('solid');
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('bulk-bar')).toContainText('2 ausgewählt');
  await page.keyboard.press('ArrowUp');

  // Enter opens Jürgen Müller; the focus is in the drawer and stays there, forwards and backwards.
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name: 'Kontakt' });
  await expect(drawer.getByRole('heading', { name: 'Jürgen Müller' })).toBeVisible();
  expect(await focusInside(drawer)).toBe(true);
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let presses = 0; presses < 25; presses++) {
      await page.keyboard.press(key);
      expect(await focusInside(drawer), `${key} ×${presses + 1} stays in the drawer`).toBe(true);
    }
  }

  // A step from the drawer: its dialog, and Escape closes that dialog only.
  const invited = drawer.getByRole('button', { name: 'Als eingeladen markieren' });
  await tabTo(page, invited);
  await expectFocusVisible(page);
  await page.keyboard.press('Enter');
  const stageDialog = page.getByRole('dialog', { name: 'Als eingeladen markieren' });
  await expect(stageDialog).toBeVisible();
  await expect.poll(() => focusInside(stageDialog)).toBe(true);
  await page.keyboard.press('Escape');
  await expect(stageDialog).toHaveCount(0);
  await expect(drawer).toBeVisible();
  await expect(invited).toBeFocused();

  // Again, confirmed this time: the table behind the drawer is drawn anew with the contact's new stage.
  await page.keyboard.press('Enter');
  await expect(stageDialog).toBeVisible();
  await tabTo(page, stageDialog.getByRole('button', { name: 'Übernehmen' }));
  await expectFocusVisible(page);
  await page.keyboard.press('Enter');
  await expect(grid.getByRole('row', { name: /Jürgen Müller/ })).toContainText('Eingeladen');

  // The tabs: arrow keys go from one to the next.
  const firstTab = drawer.getByRole('tab', { name: 'Stand & Ziel' });
  await tabTo(page, firstTab, { backwards: true });
  await expectFocusVisible(page);
  await page.keyboard.press('ArrowRight');
  await expect(drawer.getByRole('tab', { name: 'Angaben' })).toBeFocused();
  await expect(drawer.getByRole('tab', { name: 'Angaben' })).toHaveAttribute('aria-selected', 'true');
  await expect(drawer.getByRole('textbox', { name: 'Vorname' })).toHaveValue('Jürgen');

  // Escape closes the drawer; the focus is back on the grid, on the same row.
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
  await expect(grid).toBeFocused();
  await expectFocusVisible(page);
  expect(await activeRow()).toContain('Jürgen Müller');

  // The selection goes to the letters: the button above the table, then the page's own controls.
  await tabTo(page, page.getByTestId('bulk-bar').getByRole('button', { name: 'Briefe …' }), { backwards: true });
  await expectFocusVisible(page);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('letters-summary')).toHaveText('2 Kontakte ausgewählt, 2 mit Postanschrift.');

  // The preview scrolls from the keyboard.
  const preview = page.getByRole('region', { name: 'Vorschau der ersten Briefe' });
  await expect(preview).toContainText('Sehr geehrte Frau Lange,');
  await tabTo(page, preview);
  await expectFocusVisible(page);
  await page.keyboard.press('PageDown');
  await expect.poll(() => preview.evaluate((element) => element.scrollTop)).toBeGreaterThan(100);

  await tabTo(page, page.getByRole('button', { name: 'PDF mit 2 Briefen erstellen' }), { backwards: true });
  await expectFocusVisible(page);
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
  await expect(page.getByText('2 Briefe als PDF gespeichert. Auf „Einwilligung angefragt“ gesetzt: 2.')).toBeVisible();
});
