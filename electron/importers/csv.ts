/**
 * CSV as Outlook, Google, Thunderbird and Excel write it: comma, semicolon or TAB; quoted cells with
 * "" escapes and line breaks (also a bare CR); any line ending. Streams: rows come out in batches
 * while the file is still being read. Cells are cut out of the text with slice(), not assembled
 * character by character, which keeps both time and memory close to reading the file.
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

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Rows of a CSV text stream, in batches (one per chunk read). Empty lines are skipped; an Excel
 * "sep=;" line sets the delimiter.
 */
export async function* parseCsv(texts: AsyncIterable<string>, initialDelimiter: Delimiter, result: CsvResult = { unterminatedQuoteLine: null }): AsyncIterable<CsvRow[]> {
  let delimiter = initialDelimiter.charCodeAt(0);
  let cells: string[] = [];
  /** The cell so far when it spans a chunk boundary or holds "" escapes; else cut from the text. */
  let carry = '';
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  let pendingCr = false;
  let first = true;

  const endRecord = (): CsvRow | null => {
    const row = { cells, line: recordLine };
    cells = [];
    afterQuote = false;
    if (first) {
      first = false;
      const hint = /^sep=(.)$/i.exec(row.cells.join(String.fromCharCode(delimiter)).trim());
      if (hint) {
        delimiter = hint[1]!.charCodeAt(0);
        return null;
      }
    }
    return row.cells.length === 1 && row.cells[0]!.trim() === '' ? null : row;
  };

  for await (const text of texts) {
    const batch: CsvRow[] = [];
    let start = 0; // where the current piece of the cell begins in this chunk
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      if (pendingCr) {
        pendingCr = false;
        if (c === LF) {
          start = i + 1;
          continue; // the LF of CR LF
        }
      }
      if (quoted) {
        if (c === QUOTE) {
          carry += text.slice(start, i);
          if (text.charCodeAt(i + 1) === QUOTE) {
            carry += '"';
            i += 1;
            start = i + 1;
          } else {
            // A close, or the first half of "" split between two chunks: the next character decides.
            quoted = false;
            afterQuote = true;
            start = i + 1;
          }
        } else if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) line += 1;
        continue;
      }
      if (c === QUOTE) {
        if (afterQuote) {
          // "" split across two chunks, or a stray quote right after a closing one.
          carry += '"';
          quoted = true;
          afterQuote = false;
          start = i + 1;
        } else if ((carry + text.slice(start, i)).trim() === '') {
          carry = '';
          quoted = true;
          quoteLine = line;
          start = i + 1;
        }
      } else if (c === delimiter) {
        cells.push(carry + text.slice(start, i));
        carry = '';
        afterQuote = false;
        start = i + 1;
      } else if (c === LF || c === CR) {
        cells.push(carry + text.slice(start, i));
        carry = '';
        const row = endRecord();
        if (row) batch.push(row);
        line += 1;
        recordLine = line;
        if (c === CR) pendingCr = true;
        start = i + 1;
      } else if (afterQuote) {
        afterQuote = false; // text after a closing quote stays part of the cell
      }
    }
    carry += text.slice(start);
    if (batch.length) yield batch;
  }
  if (quoted) result.unterminatedQuoteLine = quoteLine;
  if (carry !== '' || cells.length > 0) {
    cells.push(carry);
    const row = endRecord();
    if (row) yield [row];
  }
}
