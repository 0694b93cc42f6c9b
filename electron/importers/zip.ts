import { inflateSync } from 'fflate';
import { createDecoder } from './encoding';
import type { ByteSource } from './source';

/**
 * Reads single entries of a zip archive (an .xlsx workbook, a WhatsApp export with its media)
 * through random access, so a 2 GB chat export with photos never has to be read whole.
 */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

export const isZip = (head: Uint8Array) => head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;

export class ZipError extends Error {}

/** The archive's table of contents, from the end-of-central-directory record. */
export async function listZip(source: ByteSource): Promise<ZipEntry[]> {
  const tailLength = Math.min(source.size, 65_557);
  const tail = await source.read(source.size - tailLength, tailLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i -= 1) {
    if (u32(tail, i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipError('no end of central directory');
  const count = u16(tail, end + 10);
  const directorySize = u32(tail, end + 12);
  const directoryOffset = u32(tail, end + 16);
  const directory = await source.read(directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let offset = 0;
  for (let i = 0; i < count && offset + 46 <= directory.length; i += 1) {
    if (u32(directory, offset) !== 0x02014b50) throw new ZipError('broken central directory');
    const nameLength = u16(directory, offset + 28);
    const extraLength = u16(directory, offset + 30);
    const commentLength = u16(directory, offset + 32);
    const flags = u16(directory, offset + 8);
    const nameBytes = directory.subarray(offset + 46, offset + 46 + nameLength);
    entries.push({
      name: createDecoder(flags & 0x800 ? 'utf-8' : 'windows-1252').decode(nameBytes),
      method: u16(directory, offset + 10),
      compressedSize: u32(directory, offset + 20),
      size: u32(directory, offset + 24),
      localHeaderOffset: u32(directory, offset + 42),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The uncompressed bytes of one entry (stored or deflated). */
export async function readZipEntry(source: ByteSource, entry: ZipEntry): Promise<Uint8Array> {
  const header = await source.read(entry.localHeaderOffset, 30);
  if (u32(header, 0) !== 0x04034b50) throw new ZipError(`broken entry ${entry.name}`);
  const dataStart = entry.localHeaderOffset + 30 + u16(header, 26) + u16(header, 28);
  const data = await source.read(dataStart, entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method === 8) return inflateSync(data, { out: new Uint8Array(entry.size) });
  throw new ZipError(`unsupported compression ${entry.method} in ${entry.name}`);
}
