import sax from 'sax';
import { MAX_COLUMNS, MAX_SHEET_CELLS, MAX_VALUE_CHARS } from './limits';
import type { ImportIssue } from './types';
import { ZipRefusal, type ZipArchive, type ZipEntry } from './zip';

/**
 * The first worksheet of an Excel workbook (.xlsx) as rows of text, the way an office manager sees
 * it: shared and inline strings, numbers as Excel shows them without a number format.
 *
 * The XML streams from the inflating entry through a SAX parser, so time is linear in the sheet and
 * memory holds the shared strings and one batch of rows. The parser is sax, not saxes (the other
 * candidate): on a sheet of 100,000 rows × 9 cells (45 MB of XML) sax took 1.1–1.2 s and saxes
 * 1.7–2.6 s, and sax bounds its own buffers (text comes out in pieces of at most 64 KB, a longer
 * name or attribute is an error) where saxes gathers a whole text node, comment or attribute in one
 * string – a 200 MB <t> would be one 200 MB string before any limit here could look at it.
 * sax expands no entities a document declares, so no "billion laughs" either.
 */

export interface SheetRow {
  cells: string[];
  line: number;
}

export const isWorkbook = (entries: ZipEntry[]) => entries.some((entry) => entry.name.toLowerCase() === 'xl/workbook.xml');

/** Excel writes 7 levels (worksheet, sheetData, row, c, is, r, t); a deeper sheet is no sheet. */
const MAX_XML_DEPTH = 64;

const brokenWorkbook = (cause?: unknown) => new ZipRefusal('brokenWorkbook', {}, null, { cause });

interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

/**
 * Feeds an entry's bytes through a strict SAX parser, yielding after each chunk (so the caller can
 * hand out what the chunk completed). Names come without their namespace prefix. XML that is not
 * well-formed or nests deeper than MAX_XML_DEPTH refuses the workbook as 'brokenWorkbook'.
 */
async function* parseXml(chunks: AsyncIterable<Uint8Array>, handlers: XmlHandlers): AsyncGenerator<void> {
  const parser = sax.parser(true, { position: false });
  const local = (name: string) => name.slice(name.indexOf(':') + 1);
  let depth = 0;
  parser.onopentag = (tag) => {
    depth += 1;
    if (depth > MAX_XML_DEPTH) throw brokenWorkbook();
    handlers.open?.(local(tag.name), tag.attributes as Record<string, string>);
  };
  parser.onclosetag = (name) => {
    depth -= 1;
    handlers.close?.(local(name));
  };
  if (handlers.text) parser.ontext = parser.oncdata = handlers.text;
  parser.onerror = (error) => {
    throw brokenWorkbook(error);
  };
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    parser.write(decoder.decode(chunk, { stream: true }));
    yield;
  }
  parser.write(decoder.decode()).close();
}

/** Text of one value, cut at MAX_VALUE_CHARS while it is read (so a 200 MB cell never sits in memory). */
class ValueText {
  value = '';
  cut = false;

  append(text: string): void {
    const room = MAX_VALUE_CHARS - this.value.length;
    if (text.length <= room) {
      this.value += text;
      return;
    }
    this.cut = true;
    // Never end on half a surrogate pair.
    const end = room > 0 && /[\ud800-\udbff]/.test(text[room - 1]!) ? room - 1 : room;
    this.value += text.slice(0, end);
  }
}

function findEntry(zip: ZipArchive, name: string): ZipEntry | undefined {
  const wanted = name.toLowerCase();
  return zip.entries.find((entry) => entry.name.toLowerCase() === wanted);
}

/** The attribute `name` with any namespace prefix (r:id, x:id …). */
const prefixed = (attributes: Record<string, string>, name: string) =>
  Object.entries(attributes).find(([key]) => key === name || key.endsWith(`:${name}`))?.[1];

/** Where the first sheet is: workbook.xml names its relation id, workbook.xml.rels the file. */
async function firstSheetPath(zip: ZipArchive): Promise<string> {
  const workbook = findEntry(zip, 'xl/workbook.xml');
  if (!workbook) throw brokenWorkbook();
  let sheetId: string | undefined;
  for await (const _ of parseXml(zip.chunks(workbook), {
    open: (name, attributes) => {
      if (name === 'sheet' && sheetId === undefined) sheetId = prefixed(attributes, 'id') ?? '';
    },
  })) {
    if (sheetId !== undefined) break;
  }
  const relations = findEntry(zip, 'xl/_rels/workbook.xml.rels');
  let target: string | undefined;
  if (sheetId && relations) {
    for await (const _ of parseXml(zip.chunks(relations), {
      open: (name, attributes) => {
        if (name === 'Relationship' && attributes.Id === sheetId) target = attributes.Target;
      },
    })) {
      if (target !== undefined) break;
    }
  }
  return target ? (target.startsWith('/') ? target.slice(1) : `xl/${target}`) : 'xl/worksheets/sheet1.xml';
}

interface SharedStrings {
  strings: string[];
  /** Indexes of strings cut at MAX_VALUE_CHARS. */
  cut: Set<number>;
}

/** All text runs of each string item (<t>, also inside rich-text <r>), without phonetic <rPh>. */
async function readSharedStrings(zip: ZipArchive): Promise<SharedStrings> {
  const shared: SharedStrings = { strings: [], cut: new Set() };
  const entry = findEntry(zip, 'xl/sharedStrings.xml');
  if (!entry) return shared;
  let item: ValueText | null = null;
  let inText = false;
  let phonetic = 0;
  for await (const _ of parseXml(zip.chunks(entry), {
    open: (name) => {
      if (name === 'si') item = new ValueText();
      else if (name === 't') inText = item !== null && phonetic === 0;
      else if (name === 'rPh') phonetic += 1;
    },
    close: (name) => {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic -= 1;
      else if (name === 'si' && item) {
        if (item.cut) shared.cut.add(shared.strings.length);
        shared.strings.push(item.value);
        item = null;
        // More distinct strings than a sheet may have cells cannot all be used.
        if (shared.strings.length > MAX_SHEET_CELLS) throw new ZipRefusal('tooManyCells', { limit: MAX_SHEET_CELLS / 1_000_000 });
      }
    },
    text: (text) => {
      if (inText) item!.append(text);
    },
  })) {
    // The handlers above do the work; nothing to hand out between chunks.
  }
  return shared;
}

/** 0 for A, 25 for Z, 26 for AA …; Infinity past what a number holds. */
function columnIndex(letters: string): number {
  let index = 0;
  for (const letter of letters.toUpperCase()) index = index * 26 + (letter.charCodeAt(0) - 64);
  return index - 1;
}

/** 1.70123456E+9 (a phone number stored as a number) → "1701234560". */
function numberText(value: string): string {
  if (!/e/i.test(value)) return value;
  const number = Number(value);
  return Number.isFinite(number) && Number.isInteger(number) ? BigInt(number).toString() : value;
}

/**
 * Rows of the first sheet, each with the sheet's row number, in batches as the sheet inflates.
 * A value longer than MAX_VALUE_CHARS is cut and reported in `issues` once per row. Refused with a
 * ZipRefusal: a cell beyond MAX_COLUMNS ('tooManyColumns', before any cell is made), more than
 * MAX_SHEET_CELLS cells ('tooManyCells'), XML that is not a sheet ('brokenWorkbook'), and what
 * openZip's chunks refuse.
 */
export async function* readFirstSheet(zip: ZipArchive, issues: ImportIssue[] = []): AsyncIterable<SheetRow[]> {
  const sheet = findEntry(zip, await firstSheetPath(zip));
  if (!sheet) throw brokenWorkbook();
  const shared = await readSharedStrings(zip);

  let batch: SheetRow[] = [];
  let row: (SheetRow & { cutReported: boolean }) | null = null;
  let cell: { index: number; type: string | undefined; raw: ValueText | null; inline: ValueText | null } | null = null;
  /** Where text goes now: a <v>, or a <t> of an inline string. */
  let capture: ValueText | null = null;
  let inInline = false;
  let phonetic = 0;
  let previousLine = 0;
  let cellCount = 0;

  const openCell = (attributes: Record<string, string>) => {
    const current = row!;
    const reference = /^([A-Za-z]+)\d+$/.exec(attributes.r ?? '')?.[1];
    const index = reference ? columnIndex(reference) : current.cells.length;
    if (index >= MAX_COLUMNS) {
      const columns = Number.isFinite(index) ? index + 1 : Number.MAX_SAFE_INTEGER;
      throw new ZipRefusal('tooManyColumns', { line: current.line, columns, limit: MAX_COLUMNS }, current.line);
    }
    cell = { index, type: attributes.t, raw: null, inline: null };
  };

  const closeCell = () => {
    const current = row!;
    const { index, type, raw, inline } = cell!;
    let value = '';
    let cut = raw?.cut ?? false;
    if (type === 's') {
      const sharedIndex = raw ? Number(raw.value) : NaN;
      value = shared.strings[sharedIndex] ?? '';
      cut = shared.cut.has(sharedIndex);
    } else if (type === 'inlineStr') {
      value = inline?.value ?? '';
      cut = inline?.cut ?? false;
    } else if (type === 'b') value = raw?.value === '1' ? 'WAHR' : 'FALSCH';
    else if (raw) value = type === 'str' || type === 'e' ? raw.value : numberText(raw.value);

    const { cells } = current;
    if (index >= cells.length) {
      cellCount += index + 1 - cells.length;
      if (cellCount > MAX_SHEET_CELLS) throw new ZipRefusal('tooManyCells', { limit: MAX_SHEET_CELLS / 1_000_000 }, current.line);
      while (cells.length < index) cells.push('');
    }
    cells[index] = value;
    if (cut && !current.cutReported) {
      current.cutReported = true;
      issues.push({ line: current.line, key: 'valueTooLong', vars: { line: current.line, limit: MAX_VALUE_CHARS } });
    }
    cell = null;
  };

  for await (const _ of parseXml(zip.chunks(sheet), {
    open: (name, attributes) => {
      if (name === 'row') {
        const line = /^\d+$/.test(attributes.r ?? '') ? Number(attributes.r) : previousLine + 1;
        row = { cells: [], line, cutReported: false };
      } else if (!row) return;
      else if (name === 'c') openCell(attributes);
      else if (!cell) return;
      else if (name === 'v') capture = cell.raw = new ValueText();
      else if (name === 'is') {
        inInline = true;
        cell.inline = new ValueText();
      } else if (name === 't' && inInline && phonetic === 0) capture = cell.inline;
      else if (name === 'rPh') phonetic += 1;
    },
    close: (name) => {
      if (name === 'v' || name === 't') capture = null;
      else if (name === 'rPh') phonetic -= 1;
      else if (name === 'is') inInline = false;
      else if (name === 'c' && cell) closeCell();
      else if (name === 'row' && row) {
        batch.push({ cells: row.cells, line: row.line });
        previousLine = row.line;
        row = null;
      }
    },
    text: (text) => capture?.append(text),
  })) {
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
