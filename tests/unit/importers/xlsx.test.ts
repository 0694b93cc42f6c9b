import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MAX_COLUMNS, MAX_SHEET_CELLS, MAX_VALUE_CHARS } from '../../../electron/importers/limits';
import { readImportFile } from '../../../electron/importers/read';
import { bufferSource, fileSource, type ByteSource } from '../../../electron/importers/source';
import type { ImportIssue } from '../../../electron/importers/types';
import { readFirstSheet, type SheetRow } from '../../../electron/importers/xlsx';
import { openZip, ZipRefusal } from '../../../electron/importers/zip';
import { translate } from '../../../shared/i18n';
import { byName, fixturePath, readFixture } from '../../helpers/fixtures';
import { sheetXml, SHEET_NS, textCell, unclosedRowsXlsx, workbook } from '../../hostile/zip-files';

/** Every row of the first sheet, and the batches they came in. */
async function sheetOf(source: ByteSource, issues: ImportIssue[] = []): Promise<{ rows: SheetRow[]; batches: number }> {
  const zip = await openZip(source);
  try {
    const rows: SheetRow[] = [];
    let batches = 0;
    for await (const batch of readFirstSheet(zip, issues)) {
      rows.push(...batch);
      batches += 1;
    }
    return { rows, batches };
  } finally {
    zip.close();
  }
}

const rowsOf = async (bytes: Uint8Array) => (await sheetOf(bufferSource('Liste.xlsx', bytes))).rows;

/** The refusal reading the sheet ends in. */
async function refusalOf(bytes: Uint8Array): Promise<ZipRefusal> {
  try {
    await rowsOf(bytes);
  } catch (error) {
    if (error instanceof ZipRefusal) return error;
    throw error;
  }
  throw new Error('the sheet was read without a refusal');
}

const readXlsx = (name: string, bytes: Uint8Array) => readImportFile(bufferSource(name, bytes), { region: 'DE' });
const messages = (reading: Awaited<ReturnType<typeof readXlsx>>) =>
  reading.issues.map((issue) => translate('de', `import.issues.${issue.key}`, { file: reading.name, ...issue.vars }));

// kundenliste.xlsx was saved by LibreOffice Calc from a typed list, as an office would: the mobile
// number became a number (its leading 0 gone) and the birthday a date. A German mobile number is the
// one number without its 0 that needs no guess (see strippedMobile in shared/phone.ts).
describe('Excel reader', () => {
  it('reads the first sheet: shared strings, numbers, dates as serials', async () => {
    const { rows } = await sheetOf(await fileSource(fixturePath('kundenliste.xlsx')));
    expect(rows[0]!.cells).toEqual(['Anrede', 'Vorname', 'Nachname', 'Firma', 'Handy', 'Telefon', 'E-Mail', 'Geburtstag', 'Kundennummer']);
    expect(rows[1]).toEqual({
      line: 2,
      cells: [
        'Herr',
        'Björn',
        'Krüger',
        'Krüger & Söhne Elektro KG',
        '1711234567',
        '0561 / 44 55 66',
        'bjoern@krueger-elektro.de',
        '26483',
        '10045',
      ],
    });
  });

  it('turns rows into contacts with the same header recognition as CSV', async () => {
    const reading = await readFixture('kundenliste.xlsx');
    expect(reading).toMatchObject({ format: 'xlsx', rejected: false });
    expect(reading.table?.unknown).toEqual([]);
    const bjorn = byName(reading.candidates, 'Björn Krüger');
    expect(bjorn).toMatchObject({
      gender: 'male',
      organization: 'Krüger & Söhne Elektro KG',
      birthday: '1972-07-03',
      customerNumber: '10045',
    });
    expect(bjorn.phones.map((p) => [p.raw, p.e164, p.kind])).toEqual([
      ['1711234567', '+491711234567', 'mobile'],
      ['0561 / 44 55 66', '+49561445566', 'landline'],
    ]);
    expect(reading.issues).toEqual([]);
    expect(byName(reading.candidates, 'Zeynep Öztürk')).toMatchObject({ gender: 'female', birthday: '1990-11-15' });
  });

  it('reads shared strings with rich text but without phonetic runs, inline strings, booleans, formulas and numbers', async () => {
    const shared = `<sst xmlns="${SHEET_NS}"><si><t>Vorname</t></si><si><r><rPr><b/></rPr><t>Ma</t></r><r><t xml:space="preserve">x &amp; Co</t></r><rPh sb="0" eb="1"><t>マックス</t></rPh></si><si><t/></si></sst>`;
    const sheet = sheetXml(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' +
        `<row r="2">${textCell('A2', 'Jürgen &lt;J&gt; &#x1F600;')}<c r="B2" t="b"><v>1</v></c><c r="C2" t="b"><v>0</v></c>` +
        '<c r="D2"><v>1.70123456E+9</v></c><c r="E2"><v>42.5</v></c><c r="F2" t="str"><f>A1&amp;"!"</f><v>Vorname!</v></c><c r="G2" t="s"><v>2</v></c>' +
        `<c r="H2" t="inlineStr"><is><r><t>Ki</t></r><r><t>m</t></r><rPh><t>キム</t></rPh></is></c></row>`,
    );
    const rows = await rowsOf(workbook(sheet, { 'xl/sharedStrings.xml': shared }));
    expect(rows).toEqual([
      { line: 1, cells: ['Vorname', 'Max & Co'] },
      { line: 2, cells: ['Jürgen <J> 😀', 'WAHR', 'FALSCH', '1701234560', '42.5', 'Vorname!', '', 'Kim'] },
    ]);
  });

  it('places cells by their reference and numbers rows by r=, also with a namespace prefix', async () => {
    const sheet =
      `<x:worksheet xmlns:x="${SHEET_NS}"><x:sheetData>` +
      `<x:row r="3"><x:c r="C3" t="inlineStr"><x:is><x:t>drei</x:t></x:is></x:c><x:c r="A3" t="inlineStr"><x:is><x:t>eins</x:t></x:is></x:c></x:row>` +
      '<x:row r="7"/><x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>b</x:t></x:is></x:c></x:row>' +
      '</x:sheetData></x:worksheet>';
    expect(await rowsOf(workbook(sheet))).toEqual([
      { line: 3, cells: ['eins', '', 'drei'] },
      { line: 7, cells: [] },
      { line: 8, cells: ['a', 'b'] },
    ]);
  });

  it('finds the first sheet through the workbook relations, wherever it lies', async () => {
    const bytes = zipSync({
      'xl/workbook.xml': strToU8(
        `<workbook xmlns="${SHEET_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Kunden" sheetId="2" r:id="rId7"/><sheet name="Alt" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
      'xl/_rels/workbook.xml.rels': strToU8(
        '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId7" Target="/xl/worksheets/kunden.xml"/></Relationships>',
      ),
      'xl/worksheets/sheet1.xml': strToU8(sheetXml(`<row r="1">${textCell('A1', 'alt')}</row>`)),
      'xl/worksheets/kunden.xml': strToU8(sheetXml(`<row r="1">${textCell('A1', 'Kunden')}</row>`)),
    });
    expect(await rowsOf(bytes)).toEqual([{ line: 1, cells: ['Kunden'] }]);
  });

  it('hands rows out in batches as the sheet inflates', async () => {
    const rows = Array.from(
      { length: 20_000 },
      (_, i) => `<row r="${i + 1}">${textCell(`A${i + 1}`, `Name ${i}`)}${textCell(`B${i + 1}`, `0171 ${i}`)}</row>`,
    ).join('');
    const { rows: read, batches } = await sheetOf(bufferSource('Liste.xlsx', workbook(sheetXml(rows))));
    expect(read).toHaveLength(20_000);
    expect(read[19_999]).toEqual({ line: 20_000, cells: ['Name 19999', '0171 19999'] });
    expect(batches).toBeGreaterThan(10);
  });
});

describe('Excel limits', () => {
  it('refuses a cell reference beyond MAX_COLUMNS (ZZZZZZ1) by name and line, before making any cell', async () => {
    const bytes = workbook(sheetXml(`<row r="1">${textCell('ZZZZZZ1', 'Max')}</row>`));
    expect(bytes.length).toBeLessThan(2_000);
    const heapBefore = process.memoryUsage().heapUsed;
    const reading = await readXlsx('Spalte ZZZZZZ.xlsx', bytes);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 1024 * 1024);
    expect(reading).toMatchObject({ rejected: true, format: 'xlsx' });
    expect(reading.issues).toEqual([{ line: 1, key: 'tooManyColumns', vars: { line: 1, columns: 321_272_406, limit: MAX_COLUMNS } }]);
    expect(messages(reading)).toEqual([
      '„Spalte ZZZZZZ.xlsx“, Zeile 1: 321.272.406 Spalten sind zu viele (höchstens 1000). Die Datei ist vermutlich keine Kontaktliste und wird nicht importiert.',
    ]);
    expect([...reading.candidates.values()]).toEqual([]);
  });

  it('takes the last column that is allowed (ALL, the 1,000th) and refuses the next (ALM)', async () => {
    const allowed = await rowsOf(workbook(sheetXml(`<row r="1">${textCell('ALL1', 'x')}</row>`)));
    expect(allowed[0]!.cells).toHaveLength(MAX_COLUMNS);
    expect(allowed[0]!.cells[MAX_COLUMNS - 1]).toBe('x');
    const refused = await refusalOf(workbook(sheetXml(`<row r="4">${textCell('ALM4', 'x')}</row>`)));
    expect(refused).toMatchObject({ key: 'tooManyColumns', line: 4, vars: { columns: MAX_COLUMNS + 1 } });
  });

  it('refuses a sheet of more than MAX_SHEET_CELLS cells (empty cells that fill up to a far one count too)', async () => {
    const rowsNeeded = Math.floor(MAX_SHEET_CELLS / MAX_COLUMNS) + 1;
    const rows = Array.from({ length: rowsNeeded }, (_, i) => `<row r="${i + 1}"><c r="ALL${i + 1}"/></row>`).join('');
    const reading = await readXlsx('Zellen.xlsx', workbook(sheetXml(rows)));
    expect(reading).toMatchObject({ rejected: true });
    expect(reading.issues).toEqual([{ line: rowsNeeded, key: 'tooManyCells', vars: { limit: MAX_SHEET_CELLS / 1_000_000 } }]);
    expect(messages(reading)).toEqual([
      '„Zellen.xlsx“ hat mehr als 10 Millionen Zellen – so groß ist keine Kontaktliste. Die Datei wird nicht importiert.',
    ]);
  });

  it('cuts a value longer than MAX_VALUE_CHARS while reading it, and reports it once per row', async () => {
    const long = 'ä'.repeat(MAX_VALUE_CHARS + 40_000);
    const shared = `<sst xmlns="${SHEET_NS}"><si><t>${'b'.repeat(MAX_VALUE_CHARS + 1)}</t></si></sst>`;
    const sheet = sheetXml(
      `<row r="1">${textCell('A1', 'Vorname')}${textCell('B1', 'Notiz')}</row>` +
        `<row r="2">${textCell('A2', 'Max')}${textCell('B2', long)}<c r="C2" t="s"><v>0</v></c></row>` +
        `<row r="3">${textCell('A3', 'Eva')}<c r="B3" t="s"><v>0</v></c></row>` +
        `<row r="4">${textCell('A4', 'Ida')}${textCell('B4', 'kurz')}</row>`,
    );
    const issues: ImportIssue[] = [];
    const { rows } = await sheetOf(bufferSource('Notizen.xlsx', workbook(sheet, { 'xl/sharedStrings.xml': shared })), issues);
    expect(rows[1]!.cells.map((cell) => cell.length)).toEqual([3, MAX_VALUE_CHARS, MAX_VALUE_CHARS]);
    expect(rows[1]!.cells[1]).toBe('ä'.repeat(MAX_VALUE_CHARS));
    expect(rows[2]!.cells[1]).toBe('b'.repeat(MAX_VALUE_CHARS));
    expect(issues).toEqual([
      { line: 2, key: 'valueTooLong', vars: { line: 2, limit: MAX_VALUE_CHARS } },
      { line: 3, key: 'valueTooLong', vars: { line: 3, limit: MAX_VALUE_CHARS } },
    ]);
    const reading = await readXlsx('Notizen.xlsx', workbook(sheet, { 'xl/sharedStrings.xml': shared }));
    expect(reading.rejected).toBe(false);
    expect(messages(reading)).toContain(
      '„Notizen.xlsx“, Zeile 2: Ein Wert ist länger als 10.000 Zeichen und wurde danach abgeschnitten. Bitte prüfen Sie diesen Kontakt.',
    );
  });

  it('refuses 160,000 unclosed <row> tags at once, in time that does not grow with their number', async () => {
    const timeOf = async (count: number) => {
      const bytes = unclosedRowsXlsx(count);
      const times: number[] = [];
      for (let run = 0; run < 3; run += 1) {
        const started = performance.now();
        const reading = await readXlsx('Offene Zeilen.xlsx', bytes);
        times.push(performance.now() - started);
        expect(reading).toMatchObject({ rejected: true, issues: [{ key: 'brokenWorkbook', line: null }] });
        expect(messages(reading)[0]).toMatch(/^„Offene Zeilen.xlsx“ ist eine beschädigte Excel-Datei/);
      }
      return times.sort((a, b) => a - b)[1]!;
    };
    expect(unclosedRowsXlsx(160_000).length).toBeLessThan(4_000);
    await timeOf(1_000); // warm up
    const small = await timeOf(40_000);
    const large = await timeOf(160_000);
    expect(large, `${small.toFixed(1)} ms for 40,000 rows, ${large.toFixed(1)} ms for 160,000`).toBeLessThan(6 * small + 20);
  });

  it('reads a well-formed sheet in time linear in its rows (n vs 4n)', async () => {
    const bytesOf = (count: number) =>
      workbook(
        sheetXml(
          Array.from(
            { length: count },
            (_, i) => `<row r="${i + 1}">${textCell(`A${i + 1}`, `Name ${i}`)}<c r="B${i + 1}"><v>${i}</v></c></row>`,
          ).join(''),
        ),
      );
    const timeOf = async (bytes: Uint8Array) => {
      const times: number[] = [];
      for (let run = 0; run < 3; run += 1) {
        const started = performance.now();
        expect((await rowsOf(bytes)).length).toBeGreaterThan(0);
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b)[1]!;
    };
    const small = bytesOf(10_000);
    const large = bytesOf(40_000);
    await timeOf(small); // warm up
    const smallTime = await timeOf(small);
    const largeTime = await timeOf(large);
    expect(largeTime, `${smallTime.toFixed(0)} ms for 10,000 rows, ${largeTime.toFixed(0)} ms for 40,000`).toBeLessThan(6 * smallTime);
  });

  it('refuses XML that is not well-formed, and entities it declares itself ("billion laughs"), as a broken workbook', async () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "hahahahahahahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>' +
      `<worksheet xmlns="${SHEET_NS}"><sheetData><row r="1">${textCell('A1', '&c;')}</row></sheetData></worksheet>`;
    for (const sheet of [laughs, sheetXml('<row r="1"><c r="A1"><v>1</c></row>'), sheetXml('<row r="1">')]) {
      const reading = await readXlsx('Kaputt.xlsx', workbook(sheet));
      expect(reading).toMatchObject({ rejected: true, format: 'xlsx', issues: [{ key: 'brokenWorkbook' }] });
    }
  });

  it('refuses a workbook without its sheet as a broken workbook, not with a library message', async () => {
    const bytes = zipSync({ 'xl/workbook.xml': strToU8(`<workbook xmlns="${SHEET_NS}"><sheets/></workbook>`) });
    const reading = await readXlsx('Leer.xlsx', bytes);
    expect(reading).toMatchObject({ rejected: true, issues: [{ key: 'brokenWorkbook' }] });
    expect(messages(reading)).toEqual([
      '„Leer.xlsx“ ist eine beschädigte Excel-Datei und kann nicht gelesen werden. Bitte öffnen Sie sie in Excel, speichern Sie sie erneut als .xlsx und importieren Sie sie noch einmal.',
    ]);
  });
});
