import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { HostileCase } from './types';

/**
 * The hostile text files of issue 13's probe (vCard, CSV), and the builders the unit tests share
 * (tests/unit/importers/text-limits.test.ts). Each is made in memory: nothing of it is stored.
 */

const CRLF = '\r\n';

/** A vCard whose NOTE line has no colon and goes on in `folds` fold lines of `foldText`. */
export function noteWithoutColonVcard(folds: number, foldText = 'x1234567890'): Buffer {
  return Buffer.from(
    [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Anna Schmitz',
      `NOTE${`${CRLF} ${foldText}`.repeat(folds)}`,
      'TEL;TYPE=CELL:0171 1234567',
      'END:VCARD',
      '',
    ].join(CRLF),
    'latin1',
  );
}

/** A vCard whose NOTE (line 4) is one line of `length` characters. */
export function longLineVcard(length: number): Buffer {
  const head = Buffer.from(['BEGIN:VCARD', 'VERSION:3.0', 'FN:Lange Zeile', 'NOTE:'].join(CRLF), 'latin1');
  const tail = Buffer.from(`${CRLF}TEL;TYPE=CELL:0171 1234567${CRLF}END:VCARD${CRLF}`, 'latin1');
  return Buffer.concat([head, Buffer.alloc(length, 'x'), tail]);
}

/** A CSV whose third line opens a quote that never closes, followed by `length` characters. */
export function unterminatedQuoteCsv(length: number): Buffer {
  const head = Buffer.from(`Vorname;Nachname;Handy${CRLF}Anna;Schmitz;0171 1234567${CRLF}"Greta;Huber;0170 `, 'utf8');
  return Buffer.concat([head, Buffer.alloc(length, 'x'), Buffer.from(CRLF)]);
}

/** A CSV whose header has `columns` columns, and one row. */
export function wideCsv(columns: number): Buffer {
  return Buffer.from(`Name${';Spalte'.repeat(columns - 1)}${CRLF}Anna Schmitz;0171 1234567${CRLF}`, 'utf8');
}

/** A CSV whose second line names "Max \u202Egnp.exe" (shown as "Max exe.png"), with controls in the street. */
export function rightToLeftCsv(): Buffer {
  const rows = ['Vorname;Nachname;Straße;PLZ;Ort;Handy', 'Max;\u202Egnp.exe;Haupt\u0007str. 1\u2066;34117;Kassel;0171 1234567'];
  for (let i = 0; i < 20; i += 1) rows.push(`Anna${i};Schmitz;Weg ${i};34117;Kassel;0171 22${String(i).padStart(5, '0')}`);
  return Buffer.from(rows.join(CRLF) + CRLF, 'utf8');
}

/** A UTF-8 CSV (umlauts in its first line) with a Latin-1 "ü" (0xFC, not UTF-8) in the given line. */
export function invalidUtf8Csv(badLine = 3, rows = 20): Buffer {
  const parts: Buffer[] = [Buffer.from(`Vorname;Nachname;Straße;Handy${CRLF}Jürgen;Groß;Mühlenweg 1;0171 1000000${CRLF}`, 'utf8')];
  for (let line = 3; line < rows + 3; line += 1) {
    const name =
      line === badLine ? Buffer.concat([Buffer.from('M'), Buffer.from([0xfc]), Buffer.from('ller')]) : Buffer.from('Müller', 'utf8');
    parts.push(Buffer.from(`Anna${line};`), name, Buffer.from(`;Weg ${line};0171 2${String(line).padStart(6, '0')}${CRLF}`));
  }
  return Buffer.concat(parts);
}

const writer = (name: string, bytes: () => Buffer) => (dir: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, bytes());
  return file;
};

const MB = 1024 * 1024;

export const textCases: HostileCase[] = [
  {
    name: 'notiz-ohne-doppelpunkt.vcf',
    finding: 'A NOTE line without colon and 100,000 fold lines (1.4 MB) took 148 s: the line was searched from its start after every fold.',
    write: writer('notiz-ohne-doppelpunkt.vcf', () => noteWithoutColonVcard(100_000)),
    // 1.1 million characters once unfolded: skipped as longer than MAX_LINE_CHARS, Anna imported.
    expect: { exit: 0, message: /Zeile 4: Die Zeile ist länger als 1\.000\.000 Zeichen und wurde übersprungen/, line: 4 },
  },
  {
    name: 'eine-zeile-50mb.vcf',
    finding: 'A vCard with one 50 MB line took 69 s: each chunk was appended to the open line and the whole line searched again.',
    write: writer('eine-zeile-50mb.vcf', () => longLineVcard(50 * MB)),
    expect: { exit: 0, message: /Zeile 4: Die Zeile ist länger als 1\.000\.000 Zeichen und wurde übersprungen/, line: 4 },
  },
  {
    name: 'offenes-anfuehrungszeichen-50mb.csv',
    finding: 'One unterminated quote made the rest of the file (50 MB) one given name: the database grew to 420 MB.',
    write: writer('offenes-anfuehrungszeichen-50mb.csv', () => unterminatedQuoteCsv(50 * MB)),
    // The record from the quote to the end is skipped (longer than MAX_LINE_CHARS); Anna is imported.
    expect: { exit: 0, message: /Zeile 3: Die Zeile ist länger als 1\.000\.000 Zeichen und wurde übersprungen/, line: 3 },
  },
  {
    name: 'million-spalten.csv',
    finding: 'A CSV with a million columns came out as "invalid 1" and exit 0.',
    write: writer('million-spalten.csv', () => wideCsv(1_000_000)),
    expect: { exit: 2, message: /Zeile 1: 1\.000\.000 Spalten sind zu viele \(höchstens 1000\)/, line: 1 },
  },
  {
    name: 'rlo-name.csv',
    finding: '"Max \\u202Egnp.exe" showed as "Max exe.png" in the list and in a letter.',
    write: writer('rlo-name.csv', rightToLeftCsv),
    expect: { exit: 0, message: /Zeile 2: Unsichtbare Steuerzeichen wurden entfernt/, line: 2 },
  },
  {
    name: 'kaputtes-utf8.csv',
    finding: 'Bytes that are not UTF-8 in a UTF-8 file were turned into mojibake or U+FFFD without a word.',
    write: writer('kaputtes-utf8.csv', () => invalidUtf8Csv(7)),
    expect: { exit: 0, message: /Zeile 7: Hier steht Text, der kein gültiges UTF-8 ist/, line: 7 },
  },
];
