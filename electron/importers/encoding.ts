/**
 * Which text encoding a contact file uses. Files from phones and office programs come as UTF-8
 * (with or without BOM), UTF-16 (with or without BOM, little or big endian), windows-1252 (German
 * Windows, Excel "CSV") or Shift_JIS (Japanese phones and Windows); windows-1250 and ISO-8859-2
 * (Central European) only when the user says so. Decoding uses the WHATWG
 * TextDecoder that Node.js and Electron ship with full ICU.
 */
export type FileEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | LegacyEncoding;

export interface DetectedEncoding {
  encoding: FileEncoding;
  /** Bytes of the byte order mark to skip. */
  bomLength: number;
}

import { isUtf8 } from 'node:buffer';
import type { LegacyEncoding } from '../../shared/model/import';

/** windows-1252's printable characters at 0x80–0x9F (undefined bytes stay as their C1 code). */
const windows1252High = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019,
  0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Node.js (and Electron's main process) decode 'windows-1252' as ISO-8859-1, so "–" and "€" from
 * German Excel files would arrive as control characters. Single-byte, so it streams trivially.
 */
class Windows1252Decoder {
  decode(bytes: Uint8Array = new Uint8Array(0), _options?: { stream?: boolean }): string {
    let text = '';
    for (let i = 0; i < bytes.length; i += 8192) {
      const codes = Array.from(bytes.subarray(i, i + 8192), (byte) => (byte >= 0x80 && byte < 0xa0 ? windows1252High[byte - 0x80]! : byte));
      text += String.fromCharCode(...codes);
    }
    return text;
  }
}

export interface Decoder {
  decode(bytes?: Uint8Array, options?: { stream?: boolean }): string;
}

const isWindows1252 = (name: string) =>
  ['windows-1252', 'cp1252', 'latin1', 'iso-8859-1', 'iso8859-1', 'us-ascii', 'ascii'].includes(name.toLowerCase());

/** A decoder for any encoding a contact file may use, windows-1252 done right. */
export function createDecoder(encoding: string, options: { fatal?: boolean } = {}): Decoder {
  return isWindows1252(encoding) ? new Windows1252Decoder() : new TextDecoder(encoding, options);
}

/** True when the bytes are valid UTF-8, allowing a character cut off at the end of a sample. */
export function isValidUtf8(bytes: Uint8Array, isSample = false): boolean {
  if (!isSample) return isUtf8(bytes);
  let end = bytes.length;
  if (isSample) {
    // Step back over an incomplete multi-byte sequence at the cut.
    let back = 0;
    while (back < 3 && end - back - 1 >= 0 && (bytes[end - back - 1]! & 0xc0) === 0x80) back += 1;
    const lead = end - back - 1 >= 0 ? bytes[end - back - 1]! : 0;
    const needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (needed > back + 1) end -= back + 1;
  }
  return isUtf8(bytes.subarray(0, end));
}

function utf16WithoutBom(sample: Uint8Array): FileEncoding | null {
  const pairs = Math.floor(Math.min(sample.length, 4096) / 2);
  if (pairs < 4) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < pairs; i += 1) {
    if (sample[2 * i] === 0) zeroEven += 1;
    if (sample[2 * i + 1] === 0) zeroOdd += 1;
  }
  // Latin text in UTF-16 has a zero in every other byte.
  if (zeroEven / pairs > 0.4 && zeroOdd / pairs < 0.05) return 'utf-16be';
  if (zeroOdd / pairs > 0.4 && zeroEven / pairs < 0.05) return 'utf-16le';
  return null;
}

const isAsciiLetter = (code: number | undefined) =>
  code !== undefined && ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a));
const isJapanese = (code: number) =>
  (code >= 0x3040 && code <= 0x30ff) ||
  (code >= 0x4e00 && code <= 0x9fff) ||
  (code >= 0xff61 && code <= 0xff9f) ||
  (code >= 0x3000 && code <= 0x303f) ||
  (code >= 0xff01 && code <= 0xff5e);

/**
 * windows-1252 or Shift_JIS for bytes that are not UTF-8. German text read as Shift_JIS turns each
 * umlaut into a kanji or half-width kana glued to Latin letters ("Müller" → "M" + kanji + "ler");
 * real Japanese stands in runs between delimiters. So Shift_JIS wins only when it decodes cleanly
 * and most of its Japanese characters stand apart from Latin letters.
 */
export function guessLegacyEncoding(sample: Uint8Array): 'windows-1252' | 'shift_jis' {
  let text: string;
  try {
    text = createDecoder('shift_jis', { fatal: true }).decode(sample);
  } catch {
    return 'windows-1252';
  }
  let japanese = 0;
  let standalone = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80 || !isJapanese(code)) continue;
    japanese += 1;
    if (!isAsciiLetter(text.charCodeAt(i - 1)) && !isAsciiLetter(text.charCodeAt(i + 1))) standalone += 1;
  }
  return japanese >= 2 && standalone / japanese >= 0.7 ? 'shift_jis' : 'windows-1252';
}

/**
 * UTF-8 with a few damaged bytes: its valid multi-byte characters outnumber the invalid bytes at
 * least two to one. A windows-1252 file has next to no valid sequences (an umlaut is one byte
 * followed by ASCII), so it never passes; such a file is read as UTF-8 and its damage reported by
 * line, instead of every umlaut in it turning into two wrong characters.
 */
export function isMostlyUtf8(sample: Uint8Array): boolean {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < sample.length; ) {
    const lead = sample[i]!;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length > 0 && i + length > sample.length) break; // cut off at the end of the sample
    let continued = length > 0;
    for (let k = 1; k < length && continued; k += 1) continued = (sample[i + k]! & 0xc0) === 0x80;
    if (continued && isUtf8(sample.subarray(i, i + length))) {
      valid += 1;
      i += length;
    } else {
      invalid += 1;
      i += 1;
    }
  }
  return invalid > 0 && valid >= 2 && valid >= 2 * invalid;
}

/** The encoding of a whole file, from its first bytes (64 KB are plenty). */
export function detectEncoding(sample: Uint8Array): DetectedEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const utf16 = utf16WithoutBom(sample);
  if (utf16) return { encoding: utf16, bomLength: 0 };
  if (isValidUtf8(sample, true)) return { encoding: 'utf-8', bomLength: 0 };
  const legacy = guessLegacyEncoding(sample);
  return { encoding: legacy === 'windows-1252' && isMostlyUtf8(sample) ? 'utf-8' : legacy, bomLength: 0 };
}

const labelAliases: Record<string, string> = {
  'us-ascii': 'utf-8',
  ascii: 'utf-8',
  utf8: 'utf-8',
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'x-sjis': 'shift_jis',
  sjis: 'shift_jis',
  'shift-jis': 'shift_jis',
  ms932: 'shift_jis',
  cp932: 'shift_jis',
  'windows-31j': 'shift_jis',
};

/**
 * Decodes the bytes of one value that a file labels with a charset (vCard CHARSET=…). A label
 * that lies (UTF-8 over Latin-1 bytes, seen from ThunderSync) falls back to `fallback`. Also says
 * which encoding it used, so the import can report what the file really was.
 */
export function decodeLabelled(bytes: Uint8Array, label: string | undefined, fallback: FileEncoding): { text: string; encoding: string } {
  const name = label ? (labelAliases[label.toLowerCase()] ?? label.toLowerCase()) : undefined;
  if (!name || name === 'utf-8') {
    if (isValidUtf8(bytes))
      return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), encoding: 'utf-8' };
    const used = name ? 'windows-1252' : fallback;
    return { text: createDecoder(used).decode(bytes), encoding: used };
  }
  try {
    return { text: createDecoder(name, { fatal: true }).decode(bytes), encoding: isWindows1252(name) ? 'windows-1252' : name };
  } catch {
    const used = isValidUtf8(bytes) ? 'utf-8' : fallback;
    return { text: createDecoder(used).decode(bytes), encoding: used };
  }
}
