import { expect, test } from './fixtures';

test('an e-mail text that is not an address shows in the preview as written, flagged; a valid one is not flagged', async ({
  page,
  host,
}) => {
  await page.goto(`${host.url}#/import`);
  const list = 'Name;E-Mail;Handy\nAnna Schmitz;business 3@example.de;0171 1112223\nBernd Schulze;bernd@example.de;0171 1112224\n';
  await page.getByTestId('import-file-input').setInputFiles({ name: 'kunden.csv', mimeType: 'text/csv', buffer: Buffer.from(list) });

  const anna = page.getByRole('row', { name: /Anna Schmitz/ });
  // Kept whole: never the different address "3@example.de".
  await expect(anna.getByText('business 3@example.de', { exact: true })).toBeVisible();
  await expect(anna.getByText('ungültig', { exact: true })).toHaveCount(1);
  const bernd = page.getByRole('row', { name: /Bernd Schulze/ });
  await expect(bernd.getByText('bernd@example.de', { exact: true })).toBeVisible();
  await expect(bernd.getByText('ungültig', { exact: true })).toHaveCount(0);
});
