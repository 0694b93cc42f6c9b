import path from 'node:path';
import { cli, importCsv, schulzeContact, schulzeIdentity, setProfile } from './cli';
import { expect, test } from './fixtures';

const CSV = [
  'Vorname;Nachname;Anrede;Handy',
  'Anna;Schmidt;Frau;0170 1234567',
  'Jürgen;Müller;Herr;0171 2345678',
  'Petra;Lange;Frau;0172 3456789',
].join('\n');

test.beforeEach(async ({ host }) => {
  importCsv(host.databasePath, CSV);
  setProfile(host.databasePath, {
    ...schulzeIdentity,
    messengers: { signal: '+49 171 9876543', threema: null, wire: null, element: null, ginlo: null },
    recommendedMessenger: 'signal',
  });
});

test('an invitation text is edited with a live preview; an unknown placeholder is flagged, never saved', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Einladungen' }).click();
  const editor = page.getByTestId('template-editor');
  const body = editor.getByRole('textbox', { name: 'Text' });
  await expect(body).toHaveValue(/^\{\{Anrede\}\}\nwir stellen unsere Kurznachrichten/);
  await editor.getByRole('combobox', { name: 'Vorschau für' }).click();
  await page.getByRole('option', { name: 'Jürgen Müller' }).click();
  await expect(editor.getByTestId('template-preview')).toContainText('Sehr geehrter Herr Müller,');

  await body.fill('{{Anrede}}\nab sofort erreichen Sie uns bei {{Messenger}}: {{Link}}\nGruß, {{Vornme}}');
  await expect(editor.getByRole('alert')).toContainText('{{Vornme}}');
  await expect(editor.getByRole('button', { name: 'Text speichern' })).toBeDisabled();

  await body.fill('{{Anrede}}\nab sofort erreichen Sie uns bei {{Messenger}}: {{Link}}\nGruß, {{Absender}}');
  await expect(editor.getByTestId('template-preview')).toContainText(
    'ab sofort erreichen Sie uns bei Signal: https://signal.me/#p/+491719876543',
  );
  await expect(editor.getByTestId('template-origin')).toHaveText('Vorlage von Umzugshelfer');
  await expect(editor.getByRole('button', { name: 'Auf Vorlage zurücksetzen' })).toBeDisabled();
  await editor.getByRole('button', { name: 'Text speichern' }).click();
  await expect(page.getByText('Text gespeichert.')).toBeVisible();
  await expect(editor.getByTestId('template-origin')).toHaveText('Eigener Text des Betriebs');
  await expect(editor.getByRole('button', { name: 'Auf Vorlage zurücksetzen' })).toBeEnabled();

  // The imported contacts have no target yet: the CLI writes for the one given.
  const invitations = JSON.parse(cli(host.databasePath, 'invitations', '--all', '--target', 'signal', '--json')) as { text: string }[];
  expect(invitations.map((i) => i.text)).toContain(
    'Sehr geehrter Herr Müller,\nab sofort erreichen Sie uns bei Signal: https://signal.me/#p/+491719876543\nGruß, Bernd Schulze',
  );

  // The SMS has its own, shorter text; the editor counts what it costs.
  await editor.getByRole('radiogroup', { name: 'Kanal' }).getByText('SMS').click();
  await expect(body).toHaveValue('{{Anrede}} wir schreiben künftig über {{Messenger}} statt WhatsApp: {{Link}} - {{Betrieb}}');
  await expect(editor.getByRole('textbox', { name: 'Betreff' })).toHaveCount(0);
  await expect(editor.getByTestId('sms-length')).toHaveText(/^\d+ Zeichen – passt in eine SMS\.$/);
  await body.fill(`{{Anrede}} ${'Wir wechseln – bitte lesen. '.repeat(4)}{{Link}}`);
  await expect(editor.getByTestId('sms-length')).toContainText('wird als 3 SMS verschickt');
  await expect(editor.getByTestId('sms-length')).toContainText('nur 70');
});

test('the guided run asks where each invitation leads for contacts without a target, opens WhatsApp and records who was invited with the target', async ({
  page,
  host,
  context,
}) => {
  const opened: string[] = [];
  await context.route('https://wa.me/**', (route) => {
    opened.push(route.request().url());
    return route.abort();
  });
  await page.goto(host.url);
  const grid = page.getByRole('grid', { name: 'Kontakte' });
  for (const name of ['Anna Schmidt', 'Jürgen Müller', 'Petra Lange'])
    await grid.getByRole('checkbox', { name: `${name} auswählen` }).click();
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Einladen …' }).click();
  await expect(page.getByText('3 Kontakte aus der Kontaktliste ausgewählt.')).toBeVisible();
  await page.getByRole('button', { name: 'Nacheinander einladen' }).click();

  const run = page.getByTestId('guided-run');
  await expect(run.getByRole('heading', { name: 'Anna Schmidt' })).toBeVisible();
  await expect(run).toContainText('1 von 3');
  // No target yet: asked first, nothing to send, the business's recommendation chosen as a suggestion.
  const question = run.getByTestId('choose-target');
  await expect(question).toContainText('Wohin soll die Einladung führen?');
  await expect(run.getByRole('link', { name: 'In WhatsApp öffnen' })).toHaveCount(0);
  await expect(question.getByRole('radio', { name: 'Signal (Empfehlung Ihres Betriebs)' })).toBeChecked();
  await question.getByRole('button', { name: 'Weiter' }).click();
  await expect(run.getByTestId('chosen-target')).toHaveText('Ziel dieser Einladung: Signal');
  await expect(run.getByTestId('invite-tone')).toHaveText('Deutsch · Sie');
  await run.getByRole('link', { name: 'In WhatsApp öffnen' }).click();
  await expect.poll(() => opened.length).toBe(1);
  expect(new URL(opened[0]!).pathname).toBe('/491701234567');
  expect(new URL(opened[0]!).searchParams.get('text')).toMatch(/^Sehr geehrte Frau Schmidt,\n.*auf Signal um/s);
  await run.getByRole('button', { name: 'Als eingeladen vermerken und weiter' }).click();

  // Another target than the suggestion: the text follows it.
  await expect(run.getByRole('heading', { name: 'Jürgen Müller' })).toBeVisible();
  await run.getByRole('radio', { name: 'WhatsApp mit Einwilligung' }).check();
  await run.getByRole('button', { name: 'Weiter' }).click();
  await expect(run.getByRole('textbox', { name: 'Text der Einladung' })).toHaveValue(/schriftliche Einwilligung/);
  // Nothing opened yet: nothing to mark as sent.
  await expect(run.getByRole('button', { name: 'Als eingeladen vermerken und weiter' })).toBeDisabled();
  await expect(run.getByText('Erst die Einladung öffnen')).toBeVisible();
  const openedBefore = opened.length;
  await run.getByRole('link', { name: 'In WhatsApp öffnen' }).click();
  await expect.poll(() => opened.length).toBeGreaterThan(openedBefore);
  await run.getByRole('button', { name: 'Als eingeladen vermerken und weiter' }).click();

  // Skipped at the question: nothing recorded, no target invented.
  await expect(run.getByRole('heading', { name: 'Petra Lange' })).toBeVisible();
  await expect(run.getByTestId('choose-target')).toBeVisible();
  await run.getByRole('button', { name: 'Überspringen' }).click();
  await expect(page.getByText('Fertig: 2 Kontakte als eingeladen vermerkt.')).toBeVisible();

  const contacts = JSON.parse(cli(host.databasePath, 'contacts', '--json')) as {
    id: number;
    displayName: string;
    stage: string;
    target: string | null;
  }[];
  expect(Object.fromEntries(contacts.map((c) => [c.displayName, [c.stage, c.target]]))).toEqual({
    'Anna Schmidt': ['invited', 'signal'],
    'Jürgen Müller': ['invited', 'whatsapp_consent'],
    'Petra Lange': ['new', null],
  });
  const history = JSON.parse(
    cli(host.databasePath, 'history', String(contacts.find((c) => c.displayName === 'Anna Schmidt')!.id), '--json'),
  ) as { text: string }[];
  expect(history.map((h) => h.text).join('\n')).toContain('per WhatsApp');
});

test('a landline-only contact gets no WhatsApp and no SMS, but the reason; a text the profile cannot fill is not offered', async ({
  page,
  host,
}) => {
  importCsv(host.databasePath, ['Vorname;Nachname;Anrede;Telefon;E-Mail', 'Heinz;Berger;Herr;0561 123456;h.berger@example.de'].join('\n'));
  await page.goto(host.url);
  await page.getByRole('row', { name: /Heinz Berger/ }).click();
  const invite = page.getByTestId('invite');
  await expect(invite.getByTestId('choose-target')).toBeVisible();

  // Threema: the business has no Threema id in its profile, so the text would lack its link.
  await invite.getByRole('radio', { name: 'Threema' }).check();
  await invite.getByRole('button', { name: 'Weiter' }).click();
  const missing = invite.getByTestId('invite-missing-profile');
  await expect(missing).toContainText('Für diese Einladung fehlt im Betriebsprofil: Ihre Kennung bei Threema.');
  await expect(missing.getByRole('link', { name: 'Unter Einstellungen → Betrieb ergänzen' })).toHaveAttribute(
    'href',
    '#/einstellungen?tab=betrieb',
  );
  await expect(invite.getByRole('button', { name: 'Text kopieren' })).toHaveCount(0);
  await expect(invite.getByRole('link', { name: 'Als E-Mail' })).toHaveCount(0);

  await invite.getByRole('button', { name: 'Ziel ändern' }).click();
  await invite.getByRole('radio', { name: 'Signal (Empfehlung Ihres Betriebs)' }).check();
  await invite.getByRole('button', { name: 'Weiter' }).click();
  await expect(invite.getByTestId('invite-no-messaging')).toHaveText(
    'Nur Festnetz (0561 123456): kein WhatsApp und keine SMS – bitte anrufen oder per Brief einladen.',
  );
  await expect(invite.getByRole('link', { name: 'In WhatsApp öffnen' })).toHaveCount(0);
  await expect(invite.getByRole('link', { name: 'Als SMS' })).toHaveCount(0);
  // E-mail and copy stay: the e-mail's own text, never the letter's QR code.
  await expect(invite.getByRole('link', { name: 'Als E-Mail' })).toHaveAttribute('href', /^mailto:h\.berger@example\.de\?/);
  await expect(invite.getByRole('textbox', { name: 'Text der Einladung' })).toHaveValue(
    /^Sehr geehrter Herr Berger,\n\nwir stellen unsere Kurznachrichten/,
  );
  await expect(invite.getByRole('textbox', { name: 'Text der Einladung' })).not.toHaveValue(/QR/);
  const links = await invite.getByRole('link').evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
  expect(links.filter((href) => href.startsWith('https://wa.me/') || href.startsWith('sms:'))).toEqual([]);

  // Sent by e-mail: recorded with the target chosen.
  await invite.getByRole('link', { name: 'Als E-Mail' }).evaluate((a) => a.addEventListener('click', (event) => event.preventDefault()));
  await invite.getByRole('link', { name: 'Als E-Mail' }).click();
  await invite.getByRole('button', { name: 'Als eingeladen per E-Mail vermerken' }).click();
  await expect(page.getByTestId('contact-detail').getByText('Eingeladen', { exact: true })).toBeVisible();
  const contacts = JSON.parse(cli(host.databasePath, 'contacts', '--json')) as {
    displayName: string;
    stage: string;
    target: string | null;
  }[];
  expect(contacts.find((c) => c.displayName === 'Heinz Berger')).toMatchObject({ stage: 'invited', target: 'signal' });
  await expect(invite.getByTestId('choose-target')).toHaveCount(0);
});

test('invitations by letter: from the chosen contacts to one PDF with the letter text and the messenger link; they are recorded as invited by letter', async ({
  page,
  host,
}, testInfo) => {
  importCsv(
    host.databasePath,
    ['Vorname;Nachname;Anrede;Handy;Straße;PLZ;Ort', 'Sabine;Krüger;Frau;0160 5550001;Hauptstraße 5;34119;Kassel'].join('\n'),
  );
  setProfile(host.databasePath, { ...schulzeContact, retention: 'Bis zum Widerruf' });

  await page.goto(host.url);
  const grid = page.getByRole('grid', { name: 'Kontakte' });
  await grid.getByRole('checkbox', { name: 'Sabine Krüger auswählen' }).click();
  await grid.getByRole('checkbox', { name: 'Anna Schmidt auswählen' }).click();
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Einladen …' }).click();
  await page.getByRole('button', { name: 'Per Brief einladen …' }).click();

  await expect(page.getByRole('heading', { name: 'Briefe' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Einladung per Brief' })).toBeChecked();
  await expect(page.getByTestId('letters-summary')).toHaveText('2 Kontakte ausgewählt, 1 mit Postanschrift.');
  await expect(page.getByText('1 Kontakt ohne Postanschrift bekommt keinen Brief')).toBeVisible();
  const preview = page.getByTestId('letter-preview');
  await expect(preview).toContainText('Wir wechseln von WhatsApp zu Signal');
  await expect(preview).toContainText('Sehr geehrte Frau Krüger,');
  await expect(preview).not.toContainText('Einwilligungserklärung');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'PDF mit 1 Brief erstellen' }).click();
  const file = path.join(testInfo.outputDir, 'einladungen.pdf');
  await (await download).saveAs(file);
  expect((await download).suggestedFilename()).toMatch(/^Einladungsbriefe-\d{4}-\d{2}-\d{2}\.pdf$/);
  await expect(page.getByText('1 Einladungsbrief als PDF gespeichert. Als eingeladen (per Brief) vermerkt: 1.')).toBeVisible();
  const { execFileSync } = await import('node:child_process');
  expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+1\b/);
  expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain(
    'öffnen Sie https://signal.me/#p/+491719876543',
  );

  const contacts = JSON.parse(cli(host.databasePath, 'contacts', '--json')) as { id: number; displayName: string; stage: string }[];
  expect(Object.fromEntries(contacts.map((c) => [c.displayName, c.stage]))).toMatchObject({
    'Sabine Krüger': 'invited',
    'Anna Schmidt': 'new',
  });
  const history = JSON.parse(
    cli(host.databasePath, 'history', String(contacts.find((c) => c.displayName === 'Sabine Krüger')!.id), '--json'),
  ) as { text: string }[];
  expect(history.map((h) => h.text).join('\n')).toContain('per Brief');
});
