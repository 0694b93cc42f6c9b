import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { createDecoder } from './encoding';

/**
 * A file to import, read in chunks so that a large file never sits in memory whole. `onProgress`
 * learns how many bytes were read so far.
 */
export interface ByteSource {
  name: string;
  size: number;
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

/** Text of a source in order, decoded as it streams (a character split between chunks stays whole). */
export async function* decodeChunks(chunks: AsyncIterable<Uint8Array>, encoding: string, skip = 0): AsyncIterable<string> {
  const decoder = createDecoder(encoding);
  let first = true;
  for await (const chunk of chunks) {
    const bytes = first ? chunk.subarray(skip) : chunk;
    first = false;
    const text = decoder.decode(bytes, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
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
 */
export async function* splitLines(texts: AsyncIterable<string>): AsyncIterable<LineBatch> {
  let pending = '';
  let line = 1;
  const breaker = /\r*\n|\r/g;
  for await (const text of texts) {
    pending += text;
    const lines: string[] = [];
    let start = 0;
    breaker.lastIndex = 0;
    for (let match = breaker.exec(pending); match; match = breaker.exec(pending)) {
      // A CR at the very end may be the first half of CR LF: wait for the next chunk.
      if (match.index + match[0].length === pending.length && pending.endsWith('\r')) break;
      lines.push(pending.slice(start, match.index));
      start = match.index + match[0].length;
    }
    pending = pending.slice(start);
    if (lines.length) {
      yield { lines, firstLine: line };
      line += lines.length;
    }
  }
  const rest = pending.replace(/\r+$/, '');
  if (rest !== '') yield { lines: [rest], firstLine: line };
}
