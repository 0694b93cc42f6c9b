import { strToU8, zipSync } from 'fflate';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import type { HostileCase } from './types';

/**
 * The hostile zip and Excel files of issue 13's probe, and the builders the unit tests share
 * (tests/unit/importers/xlsx.test.ts, zip-limits.test.ts).
 */

export const SHEET_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** A worksheet around `rows` (the <row> elements, as XML). */
export const sheetXml = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${SHEET_NS}"><sheetData>${rows}</sheetData></worksheet>`;

const WORKBOOK_PARTS = {
  '[Content_Types].xml': strToU8(
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
  ),
  'xl/workbook.xml': strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${SHEET_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Kontakte" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  ),
  'xl/_rels/workbook.xml.rels': strToU8(
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  ),
};

/** A workbook whose first sheet is `sheet` (XML text), with more parts (sharedStrings …) as given. */
export function workbook(sheet: string, parts: Record<string, string> = {}): Uint8Array {
  return zipSync({
    ...WORKBOOK_PARTS,
    'xl/worksheets/sheet1.xml': strToU8(sheet),
    ...Object.fromEntries(Object.entries(parts).map(([name, text]) => [name, strToU8(text)])),
  });
}

/** An inline-string cell. */
export const textCell = (reference: string, text: string) => `<c r="${reference}" t="inlineStr"><is><t>${text}</t></is></c>`;

/**
 * Sets the uncompressed size that the local and the central header state for `name` (a lying
 * header), in an archive that fflate's zipSync wrote (no zip64, no comment).
 */
export function claimSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const bytes = zip.slice();
  const view = new DataView(bytes.buffer);
  const nameBytes = strToU8(name);
  const hasName = (at: number) => nameBytes.every((byte, i) => bytes[at + i] === byte);
  let patched = 0;
  for (let offset = 0; offset + 46 <= bytes.length; offset += 1) {
    const signature = view.getUint32(offset, true);
    if (signature === 0x04034b50 && view.getUint16(offset + 26, true) === nameBytes.length && hasName(offset + 30)) {
      view.setUint32(offset + 22, size, true);
      patched += 1;
    } else if (signature === 0x02014b50 && view.getUint16(offset + 28, true) === nameBytes.length && hasName(offset + 46)) {
      view.setUint32(offset + 24, size, true);
      patched += 1;
    }
  }
  if (patched !== 2) throw new Error(`${name}: ${patched} headers found, expected 2`);
  return bytes;
}

/** A deflated entry given as its compressed bytes, with what its headers state. */
export interface DeflatedEntry {
  name: string;
  deflated: Uint8Array;
  size: number;
  crc: number;
}

/**
 * A zip from entries already deflated. Why not zipSync: a bomb that inflates to 1 GB would need the
 * 1 GB in memory and seconds of deflating; here its deflate stream is one small piece repeated.
 */
export function zipOfDeflated(entries: DeflatedEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6); // UTF-8 name
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(entry.crc, 14);
    local.writeUInt32LE(entry.deflated.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(entry.crc, 16);
    central.writeUInt32LE(entry.deflated.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(entry.deflated));
    centrals.push(central, name);
    offset += local.length + name.length + entry.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * `head`, then `unit` `times` over, then `tail`, deflated: each part is deflated on its own and
 * flushed to a byte boundary, so the unit's deflate stream can simply be repeated.
 */
export function repeatedEntry(name: string, head: string, unit: string, times: number, tail: string): DeflatedEntry {
  const part = (text: string, flush: number) => deflateRawSync(Buffer.from(text, 'utf8'), { finishFlush: flush, level: 9 });
  const unitBytes = Buffer.from(unit, 'utf8');
  const unitDeflated = part(unit, constants.Z_FULL_FLUSH);
  const deflated = Buffer.concat([
    part(head, constants.Z_FULL_FLUSH),
    ...Array.from({ length: times }, () => unitDeflated),
    part(tail, constants.Z_FINISH),
  ]);
  let crc = crc32(head);
  for (let i = 0; i < times; i += 1) crc = crc32(unitBytes, crc);
  crc = crc32(tail, crc);
  return { name, deflated, size: Buffer.byteLength(head) + unitBytes.length * times + Buffer.byteLength(tail), crc };
}

/** `unit` repeated to about `bytes`. */
const unitOf = (piece: string, bytes: number) => piece.repeat(Math.ceil(bytes / piece.length));

const MB = 1024 * 1024;

/** A workbook whose sheet inflates to about `sheetBytes` (deflated about 1,000:1). */
export function xlsxBomb(sheetBytes: number, claimedSheetSize?: number): Uint8Array {
  // Blank text between rows: deflate packs a run of one character 1,000:1, rows alone only 330:1.
  const unit = unitOf(`<row>${textCell('A1', 'Müller')}</row>${' '.repeat(30_000)}`, MB);
  const [head, tail] = sheetXml('|').split('|') as [string, string];
  const sheet = repeatedEntry('xl/worksheets/sheet1.xml', head, unit, Math.ceil(sheetBytes / unit.length), tail);
  const parts = Object.entries(WORKBOOK_PARTS).map(([name, bytes]) => ({
    name,
    deflated: deflateRawSync(bytes),
    size: bytes.length,
    crc: crc32(bytes),
  }));
  return zipOfDeflated([...parts, claimedSheetSize === undefined ? sheet : { ...sheet, size: claimedSheetSize }]);
}

/** A WhatsApp export whose _chat.txt inflates to about `chatBytes`, beside a photo. */
export function chatZipBomb(chatBytes: number): Uint8Array {
  const unit = unitOf(`12.03.26, 08:15 - Max Mustermann: Haha${'a'.repeat(30_000)}\n`, MB);
  const chat = repeatedEntry('_chat.txt', '', unit, Math.ceil(chatBytes / unit.length), '');
  const photo = Buffer.alloc(4096, 0xff);
  return zipOfDeflated([
    chat,
    { name: '00000012-PHOTO-2026-03-12-08-15-00.jpg', deflated: deflateRawSync(photo), size: photo.length, crc: crc32(photo) },
  ]);
}

/**
 * The same archive (as zipSync writes it: no comment) with a zip64 end record, the only way to
 * state more than 65,535 entries.
 */
export function withZip64End(zip: Uint8Array, entryCount: number): Uint8Array {
  const bytes = Buffer.from(zip);
  const endAt = bytes.length - 22;
  if (bytes.readUInt32LE(endAt) !== 0x06054b50) throw new Error('no end record where zipSync writes it');
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(entryCount), 24);
  record.writeBigUInt64LE(BigInt(entryCount), 32);
  record.writeBigUInt64LE(BigInt(bytes.readUInt32LE(endAt + 12)), 40);
  record.writeBigUInt64LE(BigInt(bytes.readUInt32LE(endAt + 16)), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(endAt), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.from(bytes.subarray(endAt));
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  return Buffer.concat([bytes.subarray(0, endAt), record, locator, end]);
}

/** `<row>` opened `count` times and never closed (a regex reader backtracks over them quadratically). */
export const unclosedRowsXlsx = (count: number) => workbook(sheetXml('<row>'.repeat(count)));

const writer = (name: string, bytes: () => Uint8Array) => (dir: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, bytes());
  return file;
};

const ZIP_BOMB = /entpackt sich zu mehr als .*möglicherweise eine „Zip-Bombe“/;

export const zipCases: HostileCase[] = [
  {
    name: 'Spalte ZZZZZZ.xlsx',
    finding: 'a 385-byte sheet whose one cell is ZZZZZZ1 made the reader fill 321 million empty cells (abort at 2.7 GB)',
    write: writer('Spalte ZZZZZZ.xlsx', () => workbook(sheetXml(`<row r="1">${textCell('ZZZZZZ1', 'Max')}</row>`))),
    expect: { exit: 2, message: /321\.272\.406 Spalten sind zu viele \(höchstens 1000\)/, line: 1 },
  },
  {
    name: 'Offene Zeilen.xlsx',
    finding: '160,000 unclosed <row> tags in 1.9 KB took 43 s (quadratic regex backtracking)',
    write: writer('Offene Zeilen.xlsx', () => unclosedRowsXlsx(160_000)),
    expect: { exit: 2, message: /ist eine beschädigte Excel-Datei/ },
  },
  {
    name: 'Bombe 1 GB.xlsx',
    finding: 'a 1 MB workbook whose sheet inflates to 1 GB peaked at 1.1 GB and died with a raw V8 message',
    write: writer('Bombe 1 GB.xlsx', () => xlsxBomb(1024 * MB)),
    expect: { exit: 2, message: ZIP_BOMB },
  },
  {
    name: 'WhatsApp Chat mit Bombe.zip',
    finding: 'a chat export whose _chat.txt inflates to 1 GB was inflated whole into memory',
    write: writer('WhatsApp Chat mit Bombe.zip', () => chatZipBomb(1024 * MB)),
    expect: { exit: 2, message: ZIP_BOMB },
  },
  {
    name: 'Falsche Größen.xlsx',
    finding: 'the headers say the sheet is 2 KB, it inflates to 1 GB: a reader that trusts the header sizes allocates by them',
    write: writer('Falsche Größen.xlsx', () => xlsxBomb(1024 * MB, 2048)),
    expect: { exit: 2, message: ZIP_BOMB },
  },
];
