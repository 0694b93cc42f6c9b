import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, importCsv } from './cli';
import { expect, test } from './fixtures';

const CSV = ['Name;Firma;Handy;Art', 'Bernd Schulze;;0171 1234567;Kunde', 'Petra Lange;;0171 9988776;Kunde'].join('\n');

/** A WhatsApp chat export as the phone writes it, imported through the CLI as the office would. */
function importChat(databasePath: string): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'umzugshelfer-chat-'));
  try {
    const file = path.join(dir, 'WhatsApp Chat mit Bernd Schulze.txt');
    writeFileSync(
      file,
      '12.03.24, 14:05 - Bernd Schulze: Guten Tag, wann kommen Sie?\n21.03.24, 18:40 - Bernd Schulze: Danke, alles dicht!\n',
    );
    cli(databasePath, 'import', file, '--json');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the history (Verlauf) of a contact reads in German words: labels, days as 04.12.2026, no empty changes', async ({ page, host }) => {
  // Entries of many kinds: two imports, steps from the command line, a bulk tag undone, a target, an edit.
  importCsv(host.databasePath, CSV);
  importChat(host.databasePath);
  const bernd = (JSON.parse(cli(host.databasePath, 'contacts', '--json')) as { id: number; displayName: string }[]).find(
    (c) => c.displayName === 'Bernd Schulze',
  )!;
  cli(host.databasePath, 'set-stage', String(bernd.id), 'invited', '--channel', 'whatsapp', '--date', '2026-11-02');
  cli(host.databasePath, 'set-stage', String(bernd.id), 'invited', '--channel', 'sms', '--date', '2026-11-09');
  cli(host.databasePath, 'set-stage', String(bernd.id), 'consent_requested', '--letter-version', 'EW-2026-1', '--date', '2026-11-10');

  await page.goto(host.url);
  await expect(page.getByTestId('contacts-total')).toHaveText('2 Kontakte');
  const grid = page.getByRole('grid', { name: 'Kontakte' });
  const bulkBar = page.getByTestId('bulk-bar');
  await grid.getByRole('checkbox', { name: 'Bernd Schulze auswählen' }).click();
  await bulkBar.getByRole('button', { name: 'Schlagwort vergeben' }).click();
  await page.getByRole('combobox', { name: 'Schlagwort vergeben' }).fill('Baustelle Nord');
  await page.getByRole('button', { name: 'Übernehmen' }).click();
  await expect(page.getByText('1 Kontakt geändert.').last()).toBeVisible();
  await page.getByRole('button', { name: 'Rückgängig' }).last().click();
  await expect(page.getByText('1 Kontakt zurückgesetzt.')).toBeVisible();

  await grid.getByRole('row', { name: /Bernd Schulze/ }).click();
  const drawer = page.getByTestId('contact-detail');
  await expect(drawer.getByRole('heading', { name: 'Bernd Schulze' })).toBeVisible();
  await drawer.getByRole('tab', { name: 'Angaben' }).click();
  // What the file called the number ("mobile"), and what "Automatisch" gives a customer, in words.
  await expect(drawer.getByLabel('Bezeichnung')).toHaveValue('Mobil');
  await expect(drawer.getByLabel('Ansprache').locator('option:checked')).toHaveText('Automatisch (Sie)');
  await drawer.getByLabel('Firma', { exact: true }).fill('Holzbau Schulze');
  // Typed as the office writes dates (a two-digit year is refused and blocks saving); stored as 1980-03-22.
  const birthday = drawer.getByRole('textbox', { name: 'Geburtstag', exact: true });
  await expect(birthday).toHaveAttribute('placeholder', 'TT.MM.JJJJ');
  await birthday.fill('22.03.80');
  await birthday.blur();
  await expect(drawer.getByText('Bitte als TT.MM.JJJJ eingeben', { exact: false })).toBeVisible();
  await expect(drawer.getByRole('button', { name: 'Speichern' })).toBeDisabled();
  await birthday.fill('22.03.1980');
  await drawer.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByText('Gespeichert.')).toBeVisible();

  await drawer.getByRole('tab', { name: 'Verlauf' }).click();
  const history = drawer.getByTestId('history');
  await expect(history).toContainText('Angaben geändert');
  await expect(history).toContainText('Firma: – → Holzbau Schulze');
  await expect(history).toContainText('Geburtstag: – → 22.03.1980');
  await expect(history).toContainText('Sammelaktion rückgängig gemacht');
  await expect(history).toContainText('Schlagworte: Baustelle Nord → –');
  await expect(history).toContainText('Stand: Eingeladen → Einwilligung angefragt (Brief EW-2026-1)');
  await expect(history).toContainText('Brief verschickt am: – → 10.11.2026');
  await expect(history).toContainText('Stand unverändert');
  await expect(history).toContainText('Eingeladen am: 02.11.2026 → 09.11.2026');
  await expect(history).toContainText('Einladung per: WhatsApp → SMS');
  await expect(history).toContainText('Stand: Neu → Eingeladen (per WhatsApp)');
  await expect(history).toContainText('Ergänzt durch Import „WhatsApp Chat mit Bernd Schulze.txt“');
  await expect(history).toContainText('Auf WhatsApp: nein');
  await expect(history).toContainText('Angelegt durch Import „kontakte.csv“');

  // What a person sees: no catalogue key, no date as the database keeps it, no change from nothing to nothing.
  const seen = await history.textContent();
  expect(seen).not.toMatch(/tracking\.|import\.|contacts\.|\{\{/);
  expect(seen).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  expect(seen).not.toContain('– → –');
  // Each entry's time in the office's words: 04.12.2026, 14:30.
  const times = await history.getByTestId('history-time').allInnerTexts();
  expect(times).toHaveLength(8);
  for (const time of times) expect(time).toMatch(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
});
