import { importCsv } from './cli';
import { expect, test } from './fixtures';

test('Jetzt sichern, then Wiederherstellen: the list goes back to the backup, and the restore can be undone', async ({ page, host }) => {
  importCsv(host.databasePath, 'Name;Handy\nAnna Berg;0170 1234567\nBernd Koch;0171 2345678\n');
  await page.goto(`${host.url}#/einstellungen?tab=sicherung`);
  await expect(page.getByText('Noch keine Sicherung.')).toBeVisible();
  await page.getByRole('button', { name: 'Jetzt sichern' }).click();
  await expect(page.getByText(/Gesichert: Stand vom .* mit 2 Kontakten\./)).toBeVisible();
  const backups = page.getByRole('table', { name: 'Sicherungen' });
  await expect(backups.getByRole('row')).toHaveCount(2);

  // The overview says when the last backup was made.
  await page.goto(`${host.url}#/uebersicht`);
  await expect(page.getByTestId('backup-state')).toContainText(/Letzte Sicherung: \d\d\.\d\d\.\d{4}/);
  await page.goto(`${host.url}#/einstellungen?tab=sicherung`);

  // A contact added after the backup (the import backs up the state before it, too).
  importCsv(host.databasePath, 'Name;Handy\nCarla Dorn;0172 3456789\n');
  await page.goto(`${host.url}#/kontakte`);
  await expect(page.getByText('Carla Dorn')).toBeVisible();
  await page.goto(`${host.url}#/einstellungen?tab=sicherung`);
  await expect(backups.getByRole('row')).toHaveCount(3);
  await expect(backups.getByRole('row').filter({ hasText: 'vor einem Import' })).toHaveCount(1);

  const regular = backups.getByRole('row').filter({ hasText: 'regelmäßig oder von Hand' });
  await regular.getByRole('button', { name: /wiederherstellen/i }).click();
  const dialog = page.getByRole('dialog', { name: 'Sicherung wiederherstellen?' });
  await expect(dialog).toContainText('(2 Kontakte)');
  await expect(dialog).toContainText('Der jetzige Stand wird vorher gesichert');
  await dialog.getByRole('button', { name: 'Wiederherstellen' }).click();
  // The app is loaded afresh and says what was restored.
  await expect(page.getByText(/ist wiederhergestellt \(2 Kontakte\)/)).toBeVisible();
  await page.goto(`${host.url}#/kontakte`);
  await expect(page.getByText('Anna Berg')).toBeVisible();
  await expect(page.getByText('Carla Dorn')).toHaveCount(0);

  // Undone by restoring the backup of the state before.
  await page.goto(`${host.url}#/einstellungen?tab=sicherung`);
  const before = backups.getByRole('row').filter({ hasText: 'vor dem Wiederherstellen' });
  await expect(before).toContainText('3');
  await before.getByRole('button', { name: /wiederherstellen/i }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Wiederherstellen' }).click();
  await expect(page.getByText(/ist wiederhergestellt \(3 Kontakte\)/)).toBeVisible();
  await page.goto(`${host.url}#/kontakte`);
  await expect(page.getByText('Carla Dorn')).toBeVisible();
});

test('the backup folder can be chosen; a relative path is refused with a message', async ({ page, host }) => {
  await page.goto(`${host.url}#/einstellungen?tab=sicherung`);
  await expect(page.getByText('Die Datenbank selbst bleibt auf diesem Rechner')).toBeVisible();
  const folder = page.getByLabel('Ordner für die Sicherungen');
  await folder.fill('Sicherungen');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByText(/kein vollständiger Ordnerpfad/)).toBeVisible();
  const chosen = `${host.databasePath}-USB`;
  await folder.fill(chosen);
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByText('Einstellungen gespeichert.')).toBeVisible();
  await expect(page.getByText(`Ordner: ${chosen}`)).toBeVisible();
});
