import { expect, test } from './fixtures';
import { noteWithoutColonVcard } from '../hostile/text-files';
import { importCsv } from './cli';

/**
 * A vCard whose NOTE line has no colon, followed by 100,000 fold lines (1.4 MB): the probe's file that
 * kept the reader busy for minutes while the host answered nothing. The import now reads it in a
 * worker thread with linear parsers; meanwhile the contact list must keep answering searches.
 */

test('while a hostile 1 MB file is imported in a second tab, searching the contact list still answers', async ({ page, context, host }) => {
  const rows = ['Vorname;Nachname;Firma;Handy'];
  for (let i = 0; i < 300; i += 1)
    rows.push(`Kunde${i};${i % 10 === 0 ? 'Schulze' : 'Becker'}${i};Holzbau ${i};0171 ${String(2_000_000 + i)}`);
  importCsv(host.databasePath, `${rows.join('\r\n')}\r\n`);

  await page.goto(host.url);
  const search = page.getByRole('searchbox', { name: 'Kontakte durchsuchen' });
  await expect(page.getByText('300 Kontakte')).toBeVisible();

  const importing = await context.newPage();
  await importing.goto(`${host.url}#/import`);
  const file = noteWithoutColonVcard(100_000);
  expect(file.length).toBeGreaterThan(1_000_000);
  await importing.getByTestId('import-file-input').setInputFiles({ name: 'Notiz.vcf', mimeType: 'text/vcard', buffer: file });

  // The search answers at once, with the import under way or done – never after minutes.
  await search.fill('Schulze1');
  await expect(page.getByRole('row', { name: /Schulze10\b/ })).toBeVisible({ timeout: 5_000 });
  await expect(page.getByText('11 Kontakte')).toBeVisible();

  // The import tab comes to its preview and says which line it skipped.
  await expect(importing.getByRole('heading', { name: 'Vorschau – noch ist nichts gespeichert' })).toBeVisible({ timeout: 30_000 });
  await expect(importing.getByRole('heading', { name: 'Notiz.vcf' })).toBeVisible();
  await expect(importing.getByText(/Zeile 4: Die Zeile ist länger als .* Zeichen und wurde übersprungen/)).toBeVisible();
});
