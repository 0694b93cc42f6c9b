import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { cli, importCsv, schulzeProfile, setProfile } from './cli';
import { expect, test } from './fixtures';

const CSV = [
  'Vorname;Nachname;Anrede;Firma;Handy;Straße;PLZ;Ort',
  'Anna;Schmidt;Frau;;0170 1234567;Hauptstraße 5;34119;Kassel',
  'Jürgen;Müller;Herr;;0171 2345678;Am Lindenhof 12;34131;Kassel',
  'Petra;Lange;Frau;;0172 3456789;Gartenweg 3;34117;Kassel',
  'Karl;Fuchs;Herr;;0151 4567890;;;',
].join('\n');

test('fill the profile, choose three contacts, preview and print their consent letters; they are marked', async ({
  page,
  host,
}, testInfo) => {
  importCsv(host.databasePath, CSV);
  await page.goto(host.url);

  // Einstellungen → Betrieb.
  await page.getByRole('navigation').getByRole('link', { name: 'Einstellungen' }).click();
  await page.getByRole('tab', { name: 'Betrieb' }).click();
  const form = page.getByTestId('profile-form');
  await expect(form).toContainText('Für Einwilligungsbriefe fehlen noch');
  const fields: [string, string][] = [
    ['Name des Betriebs', 'Dachdeckerei Schulze'],
    ['Rechtsform', 'GmbH'],
    ['Inhaber oder Geschäftsführer', 'Bernd Schulze'],
    ['Straße und Hausnummer', 'Mühlenweg 3'],
    ['PLZ', '34117'],
    ['Ort', 'Kassel'],
    ['Telefon', '0561 123456'],
    ['E-Mail', 'info@schulze-dach.de'],
    ['WhatsApp-Nummer des Betriebs', '+49 171 9876543'],
    // A GmbH's letters name its seat, register and managing directors (§ 35a GmbHG).
    ['Sitz des Unternehmens', 'Kassel'],
    ['Registergericht (z. B. Amtsgericht Kassel)', 'Amtsgericht Kassel'],
    ['Registernummer (z. B. HRB 12345)', 'HRB 12345'],
    ['Geschäftsführer bzw. Vorstand (alle Namen)', 'Bernd Schulze'],
  ];
  for (const [label, value] of fields) await form.getByRole('textbox', { name: label, exact: true }).fill(value);
  await form.getByLabel('Bundesland (für die Aufsichtsbehörde)').selectOption('HE');
  await form.getByRole('textbox', { name: 'Signal', exact: true }).fill('+49 171 9876543');
  await form.getByLabel('Empfohlener Messenger').selectOption('signal');
  await form.getByRole('button', { name: 'Betriebsprofil speichern' }).click();
  await expect(form).toContainText('Das Profil enthält alles, was ein Einwilligungsbrief braucht.');
  expect(JSON.parse(cli(host.databasePath, 'profile', '--json'))).toMatchObject({ name: 'Dachdeckerei Schulze', state: 'HE', missing: [] });

  // Kontakte: three chosen, handed to the letters.
  await page.getByRole('navigation').getByRole('link', { name: 'Kontakte' }).click();
  const grid = page.getByRole('grid', { name: 'Kontakte' });
  // Petra Lange reads English: she gets her letter and consent form in English.
  await grid.getByRole('checkbox', { name: 'Petra Lange auswählen' }).click();
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Sprache & Ansprache' }).click();
  await page.getByRole('menuitem', { name: 'Englisch' }).click();
  await expect(page.getByText('1 Kontakt geändert.').last()).toBeVisible();
  for (const name of ['Anna Schmidt', 'Jürgen Müller', 'Petra Lange'])
    await grid.getByRole('checkbox', { name: `${name} auswählen` }).click();
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Briefe …' }).click();
  await expect(page.getByRole('heading', { name: 'Briefe' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Einwilligungsbrief' })).toBeChecked();
  await expect(page.getByTestId('letters-summary')).toHaveText('3 Kontakte ausgewählt, 3 mit Postanschrift.');
  const preview = page.getByTestId('letter-preview');
  await expect(preview).toContainText('Sehr geehrte Frau Schmidt,');
  await expect(preview).toContainText('Einwilligung in die Kommunikation über WhatsApp');
  // The fold and hole marks are short rules at the letter page's left edge: the preview keeps them.
  const marks = await preview.evaluate((element) =>
    [...element.shadowRoot!.querySelector('.page.letter')!.querySelectorAll('.mark')].map((mark) => {
      const style = getComputedStyle(mark);
      return `${style.position} ${style.borderTopStyle} ${style.top}`;
    }),
  );
  expect(marks).toEqual(['absolute solid 396.85px', 'absolute solid 793.701px', 'absolute solid 561.26px']);

  // The page confirms the saved PDF (letters.delivered); held back here, to look at the contacts meanwhile.
  let releaseConfirmation!: () => void;
  const confirmationHeld = new Promise<void>((resolve) => (releaseConfirmation = resolve));
  await page.route('**/api/letters.delivered', async (route) => {
    await confirmationHeld;
    await route.continue();
  });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'PDF mit 3 Briefen erstellen' }).click();
  const file = path.join(testInfo.outputDir, 'briefe.pdf');
  mkdirSync(testInfo.outputDir, { recursive: true });
  await (await download).saveAs(file);
  // The browser has the PDF, the confirmation is on its way: nobody is marked yet.
  const before = JSON.parse(cli(host.databasePath, 'contacts', '--json')) as { stage: string }[];
  expect(before.map((c) => c.stage)).toEqual(['new', 'new', 'new', 'new']);
  releaseConfirmation();
  await expect(page.getByText('3 Briefe als PDF gespeichert. Auf „Einwilligung angefragt“ gesetzt: 3.')).toBeVisible();

  // Each letter with its form twice: one copy to keep, one to send back.
  expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+9\b/);
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  for (const greeting of ['Sehr geehrte Frau Schmidt,', 'Sehr geehrter Herr Müller,', 'Dear Ms Lange,']) expect(text).toContain(greeting);
  const petra = execFileSync('pdftotext', ['-f', '7', '-l', '9', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(petra).toContain('Consent to communication via WhatsApp');
  expect(petra).toContain('I expressly consent to the transfer of my data to the USA (Art. 49(1)(a) GDPR)');
  expect(petra).toContain('Copy to return');
  expect(petra).not.toContain('Einwilligung');

  const contacts = JSON.parse(cli(host.databasePath, 'contacts', '--json')) as { displayName: string; stage: string }[];
  expect(Object.fromEntries(contacts.map((c) => [c.displayName, c.stage]))).toEqual({
    'Anna Schmidt': 'consent_requested',
    'Jürgen Müller': 'consent_requested',
    'Petra Lange': 'consent_requested',
    'Karl Fuchs': 'new',
  });
  await page.getByRole('navigation').getByRole('link', { name: 'Kontakte' }).click();
  await expect(grid.getByRole('row').filter({ hasText: 'Einwilligung angefragt' })).toHaveCount(3);
});

test('a tab closed while the PDF is on its way marks nobody', async ({ page, host }) => {
  importCsv(host.databasePath, CSV);
  setProfile(host.databasePath, schulzeProfile);
  await page.goto(host.url);
  const grid = page.getByRole('grid', { name: 'Kontakte' });
  for (const name of ['Anna Schmidt', 'Jürgen Müller', 'Petra Lange'])
    await grid.getByRole('checkbox', { name: `${name} auswählen` }).click();
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Briefe …' }).click();
  // The host hands out the finished PDF; the tab is closed before it arrives.
  let handedOut!: () => void;
  const pdfHandedOut = new Promise<void>((resolve) => (handedOut = resolve));
  await page.route('**/api/letters.status', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { value?: { result: unknown } };
    if (!body.value?.result) return route.fulfill({ response });
    handedOut();
    await route.abort();
  });
  await page.getByRole('button', { name: 'PDF mit 3 Briefen erstellen' }).click();
  await pdfHandedOut;
  await page.close();
  const contacts = JSON.parse(cli(host.databasePath, 'contacts', '--json')) as { stage: string }[];
  expect(contacts.map((c) => c.stage)).toEqual(['new', 'new', 'new', 'new']);
});

test('the invitation opens WhatsApp with the contact’s number and the personal text', async ({ page, host, context }) => {
  importCsv(host.databasePath, CSV);
  setProfile(host.databasePath, {
    name: 'Dachdeckerei Schulze',
    legalForm: 'GmbH',
    representative: 'Bernd Schulze',
    messengers: { signal: '+49 171 9876543', threema: null, wire: null, element: null, ginlo: null },
    recommendedMessenger: 'signal',
  });
  // wa.me is outside: the test looks at the address only, nothing leaves the machine.
  const opened: string[] = [];
  await context.route('https://wa.me/**', (route) => {
    opened.push(route.request().url());
    return route.abort();
  });

  await page.goto(host.url);
  await page.getByRole('row', { name: /Jürgen Müller/ }).click();
  const invite = page.getByTestId('invite');
  // No target yet: the business's recommendation is offered first, and stored with the invitation.
  await expect(invite.getByRole('radio', { name: 'Signal (Empfehlung Ihres Betriebs)' })).toBeChecked();
  await invite.getByRole('button', { name: 'Weiter' }).click();
  await expect(invite.getByRole('textbox', { name: 'Text der Einladung' })).toHaveValue(
    /^Sehr geehrter Herr Müller,\nwir stellen unsere Kurznachrichten von WhatsApp auf Signal um/,
  );
  // The text message carries the same number and text (sms: opens the phone program; not clicked here).
  const sms = new URL((await invite.getByRole('link', { name: 'Als SMS' }).getAttribute('href'))!);
  expect(sms.protocol).toBe('sms:');
  expect(sms.pathname).toBe('+491712345678');
  expect(sms.searchParams.get('body')).toBe(
    'Sehr geehrter Herr Müller, wir schreiben künftig über Signal statt WhatsApp: https://signal.me/#p/+491719876543 - Dachdeckerei Schulze GmbH',
  );
  await invite.getByRole('link', { name: 'In WhatsApp öffnen' }).click();
  await expect.poll(() => opened.length).toBe(1);
  const url = new URL(opened[0]!);
  expect(url.host).toBe('wa.me');
  expect(url.pathname).toBe('/491712345678');
  const message = url.searchParams.get('text')!;
  expect(message.startsWith('Sehr geehrter Herr Müller,\n')).toBe(true);
  expect(message).toContain('https://signal.me/#p/+491719876543');
  expect(message).toContain('Bernd Schulze, Dachdeckerei Schulze GmbH');

  await invite.getByRole('button', { name: 'Als eingeladen per WhatsApp vermerken' }).click();
  await expect(page.getByTestId('contact-detail').getByText('Eingeladen', { exact: true })).toBeVisible();
  const contacts = JSON.parse(cli(host.databasePath, 'contacts', '--json')) as {
    displayName: string;
    stage: string;
    target: string | null;
  }[];
  expect(contacts.find((c) => c.displayName === 'Jürgen Müller')).toMatchObject({ stage: 'invited', target: 'signal' });

  // He reads English and is on first-name terms with the office: set on the contact, the invitation follows.
  await expect(invite.getByTestId('invite-tone')).toHaveText('Deutsch · Sie');
  const detail = page.getByTestId('contact-detail');
  await detail.getByRole('tab', { name: 'Angaben' }).click();
  await detail.getByLabel('Sprache für Einladungen').selectOption({ label: 'Englisch' });
  await detail.getByLabel('Ansprache').selectOption({ label: 'Du' });
  await detail.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByText('Gespeichert.')).toBeVisible();
  await detail.getByRole('tab', { name: 'Stand & Ziel' }).click();
  await expect(invite.getByTestId('invite-tone')).toHaveText('Englisch · Du');
  await expect(invite.getByRole('textbox', { name: 'Text der Einladung' })).toHaveValue(
    /^Hi Jürgen,\nWe are moving our messages from WhatsApp to Signal/,
  );
  const english = new URL((await invite.getByRole('link', { name: 'In WhatsApp öffnen' }).getAttribute('href'))!);
  expect(english.searchParams.get('text')).toMatch(/^Hi Jürgen,\n.*https:\/\/signal\.me\/#p\/\+491719876543/s);
  await detail.getByRole('tab', { name: 'Verlauf' }).click();
  await expect(page.getByTestId('history')).toContainText('Sprache: Deutsch → Englisch');
  await expect(page.getByTestId('history')).toContainText('Ansprache: Automatisch (Du für Mitarbeitende, sonst Sie) → Du');
});

test('consent letters for contacts who consented, refused or switched already: the page lists them and asks; by default they get none', async ({
  page,
  host,
}, testInfo) => {
  importCsv(host.databasePath, [...CSV.split('\n'), 'Sabine;Krüger;Frau;;0160 5550001;Hauptstraße 9;34119;Kassel'].join('\n'));
  setProfile(host.databasePath, schulzeProfile);
  const idOf = (name: string) =>
    String(
      (JSON.parse(cli(host.databasePath, 'contacts', '--json')) as { id: number; displayName: string }[]).find(
        (c) => c.displayName === name,
      )!.id,
    );
  cli(
    host.databasePath,
    'consent',
    idOf('Anna Schmidt'),
    '--purposes',
    'appointments',
    '--date',
    '2026-11-20',
    '--evidence-note',
    'mündlich',
  );
  cli(host.databasePath, 'set-stage', idOf('Jürgen Müller'), 'consent_requested');
  cli(host.databasePath, 'set-stage', idOf('Jürgen Müller'), 'consent_refused');
  cli(host.databasePath, 'set-stage', idOf('Petra Lange'), 'switched', '--messenger', 'signal');

  await page.goto(host.url);
  const grid = page.getByRole('grid', { name: 'Kontakte' });
  for (const name of ['Anna Schmidt', 'Jürgen Müller', 'Petra Lange', 'Karl Fuchs', 'Sabine Krüger'])
    await grid.getByRole('checkbox', { name: `${name} auswählen` }).click();
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Briefe …' }).click();
  await expect(page.getByTestId('letters-summary')).toHaveText('5 Kontakte ausgewählt, 4 mit Postanschrift.');

  const settled = page.getByTestId('letters-settled');
  await expect(settled).toContainText('3 Kontakte haben schon entschieden');
  for (const line of ['Anna Schmidt (Einwilligung liegt vor)', 'Jürgen Müller (hat abgelehnt)', 'Petra Lange (ist gewechselt)'])
    await expect(settled).toContainText(line);
  await expect(settled).not.toContainText('Sabine Krüger');
  await expect(settled.getByRole('radio', { name: 'Ohne diese drucken' })).toBeChecked();
  await expect(page.getByRole('button', { name: 'PDF mit 1 Brief erstellen' })).toBeVisible();
  await expect(page.getByTestId('letter-preview')).toContainText('Sehr geehrte Frau Krüger,');
  await expect(page.getByTestId('letter-preview')).not.toContainText('Frau Schmidt');

  await settled.getByRole('radio', { name: 'Trotzdem alle drucken' }).check();
  await expect(page.getByRole('button', { name: 'PDF mit 4 Briefen erstellen' })).toBeVisible();
  await settled.getByRole('radio', { name: 'Ohne diese drucken' }).check();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'PDF mit 1 Brief erstellen' }).click();
  const file = path.join(testInfo.outputDir, 'briefe.pdf');
  await (await download).saveAs(file);
  await expect(page.getByText('1 Brief als PDF gespeichert. Auf „Einwilligung angefragt“ gesetzt: 1.')).toBeVisible();
  expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+3\b/);
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  expect(text).toContain('Sehr geehrte Frau Krüger,');
  expect(text).not.toContain('Schmidt');

  const contacts = JSON.parse(cli(host.databasePath, 'contacts', '--json')) as { displayName: string; stage: string }[];
  expect(Object.fromEntries(contacts.map((c) => [c.displayName, c.stage]))).toEqual({
    'Anna Schmidt': 'consent_given',
    'Jürgen Müller': 'consent_refused',
    'Petra Lange': 'switched',
    'Karl Fuchs': 'new',
    'Sabine Krüger': 'consent_requested',
  });
});

test('in the browser, "Drucken" opens the letters’ PDF in a tab of its own and says so; the contacts are marked', async ({
  page,
  host,
}, testInfo) => {
  importCsv(host.databasePath, CSV);
  mkdirSync(testInfo.outputDir, { recursive: true });
  const { writeFileSync } = await import('node:fs');
  const profile = path.join(testInfo.outputDir, 'profil.json');
  writeFileSync(
    profile,
    JSON.stringify({
      name: 'Malerbetrieb Kunz',
      legalForm: '',
      representative: 'Eva Kunz',
      street: 'Mühlenweg 3',
      postalCode: '34117',
      city: 'Kassel',
      phone: '0561 123456',
      email: 'info@kunz.de',
      state: 'HE',
      whatsappNumber: '+49 171 9876543',
    }),
  );
  cli(host.databasePath, 'profile', '--set', profile);
  await page.goto(host.url);
  const grid = page.getByRole('grid', { name: 'Kontakte' });
  await grid.getByRole('checkbox', { name: 'Anna Schmidt auswählen' }).click();
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Briefe …' }).click();
  await expect(page.getByTestId('letters-summary')).toHaveText('1 Kontakt ausgewählt, 1 mit Postanschrift.');
  // Only the desktop app has the system print dialog; the browser prints from the PDF's own tab.
  await expect(page.getByRole('button', { name: 'Drucken …' })).toHaveCount(0);
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Drucken', exact: true }).click();
  const tab = await popup;
  await expect.poll(() => tab.url()).toMatch(/^blob:http:\/\/127\.0\.0\.1:\d+\//);
  await expect(page.getByText(/Das PDF ist in einem neuen Tab geöffnet: dort über das Drucker-Symbol oder mit Strg\+P/)).toBeVisible();
  await expect(page.getByText('1 Brief als PDF gespeichert. Auf „Einwilligung angefragt“ gesetzt: 1.')).toBeVisible();
  const contacts = JSON.parse(cli(host.databasePath, 'contacts', '--json')) as { displayName: string; stage: string }[];
  expect(contacts.find((c) => c.displayName === 'Anna Schmidt')!.stage).toBe('consent_requested');
});
