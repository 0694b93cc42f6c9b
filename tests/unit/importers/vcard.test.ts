import { describe, expect, it } from 'vitest';
import { byName, readFixture } from '../../helpers/fixtures';

describe('vCard reader', () => {
  it('quoted-printable: soft breaks inside an =XX escape and right after the colon; N prefix as salutation and title', async () => {
    const { candidates, format } = await readFixture('qp-soft-breaks.vcf');
    expect(format).toBe('vcard');
    const [contact] = candidates;
    expect(contact).toMatchObject({
      displayName: 'Jürgen Müller-Lüdenscheidt',
      givenName: 'Jürgen',
      familyName: 'Müller-Lüdenscheidt',
      title: 'Dr.',
      gender: 'male',
      note: 'Bitte nur vormittags anrufen.\r\nHof hinter dem Haus.',
    });
    expect(contact!.phones).toEqual([{ raw: '0171 1234567', e164: '+491711234567', kind: 'mobile', label: 'cell' }]);
  });

  it('CHARSET per value: ISO-8859-1, windows-1252, Shift_JIS, and a UTF-8 label over Latin-1 bytes', async () => {
    const { candidates, encoding } = await readFixture('charsets.vcf');
    expect(candidates.map((c) => c.displayName)).toEqual(['Anna Müller', 'Cornelius Weiß', 'ロイド 安藤', 'René Testé']);
    expect(byName(candidates, 'Cornelius Weiß').organization).toBe('Bäckerei Weiß – Filiale Süd');
    expect(byName(candidates, 'ロイド 安藤').phones[0]).toMatchObject({ e164: '+819012345678', kind: 'mobile' });
    expect(encoding).toBe('shift_jis+windows-1252');
  });

  it('bare QUOTED-PRINTABLE parameter, lower-case property names, VERSION after other properties', async () => {
    const [contact] = (await readFixture('bare-params-lowercase.vcf')).candidates;
    expect(contact).toMatchObject({ displayName: 'Ayşe Özdemir', familyName: 'Özdemir', givenName: 'Ayşe' });
    expect(contact!.phones).toEqual([
      { raw: '+49 (0) 151 23456789', e164: '+4915123456789', kind: 'mobile', label: 'cell' },
      { raw: '0221/987654', e164: '+49221987654', kind: 'landline', label: 'home' },
    ]);
    expect(contact!.emails).toEqual([{ address: 'ayse@example.de', label: null, valid: true }]);
  });

  it('a fold that splits a UTF-8 character, and a fold inside a parameter', async () => {
    const [contact] = (await readFixture('folded-split-utf8.vcf')).candidates;
    expect(contact!.displayName).toBe('Renée Gräßlin-Øster');
    expect(contact!.phones[0]).toMatchObject({ e164: '+491723456789', label: 'cell' });
  });

  it('CR CR LF line ends mixed with LF', async () => {
    const [contact] = (await readFixture('crcrlf.vcf')).candidates;
    expect(contact!.displayName).toBe('Maria Schmidt');
    expect(contact!.phones.map((p) => [p.e164, p.label])).toEqual([
      ['+491609876543', 'cell'],
      ['+49891234567', 'work'],
    ]);
  });

  it('grouped properties take their X-ABLabel, Apple’s _$!<…>!$_ wrapper removed; a Hebrew label stays intact', async () => {
    const [contact] = (await readFixture('grouped-labels.vcf')).candidates;
    expect(contact!.phones.map((p) => p.label)).toEqual(['Baustelle', 'Work', 'נייד']);
    expect(contact!.phones[2]).toMatchObject({ e164: '+972547654321', kind: 'mobile' });
    expect(contact!.emails).toEqual([{ address: 'thomas@becker-bau.de', label: 'Other', valid: true }]);
  });

  it('vCard 2.1 parameters without a name give a label only when they are one: never INLINE, VCARD, a charset, an encoding or a language', async () => {
    const { candidates } = await readFixture('bare-param-labels.vcf');
    expect(byName(candidates, 'Petra Wagner').phones.map((p) => [p.raw, p.label])).toEqual([
      ['0171 2223334', 'cell'], // CELL;INLINE
      ['0561 112233', 'work'], // WORK;VOICE;UTF-8
      ['0561 445566', 'home'], // HOME;ISO-8859-1;QUOTED-PRINTABLE
      ['0561 112234', 'fax,work'], // de-DE;FAX;WORK
      ['0160 5556667', 'cell'], // en-US;PREF;CELL;VCARD
      ['0172 9998887', 'Baustelle'], // Android's custom label: X-Baustelle
      ['0561 778899', null], // VOICE;de;8BIT
    ]);
    // vCard 3.0: a custom TYPE (Android) or X- TYPE is a label; VOICE, PREF and a charset are not.
    expect(byName(candidates, 'Jonas Fischer').phones.map((p) => p.label)).toEqual(['cell', 'Baustelle', 'Lager,work', null]);
  });

  it('escaped \\, \\; \\n and \\\\ in structured and text values', async () => {
    const [contact] = (await readFixture('escapes.vcf')).candidates;
    expect(contact).toMatchObject({
      displayName: 'Karl Meier, Sohn',
      familyName: 'Meier, Sohn',
      organization: 'Meier & Sohn GmbH; Sanitär',
      department: 'Kundendienst',
      note: 'Zeile eins\nZeile zwei, mit Komma; und Semikolon \\ Backslash',
    });
    expect(contact!.addresses).toEqual([
      { street: 'Hauptstraße 5\nHinterhaus', postalCode: '50667', city: 'Köln', region: null, country: 'Deutschland', label: 'work' },
    ]);
  });

  it('base64 photos with and without the blank line after them do not swallow the next property', async () => {
    const { candidates } = await readFixture('photos.vcf');
    expect(candidates.map((c) => [c.displayName, c.phones[0]?.e164])).toEqual([
      ['Petra Wagner', '+491755554443'],
      ['Jonas Fischer', '+491763332221'],
    ]);
  });

  it('several cards; skips garbage, stray END:, END:VCARD. and an embedded AGENT card; reads vCard 4.0', async () => {
    const { candidates, issues } = await readFixture('junk-between-cards.vcf');
    expect(candidates.map((c) => c.displayName)).toEqual(['Erster Kontakt', 'Zweiter Kontakt', 'Dritte GmbH']);
    expect(byName(candidates, 'Erster Kontakt').emails[0]!.address).toBe('eins@example.de');
    expect(byName(candidates, 'Zweiter Kontakt').phones.map((p) => p.raw)).toEqual(['0171 1000002']);
    expect(byName(candidates, 'Dritte GmbH')).toMatchObject({ isCompany: true, organization: 'Dritte GmbH', gender: 'female' });
    expect(byName(candidates, 'Dritte GmbH').phones[0]).toMatchObject({ raw: '+49-30-1000003', e164: '+49301000003' });
    expect(issues).toEqual([]);
  });

  it('reports a card cut off at the end with its line, and keeps the complete ones', async () => {
    const { candidates, issues, rejected } = await readFixture('truncated.vcf');
    expect(rejected).toBe(false);
    expect(candidates.map((c) => c.displayName)).toEqual(['Vollständig Eins', 'Vollständig Zwei']);
    expect(issues).toEqual([{ line: 11, key: 'truncatedCard', vars: { line: 11 } }]);
  });

  it('UTF-16 LE with a byte order mark', async () => {
    const { candidates, encoding } = await readFixture('utf16le-bom.vcf');
    expect(encoding).toBe('utf-16le');
    expect(candidates[0]).toMatchObject({ displayName: 'Lena Jäger' });
  });

  it('LANG: the best-ranked language the app writes in (English or German); others leave it unset', async () => {
    const { candidates } = await readFixture('languages.vcf');
    expect(candidates.map((c) => [c.displayName, c.language])).toEqual([
      ['Sarah Jones', 'en'],
      ['Jan Nowak', null],
      ['Anna Schmidt', 'de'],
    ]);
  });
});
