import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { createDecoder } from './encoding';
import { MAX_LINE_CHARS } from './limits';

/**
 * A file to import, read in chunks so that a large file never sits in memory whole. `onProgress`
 * learns how many bytes were read so far.
 */
export interface ByteSource {
  name: string;
  size: number;
  /** Where the bytes are: a file (read again by the reader's worker thread) or memory (copied to it). */
  origin: { path: string } | { bytes: Uint8Array };
  /** The first bytes, for sniffing format and encoding. */
  head(length: number): Promise<Uint8Array>;
  chunks(onProgress?: (bytesRead: number) => void): AsyncIterable<Uint8Array>;
  /** Reads `length` bytes at `offset` (zip archives are read from the end). */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/**
 * Bytes read at a time. Everything parsed from one chunk is alive at once; with 1 MB chunks (4,000
 * vCards) it outlived V8's young generation and piled up as garbage in the old one (100,000 vCards
 * peaked at 305 MB). With 128 KB it dies young: 213 MB, and no slower.
 */
const CHUNK = 128 * 1024;

export async function fileSource(filePath: string, name = path.basename(filePath)): Promise<ByteSource> {
  const { size } = await stat(filePath);
  const read = async (offset: number, length: number) => {
    const handle = await open(filePath, 'r');
    try {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      await handle.read(buffer, 0, buffer.length, offset);
      return buffer;
    } finally {
      await handle.close();
    }
  };
  return {
    name,
    size,
    origin: { path: filePath },
    head: (length) => read(0, length),
    read,
    async *chunks(onProgress) {
      let done = 0;
      for await (const chunk of createReadStream(filePath, { highWaterMark: CHUNK })) {
        done += (chunk as Buffer).length;
        onProgress?.(done);
        yield chunk as Buffer;
      }
    },
  };
}

export function bufferSource(name: string, bytes: Uint8Array): ByteSource {
  return {
    name,
    size: bytes.length,
    origin: { bytes },
    head: async (length) => bytes.subarray(0, length),
    read: async (offset, length) => bytes.subarray(offset, offset + length),
    async *chunks(onProgress) {
      for (let offset = 0; offset < bytes.length; offset += CHUNK) {
        const chunk = bytes.subarray(offset, offset + CHUNK);
        onProgress?.(offset + chunk.length);
        yield chunk;
      }
    },
  };
}

/**
 * Text of a source in order, decoded as it streams (a character split between chunks stays whole).
 * Bytes that are not valid in the encoding become U+FFFD, as the WHATWG decoders do; then
 * `onInvalidText` learns each line where that happened (lines end at LF, CR LF or a lone CR), so
 * that the import names them instead of passing the damage on unnoticed. A U+FFFD that a UTF-8 file
 * itself contains (an earlier program's damage) is text like any other.
 */
export async function* decodeChunks(
  chunks: AsyncIterable<Uint8Array>,
  encoding: string,
  skip = 0,
  onInvalidText?: (line: number) => void,
): AsyncIterable<string> {
  const decoder = createDecoder(encoding);
  const utf8 = encoding.toLowerCase() === 'utf-8';
  let line = 1;
  let afterCr = false;
  /** The last two bytes of the previous chunk: a U+FFFD written in the file may start there. */
  let previousEnd: Uint8Array = new Uint8Array(0);
  const check = (text: string, bytes: Uint8Array) => {
    if (!onInvalidText) return;
    // The common case costs one search for U+FFFD and one for line ends.
    if (text.includes(REPLACEMENT) && (!utf8 || countOf(text, REPLACEMENT) > replacementsWritten(previousEnd, bytes))) {
      let reported = 0;
      let at = line;
      for (let i = afterCr && text.charCodeAt(0) === LF ? 1 : 0; i < text.length; i += 1) {
        const c = text.charCodeAt(i);
        if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) at += 1;
        else if (c === 0xfffd && at !== reported) onInvalidText((reported = at));
      }
    }
    line += lineBreaks(text) - (afterCr && text.charCodeAt(0) === LF ? 1 : 0);
    if (text.length) afterCr = text.charCodeAt(text.length - 1) === CR;
    previousEnd = bytes.length >= 2 ? bytes.subarray(bytes.length - 2) : Uint8Array.from([...previousEnd, ...bytes].slice(-2));
  };
  let first = true;
  for await (const chunk of chunks) {
    const bytes = first ? chunk.subarray(skip) : chunk;
    first = false;
    const text = decoder.decode(bytes, { stream: true });
    check(text, bytes);
    if (text) yield text;
  }
  const rest = decoder.decode();
  check(rest, new Uint8Array(0));
  if (rest) yield rest;
}

const REPLACEMENT = '\ufffd';
const REPLACEMENT_UTF8 = Buffer.from(REPLACEMENT, 'utf8');
const LF = 0x0a;
const CR = 0x0d;

function countOf(text: string, search: string): number {
  let count = 0;
  for (let at = text.indexOf(search); at >= 0; at = text.indexOf(search, at + 1)) count += 1;
  return count;
}

/** Line ends in a text: LF, CR LF and a lone CR count one each (a CR at the end counts; see afterCr). */
function lineBreaks(text: string): number {
  let count = countOf(text, '\n');
  for (let at = text.indexOf('\r'); at >= 0; at = text.indexOf('\r', at + 1)) if (text.charCodeAt(at + 1) !== LF) count += 1;
  return count;
}

/** U+FFFD written as such (EF BF BD) in a chunk of UTF-8, counting one that began in the two bytes before it. */
function replacementsWritten(previousEnd: Uint8Array, bytes: Uint8Array): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let count = 0;
  for (let at = buffer.indexOf(REPLACEMENT_UTF8); at >= 0; at = buffer.indexOf(REPLACEMENT_UTF8, at + 1)) count += 1;
  const seam = Buffer.concat([previousEnd, buffer.subarray(0, 2)]);
  for (let at = 0; at < previousEnd.length; at += 1) if (seam[at] === 0xef && seam[at + 1] === 0xbf && seam[at + 2] === 0xbd) count += 1;
  return count;
}

/** A run of consecutive physical lines; `firstLine` is the number of the first (1-based). */
export interface LineBatch {
  lines: string[];
  firstLine: number;
}

/**
 * Physical lines in batches (one per chunk read: handing out single lines through an async
 * iterator costs more than the parsing), for any line ending: CRLF, LF, CR, and the CR CR LF some
 * iPhones write (one line end, not two).
 *
 * Linear in the text: each chunk is searched once, and a line that spans chunks is kept as pieces
 * until it ends (appending to one string and searching it again from its start took 69 s for a
 * 50 MB line). A line longer than MAX_LINE_CHARS is not kept at all: it comes out empty, and
 * `onLineTooLong` learns its number.
 */
export async function* splitLines(texts: AsyncIterable<string>, onLineTooLong?: (line: number) => void): AsyncIterable<LineBatch> {
  let pieces: string[] = [];
  let pieceChars = 0;
  let tooLong = false;
  /** CRs at the end of a chunk: the next chunk tells whether they are line ends or the start of (CR) CR LF. */
  let heldCrs = 0;
  let line = 1;
  // Found one at a time, a run of CRs looked at once: /\r*\n|\r/ backtracked through the rest of a
  // run of CRs at each of them (32,000 CRs: 0.4 s, and the square of that for 4 times as many).
  const lineEnd = /[\r\n]/g;
  const endLine = (last: string, number: number): string => {
    const long = tooLong || pieceChars + last.length > MAX_LINE_CHARS;
    const text = long ? '' : pieces.length ? pieces.join('') + last : last;
    if (long) onLineTooLong?.(number);
    pieces = [];
    pieceChars = 0;
    tooLong = false;
    return text;
  };
  for await (const chunk of texts) {
    const lines: string[] = [];
    let from = 0;
    if (heldCrs > 0) {
      while (from < chunk.length && chunk.charCodeAt(from) === CR) from += 1;
      if (from === chunk.length) {
        heldCrs += from;
        continue;
      }
      const run = heldCrs + from;
      heldCrs = 0;
      if (chunk.charCodeAt(from) === LF) {
        lines.push(endLine('', line));
        from += 1;
      } else for (let k = 0; k < run; k += 1) lines.push(endLine('', line + lines.length));
    }
    let end = chunk.length;
    while (end > from && chunk.charCodeAt(end - 1) === CR) end -= 1;
    heldCrs = chunk.length - end;
    const text = from > 0 || end < chunk.length ? chunk.slice(from, end) : chunk;
    let start = 0;
    lineEnd.lastIndex = 0;
    for (let match = lineEnd.exec(text); match; match = lineEnd.exec(text)) {
      const at = match.index;
      lines.push(endLine(text.slice(start, at), line + lines.length));
      start = at + 1;
      if (text.charCodeAt(at) === CR) {
        // CR … CR LF is one line end; CRs not followed by LF end a line each (text never ends in a CR).
        let after = at + 1;
        while (text.charCodeAt(after) === CR) after += 1;
        if (text.charCodeAt(after) === LF) start = after + 1;
        else {
          for (let k = at + 1; k < after; k += 1) lines.push(endLine('', line + lines.length));
          start = after;
        }
      }
      lineEnd.lastIndex = start;
    }
    if (start < text.length && !tooLong) {
      pieces.push(text.slice(start));
      pieceChars += text.length - start;
      if (pieceChars > MAX_LINE_CHARS) {
        tooLong = true;
        pieces = [];
      }
    }
    if (lines.length) {
      yield { lines, firstLine: line };
      line += lines.length;
    }
  }
  if (pieceChars > 0 || tooLong) yield { lines: [endLine('', line)], firstLine: line };
}
