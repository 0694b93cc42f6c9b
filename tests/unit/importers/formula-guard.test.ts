import { describe, expect, it } from 'vitest';
import { recogniseHeaders, rowReader, sideColumns } from '../../../electron/importers/columns';
import { normalizeBirthday } from '../../../electron/importers/dates';

const read = (headers: string[], cells: string[]) => {
  const { mapping } = recogniseHeaders(headers);
  return rowReader(mapping, sideColumns(headers))(cells, 2);
};

describe('the importer and the apostrophe of a formula guard (OWASP), as exports write it', () => {
  it('is taken off before = + - @ TAB CR: the number, the name, the note are what was exported', () => {
    const contact = read(
      ['Vorname', 'Nachname', 'Handy', 'Firma', 'Notiz', 'Kundennummer'],
      ['\'=HYPERLINK("x")', "'-Müller", "'+49 170 1234567", "'@Holz", "'\t=1+1", "'+1"],
    );
    expect(contact).toMatchObject({
      givenName: '=HYPERLINK("x")',
      familyName: '-Müller',
      organization: '@Holz',
      note: '=1+1',
      customerNumber: '+1',
    });
    expect(contact.phones).toEqual([{ raw: '+49 170 1234567', label: 'mobile' }]);
  });

  it('stays where it is part of the text: before anything else, or not at the start', () => {
    const contact = read(['Nachname', 'Firma', 'Notiz'], ["'O'Brien", "Bau 'n' Holz", "''=1"]);
    expect(contact).toMatchObject({ familyName: "'O'Brien", organization: "Bau 'n' Holz", note: "''=1" });
  });
});

describe('a birthday without a year', () => {
  it('"22.03." as the export writes it reads as --03-22; a full date as before', () => {
    expect(normalizeBirthday('22.03.')).toBe('--03-22');
    expect(normalizeBirthday('1.2.')).toBe('--02-01');
    expect(normalizeBirthday('31.13.')).toBeNull();
    expect(normalizeBirthday('22.03.1980')).toBe('1980-03-22');
  });
});
