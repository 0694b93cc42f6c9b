import { expect, test } from './fixtures';

const TOKEN_KEY = 'umzugshelfer.token';
const launchSpent = 'Diese Adresse gilt nicht (mehr): Sie öffnet Umzugshelfer nur einmal.';
const signedOut = 'Dieser Tab ist bei Umzugshelfer nicht angemeldet.';

test('the API key stays in its tab, never on the disk; further tabs get it from an open tab; with none open the page says what to do', async ({
  page,
  context,
  host,
}) => {
  await page.goto(host.url);
  await expect(page.getByTestId('contacts-empty')).toBeVisible();
  const kept = await page.evaluate((key) => ({ tab: sessionStorage.getItem(key), disk: JSON.stringify({ ...localStorage }) }), TOKEN_KEY);
  expect(kept.tab).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  expect(kept.disk).not.toContain(kept.tab);

  // A second tab of the same browser, with the address whose launch code is spent: it asks the open tab.
  const second = await context.newPage();
  await second.goto(`${host.url}#/einstellungen`);
  await expect(second.getByText(host.databasePath)).toBeVisible();
  expect(await second.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY)).toBe(kept.tab);

  // Every tab closed: nothing is left to ask, and the spent address says so in German, not "not allowed".
  await page.close();
  await second.close();
  const later = await context.newPage();
  await later.goto(host.url);
  await expect(later.getByText(launchSpent).first()).toBeVisible();
  await expect(later.getByText('Diese Anfrage ist nicht erlaubt.')).toHaveCount(0);
  expect(await later.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY)).toBeNull();
});

test('a key the host refuses (npm run serve started again) is forgotten, and the page says what to do', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('contacts-empty')).toBeVisible();
  await page.evaluate((key) => sessionStorage.setItem(key, 'von-einem-frueheren-start-0123456789'), TOKEN_KEY);
  await page.reload();
  await expect(page.getByText(signedOut).first()).toBeVisible();
  await expect(page.getByText('Diese Anfrage ist nicht erlaubt.')).toHaveCount(0);
  expect(await page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY)).toBeNull();
});
