import { createHash } from 'node:crypto';
import type { ColumnTarget, ImportFormat, LegacyEncoding } from '../../shared/model/import';
import { lacksTrunkPrefix } from '../../shared/phone';
import { headerSignature, recogniseHeaders, rowReader, sideColumns, type ParsedRow } from './columns';
import { detectDelimiter, parseCsv, type CsvResult } from './csv';
import { createDecoder, detectEncoding, guessLegacyEncoding, isValidUtf8, type FileEncoding } from './encoding';
import { MemoryCandidateStore, type CandidateStore } from './candidate-store';
import { normalizeContact, type CandidateContact, type ContactTextIssue } from './normalize';
import { decodeChunks, splitLines, type ByteSource } from './source';
import type { ImportIssue } from './types';
import { parseVcardLines } from './vcard';
import { ChatReader, looksLikeChat, partnerFromFileName, type ChatParticipant } from './whatsapp-chat';
import { encodingLabel, LineIssues } from './issues';
import { isWorkbook, readFirstSheet } from './xlsx';
import { MAX_COLUMNS, MAX_LINE_CHARS, MAX_TEXT_FILE_BYTES, MAX_VALUE_CHARS } from './limits';
import { isZip, openZip, peekHead, ZipRefusal, type ZipArchive } from './zip';

const SNIFF_BYTES = 64 * 1024;

export interface TableInfo {
  headers: string[];
  sampleRows: string[][];
  /** What the header names say, before anything remembered or chosen. */
  recognised: ColumnTarget[];
  unknown: number[];
  signature: string;
  mapping: ColumnTarget[];
  remembered: boolean;
  /** The user chose this mapping for this file. */
  confirmed: boolean;
}

export interface FileReading {
  name: string;
  format: ImportFormat | null;
  encoding: string | null;
  /** SHA-256 of the bytes read (the whole file, or the chat inside a zip). */
  hash: string;
  issues: ImportIssue[];
  rejected: boolean;
  /** The contacts read, as compact text (see CandidateStore). */
  candidates: CandidateStore;
  table: TableInfo | null;
  chat: { participants: ChatParticipant[]; partner: string | null } | null;
}

export interface ReadOptions {
  region: string;
  /** A mapping the user confirmed for this file (CSV, Excel). */
  mapping?: ColumnTarget[];
  /** A mapping stored for this set of headers by an earlier import. */
  rememberedMapping?: (signature: string) => ColumnTarget[] | null;
  onProgress?: (bytesRead: number) => void;
  /** The user's encoding for text that is not UTF-8 and names no charset (instead of the guess). */
  legacyEncoding?: LegacyEncoding;
  /** Where the contacts go (a new store when not given). */
  store?: CandidateStore;
  /** Called with each contact as it is read (the planner), besides storing it. */
  onCandidate?: (candidate: CandidateContact, index: number) => void;
}

const isLegacy = (encoding: string) => encoding !== 'utf-8' && !encoding.startsWith('utf-16');

const reject = (
  reading: FileReading,
  key: string,
  vars: Record<string, string | number> = {},
  line: number | null = null,
): FileReading => ({
  ...reading,
  rejected: true,
  candidates: new MemoryCandidateStore(),
  chat: null,
  issues: [...reading.issues, { line, key, vars }],
});

/** Feeds every chunk into a SHA-256 on its way through. */
async function* hashing(chunks: AsyncIterable<Uint8Array>, hash: ReturnType<typeof createHash>): AsyncIterable<Uint8Array> {
  for await (const chunk of chunks) {
    hash.update(chunk);
    yield chunk;
  }
}

async function* asBinaryText(chunks: AsyncIterable<Uint8Array>, skip: number): AsyncIterable<string> {
  let first = true;
  for await (const chunk of chunks) {
    yield Buffer.from(first ? chunk.subarray(skip) : chunk).toString('latin1');
    first = false;
  }
}

async function* utf8AsBinary(texts: AsyncIterable<string>): AsyncIterable<string> {
  for await (const text of texts) yield Buffer.from(text, 'utf8').toString('latin1');
}

function looksBinary(text: string): boolean {
  let control = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 0) return true;
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) control += 1;
  }
  return control > text.length / 100;
}

const signatures: [RegExp, string][] = [
  [/^%PDF/, 'pdf'],
  [/^\x89PNG|^\xff\xd8\xff|^GIF8/, 'image'],
  [/^\xd0\xcf\x11\xe0/, 'oldExcel'],
];

/** Numbers named one by one in a file's issues; the rest are counted in one more issue. */
const LISTED_NUMBERS = 20;

/**
 * The numbers of a file written without the region's leading 0 (see lacksTrunkPrefix): flagged in
 * the preview like any invalid number, and named with their line so the office can complete them.
 */
class NumbersWithoutTrunkPrefix {
  private readonly listed: ImportIssue[] = [];
  private unlisted = 0;

  constructor(private readonly region: string) {}

  note(candidate: CandidateContact): void {
    for (const phone of candidate.phones) {
      if (phone.e164 !== null || !lacksTrunkPrefix(phone.raw, this.region)) continue;
      if (this.listed.length < LISTED_NUMBERS)
        this.listed.push({ line: candidate.line, key: 'numberWithoutTrunkPrefix', vars: { line: candidate.line ?? 0, number: phone.raw } });
      else this.unlisted += 1;
    }
  }

  issues(): ImportIssue[] {
    return this.unlisted > 0
      ? [...this.listed, { line: null, key: 'moreNumbersWithoutTrunkPrefix', vars: { count: this.unlisted } }]
      : this.listed;
  }
}

/** Reads one file to import: finds its format and encoding, and turns its contents into candidates. */
export async function readImportFile(source: ByteSource, options: ReadOptions): Promise<FileReading> {
  const numbers = new NumbersWithoutTrunkPrefix(options.region);
  const reading = await readContents(source, {
    ...options,
    onCandidate: (candidate, index) => {
      numbers.note(candidate);
      options.onCandidate?.(candidate, index);
    },
  });
  if (!reading.rejected) reading.issues.push(...numbers.issues());
  return reading;
}

async function readContents(source: ByteSource, options: ReadOptions): Promise<FileReading> {
  let reading: FileReading = {
    name: source.name,
    format: null,
    encoding: null,
    hash: '',
    issues: [],
    rejected: false,
    candidates: options.store ?? new MemoryCandidateStore(),
    table: null,
    chat: null,
  };
  // Counted here, not read back from the store: in the worker the store only passes contacts on.
  let usableCandidates = 0;
  const keep = (candidate: CandidateContact) => {
    if (!candidate.invalidReason) usableCandidates += 1;
    const index = reading.candidates.add(candidate);
    options.onCandidate?.(candidate, index);
  };
  if (source.size === 0) return reject(reading, 'empty');
  const head = await source.head(SNIFF_BYTES);
  const magic = Buffer.from(head.subarray(0, 8)).toString('latin1');
  for (const [pattern, key] of signatures) if (pattern.test(magic)) return reject(reading, key);

  if (isZip(head)) return readZip(source, reading, options, keep);
  if (source.size > MAX_TEXT_FILE_BYTES)
    return reject(reading, 'tooLarge', { size: Math.round(source.size / 1024 / 1024), limit: MAX_TEXT_FILE_BYTES / 1024 / 1024 });

  const detected = detectEncoding(head);
  const { bomLength } = detected;
  const encoding: FileEncoding = options.legacyEncoding && isLegacy(detected.encoding) ? options.legacyEncoding : detected.encoding;
  const headText = createDecoder(encoding).decode(head.subarray(bomLength));
  if (looksBinary(headText)) return reject(reading, 'binary');
  reading = { ...reading, encoding };
  const hash = createHash('sha256');
  const chunks = () => hashing(source.chunks(options.onProgress), hash);

  // Lines too long to keep and text not valid in its encoding are named with their line (the first
  // LISTED_LINE_ISSUES of each kind); values cut and controls removed with their contact's.
  const lineIssues = new LineIssues();
  const onLineTooLong = (line: number) => lineIssues.note('lineTooLong', line, { limit: MAX_LINE_CHARS });
  const onInvalidText = (line: number) => lineIssues.note('invalidText', line, { encoding: encodingLabel(encoding) });
  const onContactIssue = contactIssuesInto(lineIssues);

  if (/BEGIN:VCARD/i.test(headText)) {
    reading.format = 'vcard';
    const guessed: FileEncoding =
      encoding === 'utf-8' || encoding.startsWith('utf-16')
        ? isValidUtf8(head, true)
          ? 'windows-1252'
          : guessLegacyEncoding(head)
        : encoding;
    const fallbackEncoding = options.legacyEncoding ?? guessed;
    const texts = encoding.startsWith('utf-16')
      ? utf8AsBinary(decodeChunks(chunks(), encoding, bomLength, onInvalidText))
      : asBinaryText(chunks(), bomLength);
    const encodingsSeen = new Set<string>();
    // Its first bytes hold UTF-8 characters: a value that is not UTF-8 further on is damage, not a guess.
    const utf8Text = encoding === 'utf-8' && /[^\x00-\x7f]/.test(headText);
    const vcardOptions = { fallbackEncoding, issues: reading.issues, encodingsSeen, utf8Text, onInvalidText, onLineTooLong };
    for await (const batch of parseVcardLines(splitLines(texts, onLineTooLong), vcardOptions)) {
      for (const parsed of batch) keep(normalizeContact(parsed, options.region, onContactIssue));
    }
    reading.hash = hash.digest('hex');
    reading.issues.push(...lineIssues.issues());
    // What the values really were: a file of ASCII lines may carry UTF-8 or Shift_JIS inside.
    if (!encoding.startsWith('utf-16')) reading.encoding = encodingsSeen.size > 0 ? [...encodingsSeen].sort().join('+') : 'utf-8';
    if (reading.candidates.size === 0) return reject(reading, 'noCards');
    return reading;
  }

  if (looksLikeChat(headText)) {
    reading.format = 'whatsapp';
    const chat = await readChat(reading, decodeChunks(chunks(), encoding, bomLength, onInvalidText), source.name, onLineTooLong);
    chat.hash = hash.digest('hex');
    chat.issues.unshift(...lineIssues.issues());
    return chat;
  }

  reading.format = 'csv';
  const delimiter = detectDelimiter(headText.replace(/^sep=.\r?\n/i, ''));
  const csvResult: CsvResult = { unterminatedQuoteLine: null, tooManyColumns: null, onRecordTooLong: onLineTooLong };
  const rows = parseCsv(decodeChunks(chunks(), encoding, bomLength, onInvalidText), delimiter, csvResult);
  const table = await readTable(reading, rows, options, keep, lineIssues);
  if (csvResult.tooManyColumns) {
    // Not a contact list (a table a million columns wide): refused at the first such row, unread past it.
    const { line, columns } = csvResult.tooManyColumns;
    return reject({ ...reading, table: null }, 'tooManyColumns', { line, columns, limit: MAX_COLUMNS }, line);
  }
  reading = table;
  reading.hash = hash.digest('hex');
  if (csvResult.unterminatedQuoteLine !== null) {
    reading.issues.push({
      line: csvResult.unterminatedQuoteLine,
      key: 'unterminatedQuote',
      vars: { line: csvResult.unterminatedQuoteLine },
    });
  }
  reading.issues.push(...lineIssues.issues());
  if (!reading.rejected && reading.table && reading.table.headers.length < 2 && usableCandidates === 0) {
    return reject(reading, 'unknownFormat');
  }
  return reading;
}

/** Notes what normalizeContact tells about a contact's text. */
const contactIssuesInto =
  (lineIssues: LineIssues) =>
  (issue: ContactTextIssue, line: number): void =>
    lineIssues.note(issue, line, issue === 'valueTooLong' ? { limit: MAX_VALUE_CHARS } : {});

/**
 * Header, sample and contacts of a table (CSV rows or an Excel sheet), batch by batch. Values cut
 * and controls removed are noted in `lineIssues` when given (the caller adds them to the reading),
 * else added to the reading here.
 */
async function readTable(
  reading: FileReading,
  batches: AsyncIterable<{ cells: string[]; line: number }[]>,
  options: ReadOptions,
  keep: (candidate: CandidateContact) => void,
  lineIssues?: LineIssues,
): Promise<FileReading> {
  const noted = lineIssues ?? new LineIssues();
  const result = await readRows(reading, batches, options, keep, contactIssuesInto(noted));
  if (!lineIssues) result.issues.push(...noted.issues());
  return result;
}

async function readRows(
  reading: FileReading,
  batches: AsyncIterable<{ cells: string[]; line: number }[]>,
  options: ReadOptions,
  keep: (candidate: CandidateContact) => void,
  onContactIssue: (issue: ContactTextIssue, line: number) => void,
): Promise<FileReading> {
  let headers: string[] | null = null;
  let mapping: ColumnTarget[] = [];
  let readRow: ParsedRow = () => {
    throw new Error('row before header');
  };
  const sampleRows: string[][] = [];
  for await (const batch of batches)
    for (const row of batch) {
      if (!headers) {
        headers = row.cells.map((cell) => cell.replace(/^\ufeff/, '').trim());
        const recognised = recogniseHeaders(headers);
        const signature = headerSignature(headers);
        const remembered = options.rememberedMapping?.(signature) ?? null;
        const usable = (candidate: ColumnTarget[] | null | undefined) =>
          candidate && candidate.length === headers!.length ? candidate : null;
        mapping = usable(options.mapping) ?? usable(remembered) ?? recognised.mapping;
        readRow = rowReader(mapping, sideColumns(headers));
        reading.table = {
          headers,
          sampleRows,
          recognised: recognised.mapping,
          unknown: recognised.unknown,
          signature,
          mapping,
          remembered: !usable(options.mapping) && !!usable(remembered),
          confirmed: !!usable(options.mapping),
        };
        continue;
      }
      if (sampleRows.length < 5) sampleRows.push(row.cells);
      keep(normalizeContact(readRow(row.cells, row.line), options.region, onContactIssue));
    }
  if (!headers) return reject(reading, 'empty');
  if (reading.candidates.size === 0) return reject(reading, 'noRows');
  return reading;
}

/** A chat read line by line as its text streams: the file is never one string in memory. */
async function readChat(
  reading: FileReading,
  texts: AsyncIterable<string>,
  name: string,
  onLineTooLong?: (line: number) => void,
): Promise<FileReading> {
  const chat = new ChatReader();
  for await (const { lines, firstLine } of splitLines(texts, onLineTooLong)) {
    for (let index = 0; index < lines.length; index += 1) chat.addLine(lines[index]!, firstLine + index);
  }
  const participants = chat.participants();
  if (participants.length === 0) return reject(reading, 'noMessages');
  return { ...reading, chat: { participants, partner: partnerFromFileName(name) } };
}

async function readZip(
  source: ByteSource,
  base: FileReading,
  options: ReadOptions,
  keep: (candidate: CandidateContact) => void,
): Promise<FileReading> {
  let zip: ZipArchive | null = null;
  /** What is known of the file when a refusal comes (its format, once found). */
  let known = base;
  try {
    zip = await openZip(source);
    if (isWorkbook(zip.entries)) {
      known = { ...base, format: 'xlsx', encoding: null };
      const reading: FileReading = { ...known, issues: [...base.issues] };
      const result = await readTable(reading, readFirstSheet(zip, reading.issues), options, keep);
      const hash = createHash('sha256');
      for await (const chunk of source.chunks(options.onProgress)) hash.update(chunk);
      return { ...result, hash: hash.digest('hex') };
    }
    // A WhatsApp export with media: only the chat text is read, decoded as it inflates.
    const chat =
      zip.entries.find((entry) => /(^|\/)(_chat|whatsapp[^/]*)\.txt$/i.test(entry.name)) ??
      zip.entries.find((entry) => entry.name.toLowerCase().endsWith('.txt'));
    if (!chat) return reject(base, 'zipWithoutContacts');
    known = { ...base, format: 'whatsapp' };
    const hash = createHash('sha256');
    const { head, chunks } = await peekHead(hashing(zip.chunks(chat), hash), SNIFF_BYTES);
    const { encoding, bomLength } = detectEncoding(head);
    const reading: FileReading = { ...known, encoding };
    if (!looksLikeChat(createDecoder(encoding).decode(head.subarray(bomLength)))) return reject(reading, 'zipWithoutContacts');
    // Streamed like a chat text beside the zip, with the same limits and reports per line.
    const lineIssues = new LineIssues();
    const onLineTooLong = (line: number) => lineIssues.note('lineTooLong', line, { limit: MAX_LINE_CHARS });
    const onInvalidText = (line: number) => lineIssues.note('invalidText', line, { encoding: encodingLabel(encoding) });
    const read = await readChat(reading, decodeChunks(chunks, encoding, bomLength, onInvalidText), source.name, onLineTooLong);
    options.onProgress?.(source.size);
    read.hash = hash.digest('hex');
    read.issues.unshift(...lineIssues.issues());
    return read;
  } catch (error) {
    if (error instanceof ZipRefusal) return reject(known, error.key, error.vars, error.line);
    throw error;
  } finally {
    zip?.close();
  }
}
