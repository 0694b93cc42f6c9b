import http from 'node:http';
import { expect, test } from './fixtures';
import { startServeProcess, tempDatabase } from './host';

const navigation = [
  'Kontakte',
  'Import',
  'Einladungen',
  'Briefe',
  'Rückläufer einlesen',
  'Handy-Abgleich',
  'Übersicht',
  'Papierkorb',
  'Einstellungen',
  'Hilfe',
];

function rawGet(port: number, path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

test('`npm run serve -- --db … --port 5199` prints the tokened address, serves the German shell and refuses strangers', async ({
  page,
}) => {
  const database = tempDatabase();
  const serve = await startServeProcess('npm', ['run', 'serve', '--', '--db', database.path, '--port', '5199']);
  try {
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:5199\/\?token=[A-Za-z0-9_-]{20,}$/);

    await page.goto(serve.url);
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    for (const label of navigation) await expect(nav.getByRole('link', { name: label })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.getByTestId('contacts-empty')).toBeVisible();

    expect(await rawGet(5199, '/', '127.0.0.1:5199')).toBe(401);
    expect(await rawGet(5199, `/?token=${serve.token}`, 'evil.example')).toBe(403);
    // The page traded the address's launch code for its API token: the address, kept in the browser's
    // history, opens nothing any more.
    expect(await rawGet(5199, `/?token=${serve.token}`, '127.0.0.1:5199')).toBe(401);
    const noToken = await page.request.post(`${serve.origin}/api/settings.get`, { data: {}, headers: { 'x-umzugshelfer-token': '' } });
    expect(noToken.status()).toBe(401);
  } finally {
    await serve.stop();
    database.remove();
  }
});

test('Kontakte starts with an empty state that says what to do first', async ({ page, host }) => {
  await page.goto(host.url);
  const empty = page.getByTestId('contacts-empty');
  await expect(empty.getByRole('heading', { name: 'Noch keine Kontakte' })).toBeVisible();
  await expect(empty).toContainText('Importieren Sie Ihre Kontakte');
  await empty.getByRole('button', { name: 'Kontakte importieren' }).click();
  await expect(page).toHaveURL(/#\/import$/);
  await expect(page.getByRole('heading', { name: 'Kontakte importieren' })).toBeVisible();
});

test('every request the page makes goes to the loopback host', async ({ page, host, requests }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('contacts-empty')).toBeVisible();
  for (const label of navigation) {
    await page.getByRole('navigation').getByRole('link', { name: label }).click();
    await expect(page.getByRole('heading', { level: 2, name: label })).toBeVisible();
  }
  await page.getByRole('navigation').getByRole('link', { name: 'Einstellungen' }).click();
  await page.getByLabel('Land für Nummern ohne Vorwahl').selectOption('CH');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByText('Einstellungen gespeichert.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'Einstellungen' })).toBeVisible();

  expect(requests.length).toBeGreaterThan(5);
  const elsewhere = requests.filter((url) => !url.startsWith(`${host.origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:'));
  expect(elsewhere).toEqual([]);
});

test('a wrong-typed contract call gets invalid_input and the host keeps serving', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('contacts-empty')).toBeVisible();
  // The API token the page got for the address's launch code (kept in this tab's sessionStorage only).
  const token = await page.evaluate(() => sessionStorage.getItem('umzugshelfer.token'));
  const call = (name: string, body: unknown) =>
    page.request.post(`${host.origin}/api/${name}`, { data: body, headers: { 'x-umzugshelfer-token': token ?? '' } });
  const bad = await call('settings.update', { invitationReminderDays: 'vierzehn' });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({
    ok: false,
    error: { code: 'invalid_input', message: expect.stringContaining('invitationReminderDays') },
  });
  expect(await (await call('settings.get', {})).json()).toMatchObject({ ok: true, value: { invitationReminderDays: 14 } });
  await page.reload();
  await expect(page.getByTestId('contacts-empty')).toBeVisible();
});

test('a page whose code does not arrive says so in its place; the rest of the app keeps working, and reloading brings it', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await expect(page.getByTestId('contacts-empty')).toBeVisible();
  // Pages other than Kontakte load their code when first opened: here it does not arrive.
  await page.route('**/assets/ReturnFormsView-*.js', (route) => route.abort());
  await page.getByRole('navigation').getByRole('link', { name: 'Rückläufer einlesen' }).click();
  const failed = page.getByRole('alert');
  await expect(failed).toContainText('Diese Seite konnte nicht angezeigt werden.');
  await page.getByRole('navigation').getByRole('link', { name: 'Übersicht' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Übersicht' })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Rückläufer einlesen' }).click();
  await page.unroute('**/assets/ReturnFormsView-*.js');
  await failed.getByRole('button', { name: 'Neu laden' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Rückläufer einlesen' })).toBeVisible();
});
