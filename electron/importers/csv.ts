/**
 * CSV as Outlook, Google, Thunderbird and Excel write it: comma, semicolon or TAB; quoted cells with
 * "" escapes and line breaks (also a bare CR); any line ending. Streams: rows come out while the
 * file is still being read.
 */

export const delimiters = [',', ';', '\t'] as const;
export type Delimiter = (typeof delimiters)[number];

/** The delimiter of a file, from its first record: the candidate that occurs most outside quotes. */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<string, number>(delimiters.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  // On a tie the semicolon wins: German Excel writes it, and names contain commas.
  return [';', '\t', ','].reduce((best, d) => (counts.get(d)! > counts.get(best)! ? d : best), ';' as string) as Delimiter;
}

export interface CsvRow {
  cells: string[];
  /** Line where the record starts (1-based). */
  line: number;
}

export interface CsvResult {
  /** Set when the file ends inside a quoted cell: the line where that cell began. */
  unterminatedQuoteLine: number | null;
}

/** Rows of a CSV text stream. Empty lines are skipped; an Excel "sep=;" line sets the delimiter. */
export async function* parseCsv(texts: AsyncIterable<string>, initialDelimiter: Delimiter, result: CsvResult = { unterminatedQuoteLine: null }): AsyncIterable<CsvRow> {
  let delimiter: string = initialDelimiter;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  let pendingCr = false;
  let first = true;

  const endRecord = (): CsvRow | null => {
    cells.push(cell);
    const row = { cells, line: recordLine };
    cells = [];
    cell = '';
    afterQuote = false;
    if (first) {
      first = false;
      const hint = /^sep=(.)$/i.exec(row.cells.join(delimiter).trim());
      if (hint) {
        delimiter = hint[1]!;
        return null;
      }
    }
    return row.cells.length === 1 && row.cells[0]!.trim() === '' ? null : row;
  };

  for await (const text of texts) {
    for (let i = 0; i < text.length; i += 1) {
      const c = text[i]!;
      if (pendingCr) {
        pendingCr = false;
        if (c === '\n') continue; // the LF of CR LF
      }
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 1;
          } else {
            // A close, or the first half of "" split between two chunks: the next character decides.
            quoted = false;
            afterQuote = true;
          }
        } else {
          if (c === '\n') line += 1;
          else if (c === '\r' && text[i + 1] !== '\n') line += 1;
          cell += c;
        }
        continue;
      }
      if (c === '"') {
        if (afterQuote) {
          // "" split across two chunks, or a stray quote right after a closing one.
          cell += '"';
          quoted = true;
          afterQuote = false;
        } else if (cell.trim() === '') {
          cell = '';
          quoted = true;
          quoteLine = line;
        } else cell += c;
      } else if (c === delimiter) {
        cells.push(cell);
        cell = '';
        afterQuote = false;
      } else if (c === '\n' || c === '\r') {
        const row = endRecord();
        if (row) yield row;
        line += 1;
        recordLine = line;
        if (c === '\r') pendingCr = true;
      } else {
        cell += c;
      }
    }
  }
  if (quoted) result.unterminatedQuoteLine = quoteLine;
  if (cell !== '' || cells.length > 0) {
    const row = endRecord();
    if (row) yield row;
  }
}
