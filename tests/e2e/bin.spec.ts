import { cli, importCsv } from './cli';
import { expect, test } from './fixtures';

/** A local day as the app shows it in German (04.12.2026), `days` after today. */
const germanDay = (days = 0): string => {
  const now = new Date();
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  return `${[day.getDate(), day.getMonth() + 1].map((part) => String(part).padStart(2, '0')).join('.')}.${day.getFullYear()}`;
};

test('Neuer Kontakt: created with "Von Hand angelegt"; a likely duplicate is shown first, to open or to create anyway', async ({
  page,
  host,
}) => {
  importCsv(host.databasePath, 'Name;Handy\nBernd Schulze;0170 1234567\n');
  await page.goto(host.url);
  await expect(page.getByTestId('contacts-total')).toHaveText('1 Kontakt');

  await page.getByRole('button', { name: 'Neuer Kontakt' }).click();
  let dialog = page.getByRole('dialog', { name: 'Neuer Kontakt' });
  await dialog.getByLabel('Vorname', { exact: true }).fill('Carla');
  await dialog.getByLabel('Nachname', { exact: true }).fill('Nowak');
  await dialog.getByRole('button', { name: 'Hinzufügen' }).first().click();
  await dialog.getByLabel('Nummer', { exact: true }).fill('0171 7654321');
  await dialog.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByText('„Carla Nowak“ ist angelegt.')).toBeVisible();
  await expect(page.getByTestId('contacts-total')).toHaveText('2 Kontakte');
  // The new contact opens, with its history saying how it came.
  const drawer = page.getByTestId('contact-detail');
  await expect(drawer.getByRole('heading', { name: 'Carla Nowak' })).toBeVisible();
  await expect(drawer).toContainText('0171 7654321');
  await drawer.getByRole('tab', { name: 'Verlauf' }).click();
  await expect(drawer.getByTestId('history')).toContainText('Von Hand angelegt');
  await page.getByRole('button', { name: 'Schließen' }).first().click();
  await expect(drawer).toBeHidden();

  // The same number, written otherwise: the existing contact is offered, nothing is created.
  await page.getByRole('button', { name: 'Neuer Kontakt' }).click();
  dialog = page.getByRole('dialog', { name: 'Neuer Kontakt' });
  await dialog.getByLabel('Vorname', { exact: true }).fill('B.');
  await dialog.getByRole('button', { name: 'Hinzufügen' }).first().click();
  await dialog.getByLabel('Nummer', { exact: true }).fill('+49 170 1234567');
  await dialog.getByRole('button', { name: 'Speichern' }).click();
  const matches = dialog.getByTestId('new-contact-duplicates');
  await expect(matches).toContainText('Diesen Kontakt gibt es vielleicht schon');
  await expect(matches).toContainText('Bernd Schulze');
  await expect(matches).toContainText('gleiche Telefonnummer');
  await matches.getByRole('button', { name: 'Öffnen: Bernd Schulze' }).click();
  await expect(drawer.getByRole('heading', { name: 'Bernd Schulze' })).toBeVisible();
  await expect(page.getByTestId('contacts-total')).toHaveText('2 Kontakte');
  await page.getByRole('button', { name: 'Schließen' }).first().click();

  // The same name: created anyway, the pair then waits under "Mögliche Dubletten".
  await page.getByRole('button', { name: 'Neuer Kontakt' }).click();
  dialog = page.getByRole('dialog', { name: 'Neuer Kontakt' });
  await dialog.getByLabel('Vorname', { exact: true }).fill('Bernd');
  await dialog.getByLabel('Nachname', { exact: true }).fill('Schulze');
  await dialog.getByRole('button', { name: 'Speichern' }).click();
  await expect(dialog.getByTestId('new-contact-duplicates')).toContainText('gleicher Name');
  await dialog.getByRole('button', { name: 'Trotzdem anlegen' }).click();
  await expect(page.getByTestId('contacts-total')).toHaveText('3 Kontakte');
  await expect(drawer.getByRole('tab', { name: /Mögliche Dubletten/ })).toBeVisible();
});

test('delete → Papierkorb → Wiederherstellen → back in the list; Endgültig löschen erases after a question', async ({ page, host }) => {
  importCsv(host.databasePath, 'Name;Firma;Handy\nAnna Berg;Berg GmbH;0170 1111111\nBernd Schulze;;0171 2222222\n');
  await page.goto(host.url);
  const nav = page.getByRole('navigation');
  await nav.getByRole('link', { name: /Papierkorb/ }).click();
  await expect(page.getByTestId('bin-empty')).toContainText('Wenn Sie in der Kontaktliste einen Kontakt löschen, landet er zuerst hier.');

  const deleteContact = async (name: string) => {
    await nav.getByRole('link', { name: 'Kontakte' }).click();
    await page
      .getByRole('grid', { name: 'Kontakte' })
      .getByRole('checkbox', { name: `${name} auswählen` })
      .click();
    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Löschen' }).click();
    await page.getByRole('dialog', { name: 'In den Papierkorb legen?' }).getByRole('button', { name: 'In den Papierkorb legen' }).click();
    await expect(page.getByText('1 Kontakt in den Papierkorb gelegt.').last()).toBeVisible();
    await expect(page.getByTestId('contacts-total')).toHaveText('1 Kontakt');
  };
  await deleteContact('Anna Berg');
  const binLink = nav.getByRole('link', { name: /Papierkorb/ });
  await expect(binLink).toContainText('1');
  await binLink.click();
  const row = page.getByTestId('bin-table').getByRole('row', { name: /Anna Berg/ });
  await expect(row).toContainText('Berg GmbH');
  await expect(row).toContainText(germanDay());
  await expect(row).toContainText(germanDay(30));
  await row.getByRole('button', { name: 'Wiederherstellen: Anna Berg' }).click();
  await expect(page.getByText('„Anna Berg“ ist wiederhergestellt und steht wieder in der Kontaktliste.')).toBeVisible();
  await expect(page.getByTestId('bin-empty')).toBeVisible();
  await expect(binLink).not.toContainText('1');
  await nav.getByRole('link', { name: 'Kontakte' }).click();
  await expect(page.getByTestId('contacts-total')).toHaveText('2 Kontakte');
  await expect(page.getByRole('row', { name: /Anna Berg/ })).toBeVisible();

  await deleteContact('Bernd Schulze');
  await binLink.click();
  await page.getByRole('button', { name: 'Endgültig löschen: Bernd Schulze' }).click();
  const question = page.getByRole('dialog', { name: 'Endgültig löschen?' });
  await expect(question).toContainText('Das lässt sich nicht rückgängig machen.');
  await question.getByRole('button', { name: 'Ja, endgültig löschen' }).click();
  await expect(page.getByText('„Bernd Schulze“ ist endgültig gelöscht.')).toBeVisible();
  await expect(page.getByTestId('bin-empty')).toBeVisible();
  expect(JSON.parse(cli(host.databasePath, 'contacts', '--deleted', '--json'))).toEqual([]);
  expect(JSON.parse(cli(host.databasePath, 'contacts', '--json')).map((c: { displayName: string }) => c.displayName)).toEqual([
    'Anna Berg',
  ]);
});

test('an import some of whose contacts were changed names them and undoes the rest', async ({ page, host }) => {
  importCsv(host.databasePath, 'Name;Handy\nAnna Berg;0170 1111111\nBernd Schulze;0171 2222222\nCarla Nowak;0172 3333333\n');
  const anna = JSON.parse(cli(host.databasePath, 'contacts', '--json')).find((c: { displayName: string }) => c.displayName === 'Anna Berg');
  cli(host.databasePath, 'set-stage', String(anna.id), 'invited', '--channel', 'whatsapp');

  await page.goto(`${host.url}#/import`);
  const item = page.getByTestId('import-history-item');
  await expect(item.getByTestId('undo-changed')).toContainText('1 Kontakt wurde seit dem Import geändert: Anna Berg');
  await item.getByRole('button', { name: 'Rest rückgängig machen' }).click();
  const question = page.getByRole('dialog', { name: 'Rest des Imports rückgängig machen?' });
  await expect(question).toContainText('für 2 Kontakte zurückgenommen');
  await expect(question).toContainText('Der seitdem geänderte Kontakt bleibt, wie er jetzt ist.');
  await question.getByRole('button', { name: 'Ja, rückgängig machen' }).click();
  await expect(page.getByText('Der Import „kontakte.csv“ wurde rückgängig gemacht; 1 geänderter Kontakt ist geblieben.')).toBeVisible();
  await expect(item).toContainText('rückgängig gemacht');
  await expect(item).toContainText('1 geänderter Kontakt behalten');
  expect(JSON.parse(cli(host.databasePath, 'contacts', '--json')).map((c: { displayName: string }) => c.displayName)).toEqual([
    'Anna Berg',
  ]);
});
