import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { findBrowser } from '../../../electron/printing/chromium';
import { AppError } from '../../../electron/db/errors';
import { printLetters } from '../../../electron/services/letters';
import { updateProfile } from '../../../electron/services/profile';
import { authorities } from '../../../shared/letters/authorities';
import { completeProfile } from '../../helpers/profile';
import { testSession } from '../../helpers/session';
import { pageCount, pdftotext, words } from '../../helpers/pdf';
import { tempDir } from '../../helpers/temp';

const address = (street: string, postalCode: string, city: string, country: string | null = null) => ({
  street,
  postalCode,
  city,
  country,
  region: null,
  label: null,
});

/**
 * Each element in the text, each after the one before (information before boxes before signature).
 * Hyphens do not count: pdftotext joins "E-" at a line's end and "Mail" as "EMail".
 */
function expectInOrder(pageText: string, elements: string[]): void {
  const text = pageText.replace(/-/g, '');
  let from = 0;
  for (const element of elements.map((e) => e.replace(/-/g, ''))) {
    const at = text.indexOf(element, from);
    expect(at, `„${element}“ after position ${from} in: ${text.slice(from, from + 300)}`).toBeGreaterThanOrEqual(0);
    from = at + element.length;
  }
}

function seed() {
  const session = testSession();
  const { contacts } = session.ctx.repos;
  const ids = {
    schmidt: contacts.insert({
      displayName: 'Anna Schmidt',
      givenName: 'Anna',
      familyName: 'Schmidt',
      title: 'Dr.',
      gender: 'female',
      addresses: [address('Hauptstraße 5', '34119', 'Kassel')],
      phones: [{ e164: '+491701234567', raw: '0170 1234567', label: null, kind: 'mobile' }],
    }),
    mueller: contacts.insert({
      displayName: 'Jürgen Müller',
      givenName: 'Jürgen',
      familyName: 'Müller',
      gender: 'male',
      customerNumber: 'K-4711',
      addresses: [address('Am Lindenhof 12', '34131', 'Kassel')],
    }),
    long: contacts.insert({
      displayName: 'Maria Gonçalves-Oberländer',
      givenName: 'Maria-Magdalena',
      familyName: 'Gonçalves-Oberländer von Hohenstein',
      organization: 'Gonçalves Immobilienverwaltung & Hausmeisterservice GmbH & Co. KG',
      addresses: [address('Mariahilfer Straße 123, Stiege 4, Tür 17', '1060', 'Wien', 'Österreich')],
    }),
    company: contacts.insert({
      displayName: 'Elektro <Meier> & Söhne KG',
      organization: 'Elektro <Meier> & Söhne KG',
      isCompany: true,
      addresses: [address('Industriestraße 1', '34123', 'Kassel')],
    }),
    noAddress: contacts.insert({
      displayName: 'Opa Heinz',
      phones: [{ e164: '+491511111111', raw: '0151 1111111', label: null, kind: 'mobile' }],
    }),
  };
  return { session, ids };
}

describe('consent letters printed by Chromium', () => {
  it('finds a browser to print with on this machine', () => {
    expect(findBrowser()).not.toBeNull();
  });

  it('prints a letter and two copies of the form per contact with an address: every element, in order, and marks them', async () => {
    const { session, ids } = seed();
    updateProfile(session.ctx, completeProfile);
    const file = path.join(tempDir(), 'briefe.pdf');
    const order = [ids.schmidt, ids.mueller, ids.long, ids.company, ids.noAddress];
    const result = await printLetters(session.ctx, { ids: order, form: 'B', date: '2026-11-26' }, (pdf) => writeFileSync(file, pdf));

    expect(result.printed).toBe(4);
    expect(result.withoutAddress).toEqual([{ id: ids.noAddress, displayName: 'Opa Heinz' }]);
    expect(pageCount(file)).toBe(12);

    // Letters laid out as printed (the information block's rows), forms in reading order.
    const pages = Array.from({ length: 12 }, (_, i) =>
      pdftotext(file, ...(i % 3 === 0 ? ['-layout'] : []), '-f', String(i + 1), '-l', String(i + 1)).replace(/\s+/g, ' '),
    );
    const expectations: [number, string, string][] = [
      [ids.schmidt, 'Frau Dr. Anna Schmidt', 'Sehr geehrte Frau Dr. Schmidt,'],
      [ids.mueller, 'Herrn Jürgen Müller', 'Sehr geehrter Herr Müller,'],
      [ids.long, 'ÖSTERREICH', 'Guten Tag Maria-Magdalena Gonçalves-Oberländer von Hohenstein,'],
      [ids.company, 'Elektro <Meier> & Söhne KG', 'Sehr geehrte Damen und Herren,'],
    ];
    expectations.forEach(([id, addressLine, greeting], index) => {
      const [letter, keep, back] = pages.slice(index * 3, index * 3 + 3) as [string, string, string];
      // The address beside the information block: the lines of both interleave in the layout.
      expect(letter).toContain(addressLine);
      expectInOrder(letter, [
        'Dachdeckerei Schulze GmbH',
        `Unser Zeichen ${result.version}/${id}`,
        'Name Bernd Schulze',
        'Telefon 0561 123456',
        'E-Mail info@schulze-dach.de',
        'Datum 26.11.2026',
        'WhatsApp mit uns – nur mit Ihrer Einwilligung',
        greeting,
        'viele unserer Kundinnen und Kunden schreiben uns per WhatsApp.',
        'Aufsichtsbehörden halten das ohne Einwilligung der Betroffenen für unzulässig.',
        'Deshalb fragen wir Sie, bevor wir Ihre Nummer im Adressbuch unseres Firmenhandys speichern',
        'Bitte antworten Sie uns bis zum 24.12.2026. Ohne Antwort bis dahin erreichen wir Sie nur noch per Telefon und E-Mail.',
        'rufen Sie uns gern an: 0561 123456',
        'Mit freundlichen Grüßen Dachdeckerei Schulze GmbH Bernd Schulze Geschäftsführung',
        'Anlage: Einwilligungserklärung (2 Exemplare)',
        'Dachdeckerei Schulze GmbH · Sitz: Kassel · Registergericht: Amtsgericht Kassel HRB 12345 · Geschäftsführung: Bernd Schulze, Anna Schulze',
      ]);
      // No written-form rule the GDPR does not have, no admission of an upload going on now (the
      // earlier text said WhatsApp uploads "auch Ihre Nummer aus unserem Firmenhandy").
      for (const page of [letter, keep, back]) expect(page).not.toMatch(/schriftlich|auch Ihre Nummer/);
      const declaration = [
        'Einwilligung in die Kommunikation über WhatsApp',
        'Mit meiner Einwilligung speichert Dachdeckerei Schulze GmbH meine Mobilnummer im Adressbuch des Firmenhandys, auf dem die App WhatsApp Business mit der Nummer +49 171 9876543 läuft. WhatsApp liest dieses Adressbuch und übermittelt die Nummern an seinen Betreiber',
      ];
      const decision = [
        'Meine Entscheidung (bitte ankreuzen)',
        'Ich willige ein, dass Dachdeckerei Schulze GmbH meine Mobilnummer',
        'Terminabsprachen',
        'Fotos von der Baustelle oder vom Schaden',
        'Angebote und Rechnungen',
        'Gesondert und freiwillig: Ich willige ein, dass Dachdeckerei Schulze GmbH mir Werbung und Neuigkeiten über WhatsApp schickt (§ 7 UWG).',
        'Freiwillig, falls der Angemessenheitsbeschluss zum Data Privacy Framework wegfällt: Ich willige ausdrücklich in die Übermittlung meiner Daten in die USA ein (Art. 49 Abs. 1 Buchst. a DSGVO)',
        'Nein, ich möchte nicht per WhatsApp kontaktiert werden.',
      ];
      const belongsTo = `zum Schreiben vom 26.11.2026, Unser Zeichen ${result.version}/${id} · Textversion ${result.version}`;
      expectInOrder(keep, [
        // Signed is the copy that goes back.
        'Exemplar für Ihre Unterlagen (zum Aufbewahren; unterschrieben wird das Exemplar zur Rücksendung)',
        belongsTo,
        ...declaration,
        'Verantwortlich: Dachdeckerei Schulze GmbH, vertreten durch Bernd Schulze, Mühlenweg 3, 34117 Kassel, Tel. 0561 123456, info@schulze-dach.de.',
        'Datenschutzbeauftragte(r): Datenschutz Nord GmbH',
        'WhatsApp Ireland Ltd. (Vertragspartner in der EU), WhatsApp LLC und Meta Platforms Inc. (USA) erhalten meinen Namen, meine Mobilnummer, mein WhatsApp-Profil (Name, Bild), die Nachrichten und Metadaten (Zeitpunkt, Gerät, IP-Adresse)',
        'www.whatsapp.com/legal/privacy-policy-eea',
        'EU-US Data Privacy Framework zertifiziert (Angemessenheitsbeschluss (EU) 2023/1795; das Gericht der EU hat ihn am 03.09.2025 bestätigt, Rechtssache T-553/23; ein Rechtsmittel, C-703/25 P, läuft noch)',
        'US-Behörden könnten ohne mein Wissen auf die Daten zugreifen',
        'Art. 6 Abs. 1 Buchst. a DSGVO',
        'Sie ist freiwillig; willige ich nicht ein, entsteht mir kein Nachteil, und ich werde per Telefon, E-Mail, Signal oder Threema erreicht.',
        'jederzeit mit Wirkung für die Zukunft widerrufen, so einfach, wie ich sie erteilt habe',
        '„STOP“',
        'Art. 7 Abs. 3 DSGVO',
        'Was bis zum Widerruf geschehen ist, bleibt rechtmäßig.',
        'Nach einem Widerruf wird meine Nummer aus dem Firmenhandy gelöscht; was WhatsApp schon erhalten hat, kann Dachdeckerei Schulze GmbH nicht zurückholen.',
        'Speicherdauer:',
        'Eine automatisierte Entscheidung (Art. 22 DSGVO) findet nicht statt.',
        'Art. 15–18, 20 DSGVO',
        'Der Werbung kann ich jederzeit widersprechen (Art. 21 DSGVO).',
        `insbesondere: ${authorities.HE.name}, ${authorities.HE.street}, ${authorities.HE.town}`,
        ...decision,
      ]);
      expect(keep).not.toMatch(/§ 26|Ort, Datum/);
      expectInOrder(back, ['Exemplar zur Rücksendung', belongsTo]);
      expectInOrder(back, [
        ...declaration,
        'habe ich mit dem Exemplar für Ihre Unterlagen (gleiche Textversion) erhalten. Meine Einwilligung ist freiwillig; ich kann sie jederzeit widerrufen (Art. 7 Abs. 3 DSGVO).',
        ...decision,
        'Ort, Datum',
        'Unterschrift',
      ]);
      expect(back).toContain('Bitte zurück an:');
      expect(back).toContain('Dachdeckerei Schulze GmbH Mühlenweg 3 34117 Kassel');
      expect(back).toContain('Ein Foto oder Scan per E-Mail an info@schulze-dach.de genügt.');
      // Only a person consents: a company's form asks who signs, with their mobile number.
      if (id === ids.company)
        expect(back.slice(-300)).toMatch(
          /Ort, Datum Name und Mobilnummer der Person, die unterschreibt \(einwilligen kann nur ein Mensch, keine Firma\) Unterschrift/,
        );
      else expect(back).not.toContain('Person, die unterschreibt');
    });
    expect(pages[3]).toContain('Kundennummer K-4711');

    // The address lines lie inside the Form B address zone: 20–105 mm from the left, 62.7–90 mm from
    // the top; on each return copy the business's address does.
    const all = words(file);
    for (const [pageIndex, markers] of [
      [1, ['Frau', 'Schmidt', 'Hauptstraße', '34119']],
      [4, ['Herrn', 'Müller', 'Lindenhof', '34131']],
      [7, ['Gonçalves', 'Mariahilfer', '1060', 'ÖSTERREICH']],
      [10, ['Elektro', 'Industriestraße', '34123']],
      ...[3, 6, 9, 12].map((page) => [page, ['Dachdeckerei', 'Mühlenweg', '34117']] as const),
    ] as const) {
      const zone = all.filter((w) => w.page === pageIndex && w.top >= 60 && w.bottom <= 95 && w.left < 110);
      for (const marker of markers)
        expect(
          zone.some((w) => w.text.includes(marker)),
          `${marker} on page ${pageIndex}`,
        ).toBe(true);
      for (const word of zone) {
        expect(word.left, word.text).toBeGreaterThanOrEqual(20);
        expect(word.right, word.text).toBeLessThanOrEqual(105);
        expect(word.top, word.text).toBeGreaterThanOrEqual(62.7);
        expect(word.bottom, word.text).toBeLessThanOrEqual(90);
      }
    }

    // Nothing on any page below 8 pt, also where a long name is set smaller to keep its line
    // (a word's box is 1.164 times the type size for DejaVu Sans).
    const smallest = Math.min(...all.map((w) => (w.bottom - w.top) / (25.4 / 72) / 1.164));
    expect(smallest).toBeGreaterThanOrEqual(7.95);

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
    await expect(printLetters(session.ctx, { ids: [ids.schmidt], form: 'B' }, async () => undefined)).rejects.toMatchObject({
      code: 'conflict',
      vars: { fields: expect.stringContaining('Name des Betriebs') },
    });

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

  it('writes to a contact who reads English in English: every element of the letter and the form, in order, the address in the window, on three pages', async () => {
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
    expect(pageCount(file)).toBe(3);
    const [letter, keep, back] = [1, 2, 3].map((page) =>
      pdftotext(file, ...(page === 1 ? ['-layout'] : []), '-f', String(page), '-l', String(page)).replace(/\s+/g, ' '),
    ) as [string, string, string];
    expectInOrder(letter, [
      'Customer no. K-0815',
      `Our reference ${result.version}/${id}`,
      'Contact Bernd Schulze',
      'Date 26 November 2026',
      'WhatsApp with us – only with your consent',
      'Dear Ms Jones,',
      'The data protection authorities consider this unlawful without the consent of the people concerned.',
      'Please answer by 24 December 2026.',
      'Kind regards Dachdeckerei Schulze GmbH Bernd Schulze Managing Director',
      'Enclosure: declaration of consent (2 copies)',
      'Registered office: Kassel · Register court: Amtsgericht Kassel HRB 12345 · Managing directors: Bernd Schulze, Anna Schulze',
    ]);
    expect(letter).toContain('VEREINIGTES KÖNIGREICH');
    const decision = [
      'My decision (please tick)',
      'I consent to Dachdeckerei Schulze GmbH storing my mobile number',
      'Arranging appointments',
      'Photos of the building site or of damage',
      'Quotes and invoices',
      'Separately and voluntarily: I consent to Dachdeckerei Schulze GmbH sending me advertising and news via WhatsApp (Section 7 of the German Unfair Competition Act, UWG).',
      'I expressly consent to the transfer of my data to the USA (Art. 49(1)(a) GDPR)',
      'No, I do not want to be contacted via WhatsApp.',
    ];
    expectInOrder(keep, [
      'Copy for your records (to keep; the copy to return is the one to sign)',
      `to our letter of 26 November 2026, our reference ${result.version}/${id} · Text version ${result.version}`,
      'Consent to communication via WhatsApp',
      'From: Sarah Jones · +447700900123',
      'the WhatsApp Business app with the number +49 171 9876543',
      'Controller: Dachdeckerei Schulze GmbH, represented by Bernd Schulze, Mühlenweg 3, 34117 Kassel',
      'Data protection officer',
      'WhatsApp Ireland Ltd. (contractual partner in the EU), WhatsApp LLC and Meta Platforms Inc. (USA)',
      'EU-US Data Privacy Framework',
      'US authorities could access the data without my knowledge',
      'Art. 6(1)(a) GDPR',
      'It is voluntary; if I do not consent, I suffer no disadvantage and am reached by phone, e-mail, Signal or Threema.',
      'at any time with effect for the future, as easily as I gave it',
      '“STOP”',
      'What happened before the withdrawal remains lawful.',
      'Retention period: Chat histories and the number on the business phone are deleted',
      'There is no automated decision-making (Art. 22 GDPR).',
      'Art. 15–18, 20 GDPR',
      'I can object to advertising at any time (Art. 21 GDPR).',
      `in particular: ${authorities.HE.name}`,
      ...decision,
    ]);
    expectInOrder(back, ['Copy to return', 'A photo or scan by e-mail to info@schulze-dach.de is enough.']);
    expectInOrder(back, [
      'Consent to communication via WhatsApp',
      'I have received the information on the processing (recipients, transfer to the USA, withdrawal, retention, my rights) with the copy for your records (same text version).',
      ...decision,
      'Place, date',
      'Signature (Sarah Jones)',
    ]);
    expect(keep).toContain('Copy for your records (to keep; the copy to return is the one to sign)');
    for (const copy of [keep, back]) expect(copy).not.toMatch(/Einwilligung|Speicherdauer|Unterschrift/);
    const zone = words(file).filter((w) => w.page === 1 && w.top >= 60 && w.bottom <= 95 && w.left < 110);
    expect(zone.map((w) => w.text).join(' ')).toBe('Ms Sarah Jones 12 Baker Street NW1 6XE LONDON VEREINIGTES KÖNIGREICH');
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
    const address = words(file).filter(
      (w) => w.page === 1 && ['Herrn', 'Lindenhof', '34131'].some((m) => w.text.includes(m)) && w.top < 80,
    );
    expect(address.length).toBe(3);
    // The return copy puts the business's address in the same zone.
    const back = words(file).filter((w) => w.page === 3 && ['Dachdeckerei', 'Mühlenweg', '34117'].includes(w.text) && w.top < 80);
    expect(back.length).toBe(3);
    for (const word of [...address, ...back]) {
      expect(word.top).toBeGreaterThanOrEqual(44.7);
      expect(word.bottom).toBeLessThanOrEqual(72);
      expect(word.left).toBeGreaterThanOrEqual(20);
    }
  }, 60_000);
});
