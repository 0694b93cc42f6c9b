import { type ExportCell, type ExportColumn, germanDate } from './contact-rows';

/**
 * The contact list as CSV the way German Excel opens it with a double click: `;` between cells,
 * CRLF between rows, UTF-8 with a byte order mark (without it Excel reads "MÃ¼ller"), dates as
 * TT.MM.JJJJ.
 *
 * Ours, not a library: writing CSV is quoting one cell at a time (the rules below); a library would
 * add a dependency for these few lines, and the formula guard would still be ours. The app's own
 * importer (electron/importers/csv.ts) reads the file back, which the tests do.
 */

/**
 * A cell Excel (or LibreOffice, Google Sheets) would run as a formula: it starts with = + - @, a TAB
 * or a CR (OWASP, "CSV Injection"). Such a cell gets a leading apostrophe, so the program shows it as
 * text and runs nothing: "'=HYPERLINK(…)", "'+49 171 1234567". The app's importer takes the
 * apostrophe off again before these characters (importers/columns.ts), so a number or name
 * exported and imported again is the same.
 */
const formulaStart = /^[=+\-@\t\r]/;

/** A cell that must be quoted: it holds the delimiter, a quote, a line break, or spaces at its ends (which Excel would keep, other readers drop). */
const needsQuotes = /[;"\r\n]|^\s|\s$/;

export function csvCell(value: string): string {
  const guarded = formulaStart.test(value) ? `'${value}` : value;
  return needsQuotes.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

const cellText = (cell: ExportCell): string => (cell === null ? '' : typeof cell === 'string' ? csvCell(cell) : germanDate(cell.date));

/** Writes the CSV row by row into `parts` (joined once at the end): 50,000 rows stay one string. */
export class ContactsCsvWriter {
  private readonly parts: string[] = ['\ufeff'];

  constructor(columns: readonly ExportColumn[]) {
    this.parts.push(`${columns.map((column) => csvCell(column.header)).join(';')}\r\n`);
  }

  addRow(cells: readonly ExportCell[]): void {
    this.parts.push(`${cells.map(cellText).join(';')}\r\n`);
  }

  finish(): Buffer {
    return Buffer.from(this.parts.join(''), 'utf8');
  }
}
