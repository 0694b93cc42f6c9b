import { describe, expect, it } from 'vitest';
import { readFirstSheet } from '../../../electron/importers/xlsx';
import { fileSource } from '../../../electron/importers/source';
import { byName, fixturePath, readFixture } from '../../helpers/fixtures';

// kundenliste.xlsx was saved by LibreOffice Calc from a typed list, as an office would: the mobile
// number became a number (its leading 0 gone) and the birthday a date. A German mobile number is the
// one number without its 0 that needs no guess (see strippedMobile in shared/phone.ts).
describe('Excel reader', () => {
  it('reads the first sheet: shared strings, numbers, dates as serials', async () => {
    const rows = await readFirstSheet(await fileSource(fixturePath('kundenliste.xlsx')));
    expect(rows[0]!.cells).toEqual(['Anrede', 'Vorname', 'Nachname', 'Firma', 'Handy', 'Telefon', 'E-Mail', 'Geburtstag', 'Kundennummer']);
    expect(rows[1]).toEqual({ line: 2, cells: ['Herr', 'Björn', 'Krüger', 'Krüger & Söhne Elektro KG', '1711234567', '0561 / 44 55 66', 'bjoern@krueger-elektro.de', '26483', '10045'] });
  });

  it('turns rows into contacts with the same header recognition as CSV', async () => {
    const reading = await readFixture('kundenliste.xlsx');
    expect(reading).toMatchObject({ format: 'xlsx', rejected: false });
    expect(reading.table?.unknown).toEqual([]);
    const bjorn = byName(reading.candidates, 'Björn Krüger');
    expect(bjorn).toMatchObject({ gender: 'male', organization: 'Krüger & Söhne Elektro KG', birthday: '1972-07-03', customerNumber: '10045' });
    expect(bjorn.phones.map((p) => [p.raw, p.e164, p.kind])).toEqual([
      ['1711234567', '+491711234567', 'mobile'],
      ['0561 / 44 55 66', '+49561445566', 'landline'],
    ]);
    expect(reading.issues).toEqual([]);
    expect(byName(reading.candidates, 'Zeynep Öztürk')).toMatchObject({ gender: 'female', birthday: '1990-11-15' });
  });
});
