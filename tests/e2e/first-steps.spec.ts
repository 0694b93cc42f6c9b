import { cli } from './cli';
import { dropFiles } from './drop';
import { expect, test } from './fixtures';

const vcard = ['BEGIN:VCARD', 'VERSION:3.0', 'N:Groß;Jürgen;;Herr;', 'FN:Jürgen Groß', 'TEL;TYPE=CELL:0171 2345678', 'END:VCARD', ''].join(
  '\r\n',
);

test('a fresh database shows the first steps, 0 of 3; the profile filled and a file imported tick two, the first invitation the last', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  // The contact list's empty page: the checklist under "Noch keine Kontakte".
  const empty = page.getByTestId('contacts-empty');
  await expect(empty.getByTestId('first-steps-progress')).toHaveText('0 von 3 erledigt');
  for (const step of ['profile', 'contacts', 'reach']) await expect(empty.getByTestId(`first-step-${step}`)).toContainText('Noch offen');

  // Its first item leads to Einstellungen → Betrieb; the profile is filled in there.
  await empty.getByRole('link', { name: 'Zu Einstellungen → Betrieb' }).click();
  await expect(page.getByRole('tab', { name: 'Betrieb' })).toHaveAttribute('aria-selected', 'true');
  const form = page.getByTestId('profile-form');
  const fields: [string, string][] = [
    ['Name des Betriebs', 'Dachdeckerei Schulze'],
    ['Inhaber oder Geschäftsführer', 'Bernd Schulze'],
    ['Straße und Hausnummer', 'Mühlenweg 3'],
    ['PLZ', '34117'],
    ['Ort', 'Kassel'],
    ['Telefon', '0561 123456'],
    ['E-Mail', 'info@schulze-dach.de'],
    ['WhatsApp-Nummer des Betriebs', '+49 171 9876543'],
  ];
  for (const [label, value] of fields) await form.getByRole('textbox', { name: label, exact: true }).fill(value);
  await form.getByLabel('Bundesland (für die Aufsichtsbehörde)').selectOption('HE');
  await form.getByRole('button', { name: 'Betriebsprofil speichern' }).click();
  await expect(form).toContainText('Das Profil enthält alles, was ein Einwilligungsbrief braucht.');

  // The overview has nothing to count yet: the checklist, one step done.
  await page.getByRole('navigation').getByRole('link', { name: 'Übersicht' }).click();
  const steps = page.getByTestId('first-steps');
  await expect(steps.getByTestId('first-steps-progress')).toHaveText('1 von 3 erledigt');
  await expect(steps.getByTestId('first-step-profile')).toContainText('Erledigt');

  // A small file dropped on the window goes to the import.
  await dropFiles(
    page,
    [{ name: 'handy.vcf', bytes: Buffer.from(vcard, 'utf8'), type: 'text/vcard' }],
    'Loslassen, um die Dateien zu importieren',
  );
  await page.getByRole('button', { name: '1 Kontakt importieren' }).click();
  await expect(page.getByRole('heading', { name: 'Import abgeschlossen' })).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Übersicht' }).click();
  await expect(steps.getByTestId('first-steps-progress')).toHaveText('2 von 3 erledigt');
  await expect(steps.getByTestId('first-step-contacts')).toContainText('Erledigt');
  await expect(steps.getByTestId('first-step-reach')).toContainText('Noch offen');
  await expect(steps.getByRole('link', { name: 'Zu den Einladungen' })).toHaveAttribute('href', '#/einladungen');

  // The first contact invited (here by a script): all three done, the checklist gives way to the overview.
  const [contact] = JSON.parse(cli(host.databasePath, 'contacts', '--json')) as { id: number }[];
  cli(host.databasePath, 'set-stage', String(contact!.id), 'invited', '--channel', 'sms');
  await page.reload();
  await expect(page.getByTestId('bar-invited')).toContainText('1');
  await expect(page.getByTestId('first-steps')).toHaveCount(0);
});
