import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run';
import { printLetters } from '../../../electron/services/letters';
import { updateProfile } from '../../../electron/services/profile';
import { saveTemplate } from '../../../electron/services/templates';
import { completeProfile } from '../../helpers/profile';
import { pageCount, pdftotext, words } from '../../helpers/pdf';
import { testSession } from '../../helpers/session';
import { tempDatabasePath, tempDir } from '../../helpers/temp';

const address = (street: string, postalCode: string, city: string) => ({
  street,
  postalCode,
  city,
  country: null,
  region: null,
  label: null,
});
const mobile = (e164: string) => ({ e164, raw: e164, label: null, kind: 'mobile' as const });

function seed(databasePath = tempDatabasePath()) {
  const session = testSession(databasePath);
  updateProfile(session.ctx, completeProfile);
  const { contacts } = session.ctx.repos;
  const ids = {
    // Target Threema: a switch, with the business's Threema link and its QR code.
    threema: contacts.insert({
      displayName: 'Anna Schmidt',
      givenName: 'Anna',
      familyName: 'Schmidt',
      gender: 'female',
      addresses: [address('Hauptstraße 5', '34119', 'Kassel')],
      phones: [mobile('+491701234567')],
    }),
    consent: contacts.insert({
      displayName: 'Jürgen Müller',
      givenName: 'Jürgen',
      familyName: 'Müller',
      gender: 'male',
      customerNumber: 'K-4711',
      addresses: [address('Am Lindenhof 12', '34131', 'Kassel')],
    }),
    phoneOnly: contacts.insert({
      displayName: 'Elektro Meier KG',
      organization: 'Elektro Meier KG',
      isCompany: true,
      addresses: [address('Industriestraße 1', '34123', 'Kassel')],
    }),
    employee: contacts.insert({
      displayName: 'Karl Fuchs',
      givenName: 'Karl',
      familyName: 'Fuchs',
      gender: 'male',
      kind: 'employee',
      addresses: [address('Gartenweg 2', '34125', 'Kassel')],
    }),
    noAddress: contacts.insert({ displayName: 'Opa Heinz', phones: [mobile('+491511111111')] }),
  };
  contacts.updateFields(ids.threema, { target: 'threema' });
  contacts.updateFields(ids.consent, { target: 'whatsapp_consent' });
  contacts.updateFields(ids.phoneOnly, { target: 'phone_email' });
  return { session, ids };
}

/** How many images each page of a PDF shows (pdfimages -list). */
const imagesPerPage = (file: string) => {
  const counts = new Map<number, number>();
  for (const line of execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).split('\n').slice(2)) {
    const page = Number(line.trim().split(/\s+/)[0]);
    if (page) counts.set(page, (counts.get(page) ?? 0) + 1);
  }
  return counts;
};

describe('invitations on paper', () => {
  it('prints one DIN 5008 letter per contact with the office’s letter text for their target, the QR code for a switch, and marks them invited by letter', async () => {
    const { session, ids } = seed();
    const file = path.join(tempDir(), 'einladungen.pdf');
    const order = [ids.threema, ids.consent, ids.phoneOnly, ids.employee, ids.noAddress];
    const result = await printLetters(session.ctx, { ids: order, form: 'B', kind: 'invitation', date: '2026-11-27' }, (pdf) =>
      writeFileSync(file, pdf),
    );

    expect(result).toMatchObject({ printed: 4, marked: 4, withoutAddress: [{ id: ids.noAddress, displayName: 'Opa Heinz' }], version: '' });
    expect(pageCount(file)).toBe(4);
    const pages = [1, 2, 3, 4].map((page) => pdftotext(file, '-f', String(page), '-l', String(page)).replace(/\s+/g, ' '));
    expect(pages[0]).toContain('Wir wechseln von WhatsApp zu Threema');
    expect(pages[0]).toContain('Sehr geehrte Frau Schmidt,');
    expect(pages[0]).toContain('öffnen Sie https://threema.id/ABCD1234');
    // What the catalogue says about Threema, as in the consent letter.
    expect(pages[0]).toContain('Threema tut das nicht (aus der Schweiz, Server in der Schweiz');
    expect(pages[0]).toContain('Mit freundlichen Grüßen Bernd Schulze Dachdeckerei Schulze GmbH');
    expect(pages[1]).toContain('Ihre Einwilligung für WhatsApp');
    expect(pages[1]).toContain('Sehr geehrter Herr Müller,');
    expect(pages[1]).toMatch(/Kundennummer K-4711/);
    expect(pages[2]).toContain('Wir erreichen Sie künftig per Telefon und E-Mail');
    expect(pages[2]).toContain('Sehr geehrte Damen und Herren,');
    // An employee gets Du, and the recommended messenger (Signal).
    expect(pages[3]).toContain('Hallo Karl,');
    expect(pages[3]).toContain('Scann einfach den QR-Code oder öffne https://signal.me/#p/+491719876543');
    for (const page of pages) expect(page).toContain('Datum 27.11.2026');
    // The QR code only where someone is invited to a messenger.
    const images = imagesPerPage(file);
    expect([1, 2, 3, 4].map((page) => images.get(page) ?? 0)).toEqual([1, 0, 0, 1]);

    // In the window: the address lines inside the Form B zone.
    const zone = words(file).filter((w) => w.page === 2 && w.top >= 60 && w.bottom <= 95 && w.left < 110);
    expect(zone.map((w) => w.text).join(' ')).toBe('Herrn Jürgen Müller Am Lindenhof 12 34131 Kassel');
    for (const word of zone) {
      expect(word.top).toBeGreaterThanOrEqual(62.7);
      expect(word.bottom).toBeLessThanOrEqual(90);
      expect(word.left).toBeGreaterThanOrEqual(20);
    }

    const marked = session.ctx.repos.contacts.byIds(order);
    for (const id of [ids.threema, ids.consent, ids.phoneOnly, ids.employee])
      expect(marked.get(id)).toMatchObject({ stage: 'invited', invitedChannel: 'letter', invitedAt: '2026-11-27' });
    expect(marked.get(ids.noAddress)!.stage).toBe('new');
    // The letter invited the employee to the recommended messenger: that target is stored with the invitation; the others keep theirs.
    expect([ids.threema, ids.consent, ids.phoneOnly, ids.employee, ids.noAddress].map((id) => marked.get(id)!.target)).toEqual([
      'threema',
      'whatsapp_consent',
      'phone_email',
      'signal',
      null,
    ]);
  }, 60_000);

  it("writes each letter in its contact's language and with their Du or Sie, in one batch", async () => {
    const { session, ids } = seed();
    session.ctx.repos.contacts.updateFields(ids.threema, { language: 'en' });
    session.ctx.repos.contacts.updateFields(ids.employee, { formal: true });
    const file = path.join(tempDir(), 'gemischt.pdf');
    await printLetters(session.ctx, { ids: [ids.threema, ids.employee], form: 'B', kind: 'invitation', date: '2026-11-27' }, (pdf) =>
      writeFileSync(file, pdf),
    );
    const [english, german] = [1, 2].map((page) => pdftotext(file, '-f', String(page), '-l', String(page)).replace(/\s+/g, ' '));
    expect(english).toContain('We are moving from WhatsApp to Threema');
    expect(english).toContain('Dear Ms Schmidt, We are moving our messages from WhatsApp to Threema.');
    expect(english).toContain('Date 27 November 2026');
    expect(english).not.toMatch(/Sehr geehrte|Datum/);
    // The employee the office says "Sie" to.
    expect(german).toContain('Sehr geehrter Herr Fuchs,');
    expect(german).toContain('Scannen Sie einfach den QR-Code');
    expect(german).toContain('Datum 27.11.2026');
  }, 60_000);

  it('uses the text the office wrote for letters, and `cli letters --kind invitation` prints them', async () => {
    const db = tempDatabasePath();
    const { session, ids } = seed(db);
    saveTemplate(
      session.ctx,
      { language: 'de', formal: true, kind: 'phone_email', channel: 'letter' },
      { subject: 'Neu: Telefon statt WhatsApp', body: '{{Anrede}}\n\nab sofort rufen wir Sie an.\nIhr Team\n\n{{Absender}}' },
    );
    session.close();
    const file = path.join(tempDir(), 'cli.pdf');
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['letters', '--db', db, '--ids', String(ids.phoneOnly), '--kind', 'invitation', '--out', file], {
      out: (text) => out.push(text),
      err: (text) => err.push(text),
    });
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out.join('\n')).toContain('1 Einladungsbrief geschrieben');
    const text = pdftotext(file).replace(/\s+/g, ' ');
    expect(text).toContain('Neu: Telefon statt WhatsApp');
    expect(text).toContain('ab sofort rufen wir Sie an. Ihr Team Bernd Schulze');
    expect(
      await runCli(['letters', '--db', db, '--all', '--kind', 'flyer', '--out', file], {
        out: () => undefined,
        err: (text) => err.push(text),
      }),
    ).toBe(2);
    expect(err.join('\n')).toContain('--kind: „flyer“ gibt es nicht');
  }, 60_000);
});
