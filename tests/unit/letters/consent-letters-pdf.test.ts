import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { findBrowser } from '../../../electron/printing/chromium';
import { AppError } from '../../../electron/services/errors';
import { printLetters } from '../../../electron/services/letters';
import { updateProfile } from '../../../electron/services/profile';
import { authorities } from '../../../shared/letters/authorities';
import { completeProfile } from '../../helpers/profile';
import { testSession } from '../../helpers/session';
import { pageCount, pdftotext, words } from '../../helpers/pdf';
import { tempDir } from '../../helpers/temp';

const address = (street: string, postalCode: string, city: string, country: string | null = null) => ({ street, postalCode, city, country, region: null, label: null });

function seed() {
  const session = testSession();
  const { contacts } = session.ctx.repos;
  const ids = {
    schmidt: contacts.insert({ displayName: 'Anna Schmidt', givenName: 'Anna', familyName: 'Schmidt', title: 'Dr.', gender: 'female', addresses: [address('Hauptstraße 5', '34119', 'Kassel')], phones: [{ e164: '+491701234567', raw: '0170 1234567', label: null, kind: 'mobile' }] }),
    mueller: contacts.insert({ displayName: 'Jürgen Müller', givenName: 'Jürgen', familyName: 'Müller', gender: 'male', customerNumber: 'K-4711', addresses: [address('Am Lindenhof 12', '34131', 'Kassel')] }),
    long: contacts.insert({
      displayName: 'Maria Gonçalves-Oberländer',
      givenName: 'Maria-Magdalena',
      familyName: 'Gonçalves-Oberländer von Hohenstein',
      organization: 'Gonçalves Immobilienverwaltung & Hausmeisterservice GmbH & Co. KG',
      addresses: [address('Mariahilfer Straße 123, Stiege 4, Tür 17', '1060', 'Wien', 'Österreich')],
    }),
    company: contacts.insert({ displayName: 'Elektro <Meier> & Söhne KG', organization: 'Elektro <Meier> & Söhne KG', isCompany: true, addresses: [address('Industriestraße 1', '34123', 'Kassel')] }),
    noAddress: contacts.insert({ displayName: 'Opa Heinz', phones: [{ e164: '+491511111111', raw: '0151 1111111', label: null, kind: 'mobile' }] }),
  };
  return { session, ids };
}

describe('consent letters printed by Chromium', () => {
  it('finds a browser to print with on this machine', () => {
    expect(findBrowser()).not.toBeNull();
  });

  it('prints one two-page letter per contact with an address, with every element of the consent form, and marks them', async () => {
    const { session, ids } = seed();
    updateProfile(session.ctx, completeProfile);
    const file = path.join(tempDir(), 'briefe.pdf');
    const order = [ids.schmidt, ids.mueller, ids.long, ids.company, ids.noAddress];
    const result = await printLetters(session.ctx, { ids: order, form: 'B', date: '2026-11-26' }, (pdf) => writeFileSync(file, pdf));

    expect(result.printed).toBe(4);
    expect(result.withoutAddress).toEqual([{ id: ids.noAddress, displayName: 'Opa Heinz' }]);
    expect(pageCount(file)).toBe(8);

    const pages = Array.from({ length: 8 }, (_, i) => pdftotext(file, '-layout', '-f', String(i + 1), '-l', String(i + 1)).replace(/[ \t]+/g, ' '));
    const expectations: [string, string][] = [
      ['Frau Dr. Anna Schmidt', 'Sehr geehrte Frau Dr. Schmidt,'],
      ['Herrn Jürgen Müller', 'Sehr geehrter Herr Müller,'],
      ['ÖSTERREICH', 'Guten Tag Maria-Magdalena Gonçalves-Oberländer von Hohenstein,'],
      ['Elektro <Meier> & Söhne KG', 'Sehr geehrte Damen und Herren,'],
    ];
    expectations.forEach(([addressLine, greeting], index) => {
      const letter = pages[index * 2]!;
      const form = pages[index * 2 + 1]!;
      expect(letter).toContain(addressLine);
      expect(letter).toContain(greeting);
      expect(letter).toContain('Dachdeckerei Schulze GmbH');
      expect(letter).toContain(result.version);
      for (const element of [
        'Einwilligungserklärung',
        'Dachdeckerei Schulze GmbH, vertreten durch Bernd Schulze, Mühlenweg 3, 34117 Kassel',
        'info@schulze-dach.de',
        'Datenschutz Nord GmbH',
        'Terminabsprachen',
        'Fotos von der Baustelle',
        'Angebote und Rechnungen',
        'Werbung und Neuigkeiten',
        'Mobilnummer',
        'Metadaten',
        'WhatsApp Ireland Ltd.',
        'Meta Platforms Inc. (USA)',
        'Data Privacy Framework',
        'Standardvertragsklauseln',
        'Art. 49 Abs. 1 Buchst. a DSGVO',
        'US-Behörden',
        'Art. 6 Abs. 1 Buchst. a DSGVO',
        '§ 26 Abs. 2 BDSG',
        'freiwillig',
        'per Telefon, E-Mail, Signal oder Threema.',
        'Speicherdauer',
        'jederzeit mit Wirkung für die Zukunft widerrufen',
        '„STOP“',
        'Art. 15–18, 20, 21 DSGVO',
        authorities.HE.name,
        'Ort, Datum',
        'Unterschrift',
        `Textversion ${result.version}`,
        'Kopie',
      ]) {
        expect(form.replace(/\s+/g, ' '), element).toContain(element);
      }
    });
    expect(pages[2]).toContain('K-4711');

    // The address lines lie inside the Form B address zone: 20–105 mm from the left, 62.7–90 mm from the top.
    const all = words(file);
    for (const [pageIndex, markers] of [
      [1, ['Frau', 'Schmidt', 'Hauptstraße', '34119']],
      [3, ['Herrn', 'Müller', 'Lindenhof', '34131']],
      [5, ['Gonçalves', 'Mariahilfer', '1060', 'ÖSTERREICH']],
      [7, ['Elektro', 'Industriestraße', '34123']],
    ] as const) {
      const zone = all.filter((w) => w.page === pageIndex && w.top >= 60 && w.bottom <= 95);
      for (const marker of markers) expect(zone.some((w) => w.text.includes(marker)), `${marker} on page ${pageIndex}`).toBe(true);
      for (const word of zone.filter((w) => w.left < 110)) {
        expect(word.left, word.text).toBeGreaterThanOrEqual(20);
        expect(word.right, word.text).toBeLessThanOrEqual(105);
        expect(word.top, word.text).toBeGreaterThanOrEqual(62.7);
        expect(word.bottom, word.text).toBeLessThanOrEqual(90);
      }
    }

    // Marked only now, with the date and the text's version; the one without an address is not.
    const marked = session.ctx.repos.contacts.byIds(order);
    for (const id of [ids.schmidt, ids.mueller, ids.long, ids.company]) {
      expect(marked.get(id)).toMatchObject({ stage: 'consent_requested', letterSentAt: '2026-11-26', letterVersion: result.version });
    }
    expect(marked.get(ids.noAddress)!.stage).toBe('new');
  }, 60_000);

  it('marks nobody when printing fails, and refuses letters while the profile is incomplete', async () => {
    const { session, ids } = seed();
    await expect(printLetters(session.ctx, { ids: [ids.schmidt], form: 'B' }, async () => undefined)).rejects.toThrowError(AppError);
    await expect(printLetters(session.ctx, { ids: [ids.schmidt], form: 'B' }, async () => undefined)).rejects.toMatchObject({ code: 'conflict', vars: { fields: expect.stringContaining('Name des Betriebs') } });

    updateProfile(session.ctx, completeProfile);
    await expect(
      printLetters(session.ctx, { ids: [ids.schmidt], form: 'B' }, async () => {
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    session.ctx.openPrinter = async () => ({
      print: async () => {
        throw new Error('printer on fire');
      },
      close: async () => undefined,
    });
    await expect(printLetters(session.ctx, { ids: [ids.schmidt], form: 'B' }, () => undefined)).rejects.toThrow('printer on fire');
    expect(session.ctx.repos.contacts.byIds([ids.schmidt]).get(ids.schmidt)!.stage).toBe('new');
  });

  it('writes to a contact who reads English in English: every element of the form, the address in the window, on two pages', async () => {
    const { session } = seed();
    updateProfile(session.ctx, completeProfile);
    const id = session.ctx.repos.contacts.insert({
      displayName: 'Sarah Jones',
      givenName: 'Sarah',
      familyName: 'Jones',
      gender: 'female',
      customerNumber: 'K-0815',
      addresses: [address('12 Baker Street', 'NW1 6XE', 'London', 'Vereinigtes Königreich')],
      phones: [{ e164: '+447700900123', raw: '+44 7700 900123', label: null, kind: 'mobile' }],
    });
    session.ctx.repos.contacts.updateFields(id, { language: 'en' });
    const file = path.join(tempDir(), 'english.pdf');
    const result = await printLetters(session.ctx, { ids: [id], form: 'B', date: '2026-11-26' }, (pdf) => writeFileSync(file, pdf));
    expect(pageCount(file)).toBe(2);
    const [letter, form] = [1, 2].map((page) => pdftotext(file, '-f', String(page), '-l', String(page)).replace(/\s+/g, ' '));
    for (const element of ['Dear Ms Jones,', 'WhatsApp with us – only with your consent', 'Date 26 November 2026', 'Customer number K-0815', `Our reference ${result.version}`, 'UNITED KINGDOM', 'Kind regards']) {
      expect(letter, element).toContain(element);
    }
    for (const element of [
      'Declaration of consent to communication via WhatsApp',
      'From: Sarah Jones · +447700900123',
      'Dachdeckerei Schulze GmbH, represented by Bernd Schulze, Mühlenweg 3, 34117 Kassel',
      'Data protection officer',
      'Arranging appointments',
      'Photos of the building site or of damage',
      'Quotes and invoices',
      'Advertising and news (separate from all other purposes; voluntary)',
      'my mobile number (stored in the address book of the business phone)',
      'metadata (time, device, IP address)',
      'WhatsApp Ireland Ltd. (contractual partner in the EU), WhatsApp LLC and Meta Platforms Inc. (USA)',
      'EU-US Data Privacy Framework',
      'standard contractual clauses',
      'I expressly consent under Art. 49(1)(a) GDPR',
      'US authorities may access the data',
      'Art. 6(1)(a) GDPR',
      'Section 26(2) of the German Federal Data Protection Act (BDSG)',
      'Consent is voluntary. If I do not consent, I suffer no disadvantage',
      'Signal or Threema.',
      `Retention period: ${completeProfile.retentionEn ?? 'We delete chat histories'}`,
      'at any time with effect for the future (Art. 7(3) GDPR)',
      '“STOP”',
      'restriction of processing, data portability and objection',
      '20, 21 GDPR',
      authorities.HE.name,
      'Place, date',
      'Signature (Sarah Jones)',
      `Text version ${result.version}`,
      'copy',
    ]) {
      expect(form, element).toContain(element);
    }
    expect(form).not.toMatch(/Einwilligung|Speicherdauer|Unterschrift/);
    const zone = words(file).filter((w) => w.page === 1 && w.top >= 60 && w.bottom <= 95 && w.left < 110);
    expect(zone.map((w) => w.text).join(' ')).toBe('Ms Sarah Jones 12 Baker Street NW1 6XE London UNITED KINGDOM');
    for (const word of zone) {
      expect(word.top).toBeGreaterThanOrEqual(62.7);
      expect(word.bottom).toBeLessThanOrEqual(90);
    }
  }, 60_000);

  it('places the address in the Form A zone when Form A is chosen', async () => {
    const { session, ids } = seed();
    updateProfile(session.ctx, completeProfile);
    const file = path.join(tempDir(), 'form-a.pdf');
    await printLetters(session.ctx, { ids: [ids.mueller], form: 'A' }, (pdf) => writeFileSync(file, pdf));
    const address = words(file).filter((w) => w.page === 1 && ['Herrn', 'Lindenhof', '34131'].some((m) => w.text.includes(m)) && w.top < 80);
    expect(address.length).toBe(3);
    for (const word of address) {
      expect(word.top).toBeGreaterThanOrEqual(44.7);
      expect(word.bottom).toBeLessThanOrEqual(72);
    }
  }, 60_000);
});
