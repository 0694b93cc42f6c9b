import { pipeline, Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { fromRandomAccessReaderPromise, RandomAccessReader, type Entry, type ZipFile } from 'yauzl';
import { MAX_ZIP_ENTRIES, MAX_ZIP_ENTRY_BYTES, MAX_ZIP_RATIO, ZIP_RATIO_FROM_BYTES } from './limits';
import type { ByteSource } from './source';

/**
 * Entries of a zip archive (an .xlsx workbook, a WhatsApp export with its media), read through
 * yauzl. Why yauzl and not fflate's streaming Unzip (already a dependency):
 * - yauzl finds entries through the central directory and reads only the bytes of the entry asked
 *   for, so a 2 GB chat export with photos costs the chat text, not 2 GB. fflate's Unzip walks the
 *   local headers from the first byte on: every photo before _chat.txt would be read.
 * - Inflating is as fast either way (179 MB of sheet XML: Node's zlib 470–540 ms, fflate's Inflate
 *   440–490 ms), and with zlib a stream can be stopped between two 16 KB output chunks.
 * yauzl's own size check (validateEntrySizes) compares with the size the header states; it is off,
 * because every limit here counts the bytes actually inflated and read, never a header's claim.
 */
export interface ZipEntry {
  name: string;
  /** yauzl's entry, to open it with. */
  entry: Entry;
}

export interface ZipArchive {
  entries: ZipEntry[];
  /** The entry's bytes as they inflate, stopped as soon as they pass MAX_ZIP_ENTRY_BYTES or MAX_ZIP_RATIO. */
  chunks(entry: ZipEntry): AsyncIterable<Uint8Array>;
  close(): void;
}

export const isZip = (head: Uint8Array) => head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;

/**
 * Why the archive (or the workbook in it) is not read: a key below import.issues with its values.
 * Nothing a library says reaches the user; its message stays in `cause` for debugging.
 */
export class ZipRefusal extends Error {
  constructor(
    readonly key: string,
    readonly vars: Record<string, string | number> = {},
    readonly line: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(key, options);
  }
}

const broken = (cause: unknown) => (cause instanceof ZipRefusal ? cause : new ZipRefusal('brokenZip', {}, null, { cause }));

/** Bytes read from the file at a time, for entry data and for the central directory. */
const READ_BYTES = 64 * 1024;

/**
 * yauzl reads through this from any ByteSource (a file, an upload in memory). The central
 * directory comes in one small read per entry, so the last 64 KB read are kept for the next.
 */
class SourceReader extends RandomAccessReader {
  private window: { start: number; bytes: Uint8Array } | null = null;

  constructor(private readonly source: ByteSource) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const source = this.source;
    async function* range() {
      for (let offset = start; offset < end; offset += READ_BYTES) {
        const length = Math.min(READ_BYTES, end - offset);
        const bytes = await source.read(offset, length);
        if (bytes.length < length) throw new Error('unexpected end of file');
        yield Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
      }
    }
    return Readable.from(range(), { objectMode: false });
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null) => void): void {
    // yauzl's callback also takes the number of bytes read (its typings leave it out).
    const done = callback as (err: Error | null, bytesRead?: number) => void;
    this.bytesAt(position, length).then(
      (bytes) => {
        buffer.set(bytes, offset);
        done(null, bytes.length);
      },
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    );
  }

  override close(callback: (err: Error | null) => void): void {
    callback(null);
  }

  private async bytesAt(position: number, length: number): Promise<Uint8Array> {
    const window = this.window;
    if (window && position >= window.start && position + length <= window.start + window.bytes.length) {
      return window.bytes.subarray(position - window.start, position - window.start + length);
    }
    if (length >= READ_BYTES) return this.source.read(position, length);
    const bytes = await this.source.read(position, READ_BYTES);
    this.window = { start: position, bytes };
    return bytes.subarray(0, length);
  }
}

/** Opens the archive and lists its entries (at most MAX_ZIP_ENTRIES). A broken archive is refused as 'brokenZip'. */
export async function openZip(source: ByteSource): Promise<ZipArchive> {
  let zip: ZipFile;
  try {
    zip = await fromRandomAccessReaderPromise(new SourceReader(source), source.size, { autoClose: false, validateEntrySizes: false });
  } catch (error) {
    throw broken(error);
  }
  try {
    // The count is the archive's own claim, but yauzl reads no more entries than it claims.
    if (zip.entryCount > MAX_ZIP_ENTRIES) throw new ZipRefusal('zipTooManyEntries', { limit: MAX_ZIP_ENTRIES });
    const entries: ZipEntry[] = [];
    for await (const entry of zip.eachEntry()) entries.push({ name: entry.fileName, entry });
    return { entries, chunks: (entry) => inflating(zip, entry), close: () => zip.close() };
  } catch (error) {
    zip.close();
    throw broken(error);
  }
}

/** The bytes of one entry (stored or deflated) as they inflate, counted against the limits. */
async function* inflating(zip: ZipFile, { entry }: ZipEntry): AsyncIterable<Uint8Array> {
  if (entry.isEncrypted() || (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)) throw new ZipRefusal('brokenZip');
  let stream: Readable;
  /** Compressed bytes consumed so far: what zlib has inflated from, not what the header says. */
  let compressedRead: () => number;
  try {
    const raw = await zip.openReadStreamPromise(entry, { decodeFileData: false });
    if (entry.compressionMethod === 8) {
      const inflater = createInflateRaw();
      stream = pipeline(raw, inflater, () => {});
      compressedRead = () => inflater.bytesWritten;
    } else {
      stream = raw;
      compressedRead = () => Infinity;
    }
  } catch (error) {
    throw broken(error);
  }
  let inflated = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > MAX_ZIP_ENTRY_BYTES) throw new ZipRefusal('zipTooLarge', { limit: MAX_ZIP_ENTRY_BYTES / 1024 / 1024 });
      if (inflated > ZIP_RATIO_FROM_BYTES && inflated > compressedRead() * MAX_ZIP_RATIO)
        throw new ZipRefusal('zipTooCompressed', { ratio: MAX_ZIP_RATIO });
      yield chunk;
    }
  } catch (error) {
    throw broken(error);
  } finally {
    stream.destroy();
  }
}

/**
 * The first `length` bytes of a stream (to sniff an encoding) and then the whole stream again, from
 * one pass: the entry is inflated once and never held whole.
 */
export async function peekHead(
  chunks: AsyncIterable<Uint8Array>,
  length: number,
): Promise<{ head: Uint8Array; chunks: AsyncIterable<Uint8Array> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const seen: Uint8Array[] = [];
  let size = 0;
  let finished = false;
  while (size < length) {
    const next = await iterator.next();
    if (next.done) {
      finished = true;
      break;
    }
    seen.push(next.value);
    size += next.value.length;
  }
  async function* again(): AsyncIterable<Uint8Array> {
    try {
      yield* seen.splice(0);
      if (finished) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      await iterator.return?.();
    }
  }
  return { head: Buffer.concat(seen).subarray(0, length), chunks: again() };
}
