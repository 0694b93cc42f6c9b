import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { printLetters } from '../../../electron/services/letters';
import { updateProfile } from '../../../electron/services/profile';
import type { NewContact } from '../../../electron/db/repositories/contacts';
import { MAX_MESSENGER_TEXT_CHARACTERS, MAX_NAME_CHARACTERS, MAX_RETENTION_CHARACTERS } from '../../../shared/model/profile-checks';
import { completeProfile } from '../../helpers/profile';
import { pdftotext, words, type Word } from '../../helpers/pdf';
import { testSession } from '../../helpers/session';
import { tempDir } from '../../helpers/temp';

/**
 * A word's box in pdftotext -bbox is the font's ascent plus descent: for DejaVu Sans 1.164 times the
 * type size (checked against the letters' own sizes: 8, 10.5 and 11 pt).
 */
const BOX_PER_PT = 1.164;
const MM_PER_PT = 25.4 / 72;
const sizePt = (word: Word) => (word.bottom - word.top) / MM_PER_PT / BOX_PER_PT;
/** The body's line: 11 pt (on the pixel grid: 11.06) times the line height 1.25. */
const LINE_MM = 11.0625 * 1.25 * MM_PER_PT;

const kassel = { street: 'Hauptstraße 5', postalCode: '34119', city: 'Kassel', region: null, country: null, label: null };
const mobile = (n: string) => [{ e164: `+4917012345${n}`, raw: `0170 12345${n}`, label: null, kind: 'mobile' as const }];

async function print(contacts: NewContact[], profile = completeProfile) {
  const session = testSession();
  updateProfile(session.ctx, profile);
  const ids = contacts.map((contact) => session.ctx.repos.contacts.insert(contact));
  const file = path.join(tempDir(), 'letters.pdf');
  const result = await printLetters(session.ctx, { ids, form: 'B', date: '2026-11-26' }, (pdf) => writeFileSync(file, pdf));
  return { file, result, session, ids };
}

/** Page `page` as a grey raster at 200 dpi: ink(xMm, yMm). */
function raster(file: string, page: number) {
  const dpi = 200;
  const base = path.join(path.dirname(file), `raster-${page}`);
  execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), file, base]);
  const pgm = readFileSync(`${base}-${page}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const [width, offset] = [Number(header[1]), header[0].length];
  const pxPerMm = dpi / 25.4;
  return (xMm: number, yMm: number) => pgm[offset + Math.round(yMm * pxPerMm) * width + Math.round(xMm * pxPerMm)]! < 128;
}

/** The extent in mm of the ink run through (x, y) along one axis, scanning in 0.05 mm steps. */
function inkRun(ink: (x: number, y: number) => boolean, from: number, to: number, at: (t: number) => [number, number]): [number, number] {
  let first = Number.NaN;
  let last = Number.NaN;
  for (let t = from; t <= to; t += 0.05) {
    if (!ink(...at(t))) continue;
    if (Number.isNaN(first)) first = t;
    last = t;
  }
  return [first, last];
}

describe('the consent letter for a 70-year-old reader (DIN 5008, type sizes)', () => {
  it('sets nothing below 8 pt, the letter at 11 pt, the form at 10.5 pt with boxes of 5 mm', async () => {
    const { file } = await print([
      {
        displayName: 'Anna Schmidt',
        givenName: 'Anna',
        familyName: 'Schmidt',
        gender: 'female',
        customerNumber: 'K-4711',
        addresses: [kassel],
        phones: mobile('67'),
      },
    ]);
    const all = words(file);
    expect(new Set(all.map((w) => w.page))).toEqual(new Set([1, 2, 3]));
    const smallest = Math.min(...all.map(sizePt));
    expect(smallest).toBeGreaterThanOrEqual(7.95);

    // The letter's text, from the subject to the enclosure line; the QR code's caption beside it is not text to read.
    const letter = all.filter((w) => w.page === 1);
    const subject = letter.find((w) => w.text === 'WhatsApp' && w.top > 90)!;
    const enclosure = letter.find((w) => w.text === 'Anlage:')!;
    const body = letter.filter((w) => w.top >= subject.top && w.bottom <= enclosure.bottom && w.left < 160);
    expect(body.length).toBeGreaterThan(150);
    for (const word of body) expect(sizePt(word), word.text).toBeGreaterThanOrEqual(10.95);
    // The information block in the same size, labels and values.
    for (const label of ['Kundennummer', 'Unser', 'Name', 'Telefon', 'E-Mail', 'Datum', 'info@schulze-dach.de']) {
      expect(sizePt(letter.find((w) => w.text === label && w.left > 124)!), label).toBeGreaterThanOrEqual(10.95);
    }

    // The forms: everything but the line that names the letter (8 pt), the signature lines' labels,
    // the return copy's "Bitte zurück an:" and its Rückläufer-Code (for the office, 8 and 9 pt) is at least 10.5 pt.
    for (const page of [2, 3]) {
      const form = all.filter((w) => w.page === page);
      const refusal = form.find((w) => w.text === 'Nein,')!;
      const headEnd = form.find((w) => w.text === 'zum')!.bottom;
      const text = form.filter(
        (w) =>
          w.top > headEnd + 0.5 &&
          w.bottom < refusal.bottom + 1 &&
          !['Bitte', 'zurück', 'an:', 'Rückläufer-Code'].includes(w.text) &&
          !/^[0-9A-Z]+-[0-9A-Z]+$/.test(w.text),
      );
      expect(text.length).toBeGreaterThan(page === 2 ? 300 : 100);
      for (const word of text) expect(sizePt(word), `${word.text} on page ${page}`).toBeGreaterThanOrEqual(10.45);

      // The box before "Nein, …": 5 mm square.
      const ink = raster(file, page);
      const middle = (refusal.top + refusal.bottom) / 2;
      const [left, right] = inkRun(ink, 23, refusal.left - 0.5, (x) => [x, middle]);
      const [top, bottom] = inkRun(ink, refusal.top - 4, refusal.bottom + 4, (y) => [left + 0.1, y]);
      expect(right - left, `box width on page ${page}`).toBeGreaterThan(4.7);
      expect(right - left).toBeLessThan(5.3);
      expect(bottom - top, `box height on page ${page}`).toBeGreaterThan(4.7);
      expect(bottom - top).toBeLessThan(5.3);
      // The form keeps 25 mm on the left and 20 mm on the right.
      expect(Math.min(...form.map((w) => w.left))).toBeGreaterThanOrEqual(24.5);
      expect(Math.max(...form.map((w) => w.right))).toBeLessThanOrEqual(190.5);
    }
  }, 60_000);

  it('keeps DIN 5008 spacing: two blank lines after the subject, one between paragraphs, three to sign in', async () => {
    const { file } = await print([
      {
        displayName: 'Jürgen Müller',
        givenName: 'Jürgen',
        familyName: 'Müller',
        gender: 'male',
        addresses: [kassel],
        phones: mobile('68'),
      },
    ]);
    const letter = words(file).filter((w) => w.page === 1);
    const first = (text: string, below = 90) => letter.find((w) => w.text === text && w.top > below)!;
    const subject = first('WhatsApp');
    const salutation = first('Sehr');
    const paragraph = first('viele');
    expect(Math.abs(salutation.top - subject.top - 3 * LINE_MM)).toBeLessThan(0.4);
    expect(Math.abs(paragraph.top - salutation.top - 2 * LINE_MM)).toBeLessThan(0.4);
    // Closing: greeting, the business on the next line, three blank lines, the name, its function.
    const greeting = first('Mit', subject.top);
    const business = letter.find((w) => w.text === 'Dachdeckerei' && w.top > greeting.top)!;
    const name = letter.find((w) => w.text === 'Bernd' && w.top > business.top)!;
    const role = letter.find((w) => w.text === 'Geschäftsführung' && w.top > name.top)!;
    expect(Math.abs(business.top - greeting.top - LINE_MM)).toBeLessThan(0.4);
    expect(Math.abs(name.top - business.top - 4 * LINE_MM)).toBeLessThan(0.4);
    expect(Math.abs(role.top - name.top - LINE_MM)).toBeLessThan(0.4);
  }, 60_000);

  it('writes to an employee as the office does (Du), with the employer as controller and § 26 BDSG; asks a company who signs, and a minor’s guardian', async () => {
    const { file, result } = await print([
      {
        displayName: 'Kai Lehrling',
        givenName: 'Kai',
        familyName: 'Lehrling',
        kind: 'employee',
        minor: true,
        addresses: [kassel],
        phones: mobile('69'),
      },
      {
        displayName: 'Büro Weber',
        givenName: 'Ute',
        familyName: 'Weber',
        addresses: [kassel],
        phones: [{ e164: '+49561123456', raw: '0561 123456', label: null, kind: 'landline' }],
      },
      { displayName: 'Elektro Meier KG', organization: 'Elektro Meier KG', isCompany: true, addresses: [kassel], phones: mobile('70') },
    ]);
    // Only a landline: WhatsApp cannot reach it, so no letter asks for WhatsApp consent; the page lists it.
    expect(result).toMatchObject({ printed: 2, landlineOnly: [{ displayName: 'Büro Weber' }] });
    const page = (n: number) => pdftotext(file, '-f', String(n), '-l', String(n)).replace(/\s+/g, ' ');
    expect(page(1)).toContain('Hallo Kai,');
    expect(page(1)).toContain('Deshalb fragen wir dich, bevor wir deine Mobilnummer');
    expect(page(1)).toContain('Ob du einwilligst, hat keinen Einfluss auf dein Arbeitsverhältnis.');
    expect(page(1)).toContain('Viele Grüße');
    expect(page(2)).toContain('Art. 6 Abs. 1 Buchst. a DSGVO, § 26 Abs. 2 BDSG');
    expect(page(2)).toContain('ohne Einfluss auf mein Arbeitsverhältnis');
    // An apprentice under 18: a parent or guardian signs beside them; an adult company is not asked.
    expect(page(3)).toMatch(/Ort, Datum Unterschrift \(Kai Lehrling\) Unterschrift einer oder eines Erziehungsberechtigten/);
    expect(page(6)).not.toContain('Erziehungsberechtigten');
    // Only a person consents: the company's form asks who signs, with their mobile number.
    expect(page(6)).toMatch(
      /Ort, Datum Name und Mobilnummer der Person, die unterschreibt \(einwilligen kann nur ein Mensch, keine Firma\) Unterschrift/,
    );
    expect(page(3)).not.toContain('Person, die unterschreibt');
    expect(page(4)).toContain('Sehr geehrte Damen und Herren,');
  }, 60_000);

  it('prints the company details the legal form requires, and refuses letters naming the ones missing', async () => {
    const gmbh = { displayName: 'Anna Schmidt', givenName: 'Anna', familyName: 'Schmidt', addresses: [kassel], phones: mobile('71') };
    const { session, ids } = await print([gmbh]);
    // A GmbH without its register: refused, naming each field.
    updateProfile(session.ctx, { seat: '', registerCourt: '', registerNumber: '', managingDirectors: [] });
    await expect(printLetters(session.ctx, { ids, form: 'B' }, () => undefined)).rejects.toMatchObject({
      code: 'conflict',
      vars: {
        fields:
          'Sitz des Unternehmens, Registergericht (z. B. Amtsgericht Kassel), Registernummer (z. B. HRB 12345), Geschäftsführer bzw. Vorstand (alle Namen)',
      },
    });
    // A GmbH & Co. KG names its general partner with the partner's register and managing directors.
    updateProfile(session.ctx, {
      legalForm: 'GmbH & Co. KG',
      seat: 'Kassel',
      registerCourt: 'Amtsgericht Kassel',
      registerNumber: 'HRA 777',
    });
    await expect(printLetters(session.ctx, { ids, form: 'B' }, () => undefined)).rejects.toMatchObject({
      vars: { fields: expect.stringContaining('Name der persönlich haftenden Gesellschafterin') },
    });
    updateProfile(session.ctx, {
      generalPartner: {
        name: 'Schulze Verwaltungs GmbH',
        seat: 'Kassel',
        registerCourt: 'Amtsgericht Kassel',
        registerNumber: 'HRB 4711',
        managingDirectors: ['Bernd Schulze'],
      },
    });
    const file = path.join(tempDir(), 'kg.pdf');
    await printLetters(session.ctx, { ids, form: 'B', date: '2026-11-26' }, (pdf) => writeFileSync(file, pdf));
    expect(pdftotext(file, '-f', '1', '-l', '1').replace(/\s+/g, ' ')).toContain(
      'Dachdeckerei Schulze GmbH & Co. KG · Sitz: Kassel · Registergericht: Amtsgericht Kassel HRA 777 · Persönlich haftende Gesellschafterin: Schulze Verwaltungs GmbH, Sitz: Kassel, Registergericht: Amtsgericht Kassel HRB 4711, Geschäftsführung: Bernd Schulze',
    );
    // A GbR needs none of it: no footer, no refusal.
    updateProfile(session.ctx, { legalForm: 'GbR', seat: '', registerCourt: '', registerNumber: '', generalPartner: null });
    const gbr = path.join(tempDir(), 'gbr.pdf');
    await printLetters(session.ctx, { ids, form: 'B', date: '2026-11-26' }, (pdf) => writeFileSync(gbr, pdf));
    expect(pdftotext(gbr, '-f', '1', '-l', '1')).not.toContain('Sitz:');
  }, 60_000);
});

describe('the letter at its fullest', () => {
  it('ends above its footer also for the longest text (an employee, Sie) and the longest footer (a GmbH & Co. KG)', async () => {
    const kg = {
      ...completeProfile,
      // The longest name and messenger description the profile allows.
      name: 'Dachdeckerei und Bauklempnerei Schulze-Oberländer Nordhessen'.slice(0, MAX_NAME_CHARACTERS),
      messengerTexts: {
        ...completeProfile.messengerTexts!,
        signal: 'kostenlos und verschlüsselt '.repeat(10).slice(0, MAX_MESSENGER_TEXT_CHARACTERS),
      },
      legalForm: 'GmbH & Co. KG',
      registerNumber: 'HRA 12345',
      generalPartner: {
        name: 'Schulze-Oberländer Verwaltungsgesellschaft mbH',
        seat: 'Kassel',
        registerCourt: 'Amtsgericht Kassel',
        registerNumber: 'HRB 54321',
        managingDirectors: ['Bernd Schulze', 'Anna Schulze-Oberländer'],
      },
    };
    const { file } = await print(
      [
        {
          displayName: 'Anna Schmidt',
          givenName: 'Anna',
          familyName: 'Schmidt',
          gender: 'female',
          customerNumber: 'K-4711',
          addresses: [kassel],
          phones: mobile('73'),
        },
        {
          displayName: 'Kai Lehrling',
          givenName: 'Kai',
          familyName: 'Lehrling',
          kind: 'employee',
          formal: true,
          addresses: [kassel],
          phones: mobile('74'),
        },
        { displayName: 'Eva Azubi', givenName: 'Eva', familyName: 'Azubi', kind: 'employee', addresses: [kassel], phones: mobile('75') },
      ],
      kg,
    );
    const all = words(file);
    for (const page of [1, 4, 7]) {
      const letter = all.filter((w) => w.page === page);
      const enclosure = letter.find((w) => w.text === 'Anlage:')!;
      const footer = letter.find((w) => w.text === 'Sitz:')!;
      expect(footer.top - enclosure.bottom, `page ${page}`).toBeGreaterThan(2);
      expect(Math.max(...letter.map((w) => w.bottom)), `page ${page}`).toBeLessThanOrEqual(292);
    }
  }, 60_000);
});

describe('the consent form at its fullest', () => {
  it('refuses letters while a stored retention rule is longer than the form holds, naming the field', async () => {
    const { session, ids } = await print([
      { displayName: 'Anna Schmidt', givenName: 'Anna', familyName: 'Schmidt', addresses: [kassel], phones: mobile('72') },
    ]);
    // Stored by an older version, which took up to 1,000 characters.
    const stored = session.ctx.repos.settings.readAll().profile as Record<string, unknown>;
    session.ctx.repos.settings.writeMany({ profile: { ...stored, retention: 'x'.repeat(MAX_RETENTION_CHARACTERS + 1) } });
    await expect(printLetters(session.ctx, { ids, form: 'B' }, () => undefined)).rejects.toMatchObject({
      code: 'conflict',
      vars: { fields: `Speicherdauer der Chats (höchstens ${MAX_RETENTION_CHARACTERS} Zeichen)` },
    });
    expect(() => updateProfile(session.ctx, { retentionEn: 'x'.repeat(MAX_RETENTION_CHARACTERS + 1) })).toThrow();
  }, 60_000);

  it('still holds every box and signature line when the profile and the contact ask the most of it', async () => {
    // The longest authority, a DPO, advertising, the longest retention text the profile allows,
    // a company (its signer's line) that is also flagged minor (a guardian's line), in both languages.
    const profile = {
      ...completeProfile,
      name: 'Dachdeckerei und Bauklempnerei Schulze-Oberländer Nordhessen'.slice(0, MAX_NAME_CHARACTERS),
      state: 'BB' as const,
      retention: 'R'.repeat(MAX_RETENTION_CHARACTERS).replace(/R{9}/g, 'Rrrrrrrr '),
      retentionEn: 'R'.repeat(MAX_RETENTION_CHARACTERS).replace(/R{9}/g, 'Rrrrrrrr '),
      dpo: {
        name: 'Datenschutzberatung Nordhessen GmbH',
        email: 'datenschutz@beratung-nordhessen.de',
        address: 'Friedrich-Ebert-Straße 120, 34119 Kassel',
      },
    };
    const contacts: NewContact[] = (['de', 'en'] as const).map((language, i) => ({
      displayName: `Gonçalves Immobilienverwaltung ${i}`,
      organization: `Gonçalves Immobilienverwaltung ${i}`,
      isCompany: true,
      minor: true,
      language,
      addresses: [kassel],
      phones: mobile(`8${i}`),
    }));
    const { file } = await print(contacts, profile);
    const page = (n: number) => pdftotext(file, '-f', String(n), '-l', String(n)).replace(/\s+/g, ' ');
    expect(page(2)).toMatch(
      /^ ?Exemplar für Ihre Unterlagen \(zum Aufbewahren; unterschrieben wird das Exemplar zur Rücksendung\).*Nein, ich möchte nicht per WhatsApp kontaktiert werden\. $/,
    );
    const signed = (n: number, refusal: string) => page(n).slice(page(n).indexOf(refusal));
    for (const label of [
      'Ort, Datum',
      'Name und Mobilnummer der Person, die unterschreibt',
      'Unterschrift',
      'Unterschrift einer oder eines Erziehungsberechtigten',
    ])
      expect(signed(3, 'Nein, ich möchte nicht')).toContain(label);
    expect(page(5)).toMatch(/No, I do not want to be contacted via WhatsApp\. $/);
    for (const label of ['Place, date', 'Name and mobile number of the person signing', 'Signature', 'Signature of a parent or guardian'])
      expect(signed(6, 'No, I do not want')).toContain(label);
    // And all of it above the bottom margin (10 mm), inside 25 mm left and 20 mm right.
    for (const word of words(file).filter((w) => w.page !== 1 && w.page !== 4)) {
      expect(word.bottom, `${word.text} on page ${word.page}`).toBeLessThanOrEqual(287);
      expect(word.right, `${word.text} on page ${word.page}`).toBeLessThanOrEqual(190.5);
    }
  }, 60_000);
});
