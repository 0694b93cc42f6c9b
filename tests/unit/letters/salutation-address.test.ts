import { describe, expect, it } from 'vitest';
import { addressBlock, LINE_FITS, MAX_ADDRESS_LINES } from '../../../shared/letters/address-block';
import { escapeHtml } from '../../../shared/letters/html';
import { salutation, type Addressee } from '../../../shared/letters/salutation';

const person = (fields: Partial<Addressee>): Addressee => ({
  displayName: '',
  givenName: null,
  familyName: null,
  title: null,
  gender: null,
  organization: null,
  isCompany: false,
  ...fields,
});
const formalDe = { language: 'de' as const, formal: true };
const formalEn = { language: 'en' as const, formal: true };

describe('salutation', () => {
  it.each([
    [
      person({ givenName: 'Anna', familyName: 'Schmidt', title: 'Dr.', gender: 'female' }),
      'Sehr geehrte Frau Dr. Schmidt,',
      'Dear Dr. Schmidt,',
    ],
    [person({ givenName: 'Jürgen', familyName: 'Müller', gender: 'male' }), 'Sehr geehrter Herr Müller,', 'Dear Mr Müller,'],
    [person({ givenName: 'Ute', familyName: 'Lang', gender: 'female' }), 'Sehr geehrte Frau Lang,', 'Dear Ms Lang,'],
    [
      person({ givenName: 'Klaus', familyName: 'Berg', title: 'Prof. Dr.', gender: 'male' }),
      'Sehr geehrter Herr Prof. Dr. Berg,',
      'Dear Prof. Dr. Berg,',
    ],
    [person({ givenName: 'Maria', familyName: 'Gonçalves' }), 'Guten Tag Maria Gonçalves,', 'Dear Maria Gonçalves,'],
    [person({ givenName: 'Kim', familyName: 'Weber', gender: 'diverse' }), 'Guten Tag Kim Weber,', 'Dear Kim Weber,'],
    [
      person({ displayName: 'Elektro Meier KG', organization: 'Elektro Meier KG', isCompany: true }),
      'Sehr geehrte Damen und Herren,',
      'Dear Sir or Madam,',
    ],
    [person({ displayName: 'Bauhof', organization: 'Bauhof Süd GmbH' }), 'Sehr geehrte Damen und Herren,', 'Dear Sir or Madam,'],
    [person({ displayName: 'Opa Heinz' }), 'Guten Tag Opa Heinz,', 'Dear Opa Heinz,'],
    [
      person({ familyName: 'Schmidt', gender: 'female', organization: 'Schmidt Bau GmbH' }),
      'Sehr geehrte Frau Schmidt,',
      'Dear Ms Schmidt,',
    ],
  ])('%o', (addressee, german, english) => {
    expect(salutation(addressee, formalDe)).toBe(german);
    expect(salutation(addressee, formalEn)).toBe(english);
  });

  it('is informal with the given name', () => {
    expect(salutation(person({ givenName: 'Jürgen', familyName: 'Müller', gender: 'male' }), { language: 'de', formal: false })).toBe(
      'Hallo Jürgen,',
    );
    expect(salutation(person({ givenName: 'Jürgen', familyName: 'Müller' }), { language: 'en', formal: false })).toBe('Hi Jürgen,');
    expect(salutation(person({ familyName: 'Müller' }), { language: 'de', formal: false })).toBe('Hallo Müller,');
    expect(salutation(person({ organization: 'Elektro Meier KG', isCompany: true }), { language: 'de', formal: false })).toBe(
      'Hallo zusammen,',
    );
  });

  it('squeezes stray spaces from imported names', () => {
    expect(salutation(person({ givenName: '  Anna ', familyName: ' von  Berg ', gender: 'female' }), formalDe)).toBe(
      'Sehr geehrte Frau von Berg,',
    );
  });
});

const address = (fields: Partial<{ street: string; postalCode: string; city: string; country: string | null }>) => ({
  street: 'Hauptstraße 5',
  postalCode: '34117',
  city: 'Kassel',
  region: null,
  country: null,
  label: null,
  ...fields,
});
const options = { language: 'de' as const, homeCountry: 'DE' };

describe('address block', () => {
  it('writes a person with courtesy title and academic title, then street and town', () => {
    expect(
      addressBlock(
        { ...person({ givenName: 'Anna', familyName: 'Schmidt', title: 'Dr.', gender: 'female' }), addresses: [address({})] },
        options,
      ),
    ).toEqual(['Frau Dr. Anna Schmidt', 'Hauptstraße 5', '34117 Kassel']);
    expect(
      addressBlock(
        { ...person({ givenName: 'Jürgen', familyName: 'Müller', gender: 'male' }), addresses: [address({ country: 'Deutschland' })] },
        options,
      ),
    ).toEqual(['Herrn Jürgen Müller', 'Hauptstraße 5', '34117 Kassel']);
  });

  it('puts the company first and the person below it; a company alone has one name line', () => {
    expect(
      addressBlock(
        { ...person({ givenName: 'Ute', familyName: 'Lang', gender: 'female', organization: 'Lang Bau GmbH' }), addresses: [address({})] },
        options,
      ),
    ).toEqual(['Lang Bau GmbH', 'Frau Ute Lang', 'Hauptstraße 5', '34117 Kassel']);
    expect(
      addressBlock(
        { ...person({ displayName: 'Elektro Meier KG', organization: 'Elektro Meier KG', isCompany: true }), addresses: [address({})] },
        options,
      ),
    ).toEqual(['Elektro Meier KG', 'Hauptstraße 5', '34117 Kassel']);
  });

  it('ends a foreign address with the town and the country in capitals, the country in German also in an English letter (DIN 5008)', () => {
    expect(
      addressBlock(
        {
          ...person({ givenName: 'Maria', familyName: 'Gonçalves' }),
          addresses: [address({ street: 'Mariahilfer Straße 1', postalCode: '1060', city: 'Wien', country: 'Österreich' })],
        },
        options,
      ),
    ).toEqual(['Maria Gonçalves', 'Mariahilfer Straße 1', '1060 WIEN', 'ÖSTERREICH']);
    expect(
      addressBlock(
        {
          ...person({ familyName: 'Smith', gender: 'male' }),
          addresses: [address({ street: '1 High Street', postalCode: 'OX1 1AA', city: 'Oxford', country: 'UK' })],
        },
        { language: 'en', homeCountry: 'DE' },
      ),
    ).toEqual(['Mr Smith', '1 High Street', 'OX1 1AA OXFORD', 'VEREINIGTES KÖNIGREICH']);
    // A country the table does not know is printed as written.
    expect(addressBlock({ ...person({ familyName: 'Nowak' }), addresses: [address({ country: 'Island' })] }, options)!.slice(-2)).toEqual([
      '34117 KASSEL',
      'ISLAND',
    ]);
    // From a Swiss business, a German address is foreign.
    expect(
      addressBlock(
        { ...person({ familyName: 'Berg' }), addresses: [address({ country: 'DE' })] },
        { language: 'de', homeCountry: 'CH' },
      )!.at(-1),
    ).toBe('DEUTSCHLAND');
  });

  it('never has more than six lines and no blank ones', () => {
    const lines = addressBlock(
      {
        ...person({
          givenName: 'Maria',
          familyName: 'Gonçalves',
          title: 'Dr.',
          gender: 'female',
          organization: 'Gonçalves Immobilien GmbH & Co. KG',
        }),
        department: 'Hausverwaltung',
        addresses: [address({ street: 'Rua Augusta 10', postalCode: '1100-053', city: 'Lisboa', country: 'Portugal' })],
      },
      options,
    )!;
    expect(lines.length).toBeLessThanOrEqual(MAX_ADDRESS_LINES);
    expect(lines).toEqual([
      'Gonçalves Immobilien GmbH & Co. KG',
      'Hausverwaltung',
      'Frau Dr. Maria Gonçalves',
      'Rua Augusta 10',
      '1100-053 LISBOA',
      'PORTUGAL',
    ]);
    expect(lines.every((line) => line.trim().length > 0)).toBe(true);
  });

  it('wraps a long line within the six lines and shortens given names first, instead of cutting anything off', () => {
    const lines = addressBlock(
      {
        ...person({
          givenName: 'Maria-Magdalena Theresia',
          familyName: 'Gonçalves-Oberländer',
          gender: 'female',
          organization: 'Gonçalves Immobilienverwaltung & Hausmeisterservice GmbH & Co. KG',
        }),
        addresses: [address({ street: 'Wilhelmshöher Allee 262', postalCode: '34119', city: 'Kassel' })],
      },
      options,
    )!;
    expect(lines).toEqual([
      'Gonçalves Immobilienverwaltung &',
      'Hausmeisterservice GmbH & Co. KG',
      'Frau M.-M. T. Gonçalves-Oberländer',
      'Wilhelmshöher Allee 262',
      '34119 Kassel',
    ]);
    expect(lines.every((line) => line.length <= LINE_FITS && !line.includes('…'))).toBe(true);
    // A short name stays whole.
    expect(
      addressBlock({ ...person({ givenName: 'Anna', familyName: 'Berg', gender: 'female' }), addresses: [address({})] }, options)![0],
    ).toBe('Frau Anna Berg');
  });

  it('has nothing to print without a street and town', () => {
    expect(addressBlock({ ...person({ familyName: 'Lang' }), addresses: [] }, options)).toBeNull();
    expect(addressBlock({ ...person({ familyName: 'Lang' }), addresses: [address({ street: '', city: 'Kassel' })] }, options)).toBeNull();
  });

  it('names with HTML characters stay text', () => {
    const [first] = addressBlock(
      { ...person({ displayName: 'Müller & <Söhne>', organization: 'Müller & <Söhne>', isCompany: true }), addresses: [address({})] },
      options,
    )!;
    expect(escapeHtml(first!)).toBe('Müller &amp; &lt;Söhne&gt;');
  });
});
