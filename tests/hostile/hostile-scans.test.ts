import { spawnSync } from 'node:child_process';
import { constants, deflateSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';

/**
 * Hostile files handed to "Rückläufer einlesen" (issue 18), through the CLI in a process of its own:
 * each is refused with a message naming it (or, a page too large to draw at 200 dpi, drawn smaller),
 * within bounded memory and time, never a crash.
 */
const PEAK_MB = 500;

function scanImport(file: string, dir: string): { exit: number; ms: number; peakMb: number; stdout: string; stderr: string } {
  const peakFile = path.join(dir, `peak-${Math.random().toString(36).slice(2)}`);
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [
      '-r',
      path.join(import.meta.dirname, 'report-peak.cjs'),
      process.env.UMZUGSHELFER_TEST_CLI!,
      'scan-import',
      file,
      '--db',
      path.join(dir, 'db.sqlite'),
      '--json',
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: '', UMZUGSHELFER_PEAK_FILE: peakFile },
      timeout: 120_000,
    },
  );
  return {
    exit: result.status ?? -1,
    ms: performance.now() - started,
    peakMb: Number(readFileSync(peakFile, 'utf8')) / 1024,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

/** A PNG whose header claims a size a decoder would allocate gigabytes for (a decompression bomb's start). */
function pngClaiming(width: number, height: number): Buffer {
  const header = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
  header.writeUInt32BE(13, 8);
  header.write('IHDR', 12, 'latin1');
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  header[24] = 8;
  return Buffer.concat([header, Buffer.alloc(64)]);
}

/** A JPEG whose frame header claims 65,000 × 65,000 pixels. */
function jpegClaiming(): Buffer {
  return Buffer.from([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0xfd, 0xe8, 0xfd, 0xe8, 0x01, 0x01, 0x11, 0x00, 0xff,
    0xd9,
  ]);
}

/**
 * A one-page PDF whose page shows one grey picture of width × height pixels, its stream compressed from
 * zeros: a few hundred kilobytes on disk that a decoder would expand to width × height bytes.
 */
function pdfWithPicture(width: number, height: number): Buffer {
  // Row by row into one deflate stream would be the way for any size; zeros compress the same all at once.
  const picture = deflateSync(Buffer.alloc(width * 1000), { level: constants.Z_BEST_COMPRESSION });
  const rows = height / 1000;
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  const add = (text: string | Buffer) => parts.push(typeof text === 'string' ? Buffer.from(text, 'latin1') : text);
  const length = () => parts.reduce((sum, part) => sum + part.length, 0);
  const object = (number: number, body: string, stream?: Buffer) => {
    offsets[number] = length();
    add(`${number} 0 obj\n${body}\n`);
    if (stream) {
      add('stream\n');
      add(stream);
      add('\nendstream\n');
    }
    add('endobj\n');
  };
  add('%PDF-1.4\n');
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>');
  // The stream holds a thousand rows; the picture claims `rows` times as many (the rest is missing, which
  // a decoder only finds out after allocating the whole picture).
  object(
    4,
    `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${picture.length} >>`,
    picture,
  );
  const content = Buffer.from('q 595 0 0 842 0 0 cm /Im1 Do Q', 'latin1');
  object(5, `<< /Length ${content.length} >>`, content);
  const xref = length();
  add(
    `xref\n0 6\n0000000000 65535 f \n${offsets
      .slice(1)
      .map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`)
      .join('')}`,
  );
  add(`trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  expect(rows).toBeGreaterThan(1);
  return Buffer.concat(parts);
}

describe('hostile scans', () => {
  const cases: [string, () => Promise<Buffer> | Buffer, RegExp][] = [
    ['bombe.png', () => pngClaiming(100_000, 100_000), /bombe\.png ist mit 100\.000 × 100\.000 Pixeln zu groß/],
    ['riesig.jpg', jpegClaiming, /riesig\.jpg ist mit 65\.000 × 65\.000 Pixeln zu groß/],
    [
      'kaputt.pdf',
      () => Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\n%%garbage', 'latin1'),
      /kaputt\.pdf konnte nicht gelesen werden/,
    ],
    [
      'iphone.jpg',
      () => Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic', 'latin1'), Buffer.alloc(64)]),
      /iphone\.jpg ist ein HEIC-Foto/,
    ],
    ['brief.pdf', () => Buffer.from('Sehr geehrte Damen und Herren', 'utf8'), /brief\.pdf ist weder ein PDF noch ein JPEG- oder PNG-Bild/],
    [
      'tausend.pdf',
      async () => {
        const pdf = await PDFDocument.create();
        for (let i = 0; i < 1001; i += 1) pdf.addPage([10, 10]);
        return Buffer.from(await pdf.save());
      },
      /tausend\.pdf hat 1001 Seiten; höchstens 1000/,
    ],
  ];

  it.each(cases)('%s is refused with a message naming it', async (name, make, message) => {
    const dir = tempDir();
    const file = path.join(dir, name);
    writeFileSync(file, await make());
    const run = scanImport(file, dir);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.exit).toBe(2);
    expect(run.peakMb).toBeLessThan(PEAK_MB);
  });

  it('leaves out a picture claiming 400 million pixels from a small compressed stream, instead of decoding it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'bombe.pdf');
    writeFileSync(file, pdfWithPicture(20_000, 20_000));
    const run = scanImport(file, dir);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.exit).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject([{ page: 1, blank: true }]);
    expect(run.peakMb).toBeLessThan(PEAK_MB);
  });

  it('draws a page far too large for 200 dpi smaller instead of running out of memory', async () => {
    const dir = tempDir();
    const pdf = await PDFDocument.create();
    pdf.addPage([14_400, 14_400]);
    const file = path.join(dir, 'plakat.pdf');
    writeFileSync(file, Buffer.from(await pdf.save()));
    const run = scanImport(file, dir);
    expect(run.exit).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject([{ page: 1, blank: true, codeState: 'missing' }]);
    expect(run.peakMb).toBeLessThan(PEAK_MB);
  });
});
