import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv } from '../../../electron/importers/csv';
import { byName, readFixture } from '../../helpers/fixtures';

async function rows(text: string | string[], delimiter: ',' | ';' | '\t' = ',') {
  const chunks = Array.isArray(text) ? text : [text];
  const out = [];
  for await (const batch of parseCsv(
    (async function* () {
      yield* chunks;
    })(),
    delimiter,
  ))
    out.push(...batch);
  return out;
}

describe('CSV tokenizer', () => {
  it('quoted cells with delimiters, "" escapes and line breaks (LF, CRLF, bare CR)', async () => {
    expect(await rows('a,"b, c","d ""e""",f\r\n"x\ny","1\r\n2\r3",z\n')).toEqual([
      { cells: ['a', 'b, c', 'd "e"', 'f'], line: 1 },
      { cells: ['x\ny', '1\r\n2\r3', 'z'], line: 2 },
    ]);
  });

  it('is not confused by chunk boundaries inside "" or CR LF', async () => {
    expect(await rows(['a,"x"', '"y"\r', '\nb,c'])).toEqual([
      { cells: ['a', 'x"y'], line: 1 },
      { cells: ['b', 'c'], line: 2 },
    ]);
  });

  it('skips empty lines and honours an Excel "sep=" line', async () => {
    expect(await rows('sep=;\nName;Handy\n\nAnna;0171\n', ',')).toEqual([
      { cells: ['Name', 'Handy'], line: 2 },
      { cells: ['Anna', '0171'], line: 4 },
    ]);
  });

  it('detects the delimiter from the first record, outside quotes', () => {
    expect(detectDelimiter('Name;Firma;Handy\nx')).toBe(';');
    expect(detectDelimiter('"Schulze, Bernd",Firma,Handy')).toBe(',');
    expect(detectDelimiter('Name\tFirma\tHandy')).toBe('\t');
    expect(detectDelimiter('"a;b";"c, d"')).toBe(';');
  });
});

describe('CSV reader', () => {
  it('German Outlook in windows-1252 with semicolons: umlauts, salutation, address, multi-line note, birthday', async () => {
    const reading = await readFixture('outlook-de-1252-semicolon.csv');
    expect(reading).toMatchObject({ format: 'csv', encoding: 'windows-1252', rejected: false });
    expect(reading.table?.unknown).toEqual([]);
    const jurgen = byName(reading.candidates, 'Jürgen Groß');
    expect(jurgen).toMatchObject({
      gender: 'male',
      organization: 'Dachdeckerei Groß GmbH',
      jobTitle: 'Geschäftsführer',
      birthday: '1965-12-24',
      note: 'Ruft gern zurück.\r\nNicht vor 8 Uhr.',
    });
    expect(jurgen.phones.map((p) => [p.e164, p.kind, p.label])).toEqual([
      ['+49561123456', 'landline', 'work'],
      ['+491712345678', 'mobile', 'mobile'],
    ]);
    expect(jurgen.addresses).toEqual([
      { street: 'Mühlenweg 12', postalCode: '34117', city: 'Kassel', region: null, country: null, label: 'work' },
    ]);
    expect(byName(reading.candidates, 'Sophie Weiß')).toMatchObject({
      gender: 'female',
      birthday: null,
      emails: [{ address: 'sophie.weiss@example.de', label: null }],
    });
  });

  it('Excel "Unicode text" (UTF-16 LE, TAB): a self-made list with full names in one column', async () => {
    const reading = await readFixture('excel-unicode-text.txt');
    expect(reading).toMatchObject({ format: 'csv', encoding: 'utf-16le' });
    expect(reading.table?.mapping).toEqual(['fullName', 'organization', 'phone:mobile', 'phone:other', 'email']);
    expect(byName(reading.candidates, 'Bernd Schulze')).toMatchObject({
      givenName: 'Bernd',
      familyName: 'Schulze',
      organization: 'Holzbau Schulze',
    });
    expect(byName(reading.candidates, 'Bernd Schulze').phones.map((p) => p.e164)).toEqual(['+491701234567', '+49561778899']);
    expect(byName(reading.candidates, 'Emine Yılmaz')).toMatchObject({ givenName: 'Emine', familyName: 'Yılmaz' });
  });

  it('UTF-8 with BOM, current Google layout: labels from the "- Label" columns, one address from its parts', async () => {
    const reading = await readFixture('google-current-bom.csv');
    expect(reading.table?.unknown).toEqual([]);
    const [klaus] = reading.candidates;
    expect(klaus).toMatchObject({
      displayName: 'Klaus Zimmermann',
      title: 'Dr.',
      organization: 'Zimmerei Zimmermann',
      jobTitle: 'Meister',
      birthday: '1970-05-17',
    });
    expect(klaus!.phones.map((p) => [p.e164, p.label])).toEqual([
      ['+491715550001', 'Mobile'],
      ['+49421555000', 'Work'],
    ]);
    expect(klaus!.emails).toEqual([{ address: 'klaus@zimmerei-z.de', label: 'Work', valid: true }]);
    expect(klaus!.addresses).toEqual([
      { street: 'Sägewerkstr. 3', postalCode: '28195', city: 'Bremen', region: null, country: 'Deutschland', label: 'Work' },
    ]);
  });

  it('UTF-16 BE without BOM, and Shift_JIS', async () => {
    const utf16 = await readFixture('utf16be-nobom.csv');
    expect(utf16.encoding).toBe('utf-16be');
    expect(utf16.candidates[0]).toMatchObject({ displayName: 'Ömer Çelik' });
    const sjis = await readFixture('shiftjis.csv');
    expect(sjis.encoding).toBe('shift_jis');
    expect(sjis.candidates[0]).toMatchObject({ emails: [{ address: 'taro@example.jp', label: null }] });
    expect(sjis.candidates[0]!.phones[0]).toMatchObject({ e164: '+819011112222' });
  });

  it('Central European windows-1250 reads as the user chooses (the guess, windows-1252, garbles it)', async () => {
    const guessed = await readFixture('polish-1250-semicolon.csv');
    expect(guessed.encoding).toBe('windows-1252');
    expect(guessed.candidates.map((c) => c.displayName)).toEqual(['£ukasz Dvoøák', 'Zofia Œliwiñska']);
    const chosen = await readFixture('polish-1250-semicolon.csv', { legacyEncoding: 'windows-1250' });
    expect(chosen.encoding).toBe('windows-1250');
    expect(chosen.candidates.map((c) => c.displayName)).toEqual(['Łukasz Dvořák', 'Zofia Śliwińska']);
    // A UTF-8 file is UTF-8 whatever was chosen.
    const utf8 = await readFixture('google-current-bom.csv', { legacyEncoding: 'windows-1250' });
    expect(utf8.encoding).toBe('utf-8');
    expect(utf8.candidates[0]!.addresses[0]!.street).toBe('Sägewerkstr. 3');
  });

  it('Thunderbird: the birthday from year, month and day columns', async () => {
    const [hanna] = (await readFixture('thunderbird.csv')).candidates;
    expect(hanna).toMatchObject({ displayName: 'Hanna Koch', birthday: '1988-03-09' });
    expect(hanna!.addresses[0]).toMatchObject({ street: 'Gartenweg 1', postalCode: '04109', city: 'Leipzig', label: 'home' });
  });

  it('Thunderbird in German (windows-1252): every header recognised, the chat name and the day of birth not mistaken', async () => {
    // Header names and order as Thunderbird writes them; its German catalogue calls the chat name
    // "Anzeigename" too, and the day of the month "Geburtstag".
    const reading = await readFixture('thunderbird-de-1252.csv');
    expect(reading).toMatchObject({ format: 'csv', encoding: 'windows-1252' });
    expect(reading.table?.unknown).toEqual([]);
    const mapped = Object.fromEntries(reading.table!.headers.map((header, index) => [`${index} ${header}`, reading.table!.mapping[index]]));
    expect(mapped).toMatchObject({
      '2 Anzeigename': 'fullName',
      '4 Primäre E-Mail-Adresse': 'email',
      '5 Sekundäre E-Mail-Adresse': 'email',
      '6 Anzeigename': 'ignore',
      '7 Tel. dienstlich': 'phone:work',
      '8 Tel. privat': 'phone:home',
      '9 Fax-Nummer': 'phone:fax',
      '10 Pager-Nummer': 'phone:other',
      '11 Mobil-Tel.-Nr.': 'phone:mobile',
      '12 Privat: Adresse': 'street:home',
      '14 Privat: Ort': 'city:home',
      '16 Privat: PLZ': 'postalCode:home',
      '20 Dienstlich: Ort': 'city:work',
      '24 Arbeitstitel': 'jobTitle',
      '26 Organisation': 'organization',
      '29 Geburtsjahr': 'birthYear',
      '30 Geburtsmonat': 'birthMonth',
      '31 Geburtstag': 'birthDay',
    });
    const hanna = byName(reading.candidates, 'Hanna Koch');
    expect(hanna).toMatchObject({
      organization: 'Koch Bau GmbH',
      department: 'Montage',
      jobTitle: 'Bauleiterin',
      birthday: '1988-03-09',
      note: 'Schlüssel beim Nachbarn',
    });
    expect(hanna.emails).toEqual([
      { address: 'hanna@koch-bau.de', label: null, valid: true },
      { address: 'h.koch@example.de', label: null, valid: true },
    ]);
    expect(hanna.phones.map((p) => [p.e164, p.label])).toEqual([
      ['+49341123456', 'work'],
      ['+49341654321', 'home'],
      ['+49341123457', 'fax'],
      ['+491601112223', 'other'],
      ['+4915112312312', 'mobile'],
    ]);
    expect(hanna.addresses).toEqual([
      { street: 'Gartenweg 1\nHinterhaus', postalCode: '04109', city: 'Leipzig', region: 'Sachsen', country: 'Deutschland', label: 'home' },
      { street: 'Am Markt 5', postalCode: '04103', city: 'Leipzig', region: 'Sachsen', country: 'Deutschland', label: 'work' },
    ]);
    expect(byName(reading.candidates, 'Jörg Weiß')).toMatchObject({
      organization: 'Weiß Bedachungen',
      birthday: null,
      emails: [{ address: 'joerg@weiss-dach.de' }],
    });
  });

  it('Google CSV: " ::: " separates several numbers and e-mails in one cell, each with the cell’s label', async () => {
    const [bernd] = (await readFixture('google-multi-values.csv')).candidates;
    expect(bernd!.phones.map((p) => [p.raw, p.e164, p.label])).toEqual([
      ['+49 170 1234567', '+491701234567', 'Mobile'],
      ['0561 998877', '+49561998877', 'Mobile'],
      ['0561 445566', '+49561445566', 'Work'],
    ]);
    expect(bernd!.emails).toEqual([
      { address: 'bernd@schulze-holzbau.de', label: 'Work', valid: true },
      { address: 'info@schulze-holzbau.de', label: 'Work', valid: true },
    ]);
  });

  it('an unknown column is listed for mapping, and a confirmed mapping is used', async () => {
    const first = await readFixture('quoted-and-unknown.csv');
    expect(first.table).toMatchObject({ headers: ['Name', 'Baustellenhandy', 'Notiz', 'E-Mail'], unknown: [1] });
    expect(first.table?.mapping).toEqual(['fullName', 'ignore', 'note', 'email']);
    expect(byName(first.candidates, 'Bernd "der Dachdecker" Schulze').phones).toEqual([]);
    expect(byName(first.candidates, 'Anna Schmitz')).toMatchObject({ givenName: 'Anna', familyName: 'Schmitz' });

    const mapped = await readFixture('quoted-and-unknown.csv', { mapping: ['fullName', 'phone:mobile', 'note', 'email'] });
    expect(byName(mapped.candidates, 'Bernd "der Dachdecker" Schulze')).toMatchObject({ note: 'erste Zeile\r\nzweite Zeile\rdritte' });
    expect(byName(mapped.candidates, 'Bernd "der Dachdecker" Schulze').phones[0]).toMatchObject({ e164: '+491705556667', label: 'mobile' });

    const remembered = await readFixture('quoted-and-unknown.csv', {
      rememberedMapping: () => ['fullName', 'phone:work', 'ignore', 'email'],
    });
    expect(remembered.table?.remembered).toBe(true);
    expect(byName(remembered.candidates, 'Anna Schmitz').phones[0]).toMatchObject({ label: 'work' });
  });

  it('a "Sprache" column sets English or German; other languages and empty cells leave it unset', async () => {
    const reading = await readFixture('sprache-semicolon.csv');
    expect(reading.table?.mapping).toEqual(['fullName', 'phone:mobile', 'language']);
    expect(reading.candidates.map((c) => [c.displayName, c.language])).toEqual([
      ['Sarah Jones', 'en'],
      ['Jan Nowak', null],
      ['Anna Schmidt', 'de'],
      ['Petra Lange', null],
    ]);
  });

  it('reports a quote that is never closed, with its line', async () => {
    const reading = await readFixture('unterminated.csv');
    expect(reading.issues).toEqual([{ line: 3, key: 'unterminatedQuote', vars: { line: 3 } }]);
    expect(reading.candidates.map((c) => c.displayName)).toContain('Franz Huber');
  });
});
