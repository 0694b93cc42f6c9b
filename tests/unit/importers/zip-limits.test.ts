import { strToU8, zipSync } from 'fflate';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_ZIP_ENTRIES, MAX_ZIP_ENTRY_BYTES, MAX_ZIP_RATIO, ZIP_RATIO_FROM_BYTES } from '../../../electron/importers/limits';
import { readImportFile, type FileReading } from '../../../electron/importers/read';
import { bufferSource, fileSource, type ByteSource } from '../../../electron/importers/source';
import { openZip, ZipRefusal } from '../../../electron/importers/zip';
import { translate } from '../../../shared/i18n';
import { tempDir } from '../../helpers/temp';
import {
  chatZipBomb,
  claimSize,
  repeatedEntry,
  sheetXml,
  textCell,
  workbook,
  xlsxBomb,
  withZip64End,
  zipCases,
  zipOfDeflated,
} from '../../hostile/zip-files';

const MB = 1024 * 1024;

const read = (source: ByteSource) => readImportFile(source, { region: 'DE' });
const messages = (reading: FileReading) =>
  reading.issues.map((issue) => translate('de', `import.issues.${issue.key}`, { file: reading.name, ...issue.vars }));

/** A file source that counts the bytes read from the file, by random access and in sequence. */
function counted(source: ByteSource): ByteSource & { bytesRead: () => number } {
  let bytesRead = 0;
  return {
    ...source,
    read: async (offset, length) => {
      const bytes = await source.read(offset, length);
      bytesRead += bytes.length;
      return bytes;
    },
    async *chunks(onProgress) {
      for await (const chunk of source.chunks(onProgress)) {
        bytesRead += chunk.length;
        yield chunk;
      }
    },
    bytesRead: () => bytesRead,
  };
}

/** Inflates the archive's one entry named `name` until it ends or is refused; returns the bytes inflated and the refusal. */
async function inflate(bytes: Uint8Array, name: string): Promise<{ inflated: number; refusal: ZipRefusal | null }> {
  const zip = await openZip(bufferSource('x.zip', bytes));
  let inflated = 0;
  try {
    for await (const chunk of zip.chunks(zip.entries.find((entry) => entry.name === name)!)) inflated += chunk.length;
    return { inflated, refusal: null };
  } catch (error) {
    if (error instanceof ZipRefusal) return { inflated, refusal: error };
    throw error;
  } finally {
    zip.close();
  }
}

const ZIP_BOMB = '– die Datei wird nicht gelesen (möglicherweise eine „Zip-Bombe“).';

describe('zip bombs', () => {
  it('refuses a 1 MB workbook that inflates to 1 GB, counting the bytes inflated and stopping soon after the ratio passes', async () => {
    const bytes = xlsxBomb(1024 * MB);
    expect(bytes.length).toBeLessThan(1.5 * MB);
    const { inflated, refusal } = await inflate(bytes, 'xl/worksheets/sheet1.xml');
    expect(refusal).toMatchObject({ key: 'zipTooCompressed', vars: { ratio: MAX_ZIP_RATIO } });
    expect(inflated).toBeGreaterThanOrEqual(ZIP_RATIO_FROM_BYTES);
    expect(inflated).toBeLessThan(2 * ZIP_RATIO_FROM_BYTES);

    const reading = await read(bufferSource('Bombe.xlsx', bytes));
    expect(reading).toMatchObject({ rejected: true, format: 'xlsx' });
    expect(reading.issues.map((issue) => issue.key)).toEqual(['zipTooCompressed']);
    expect(messages(reading)).toEqual([`„Bombe.xlsx“ entpackt sich zu mehr als dem 200-Fachen der gepackten Größe ${ZIP_BOMB}`]);
    expect([...reading.candidates.values()]).toEqual([]);
  });

  it('refuses a WhatsApp export whose chat inflates to 1 GB', async () => {
    const reading = await read(bufferSource('WhatsApp Chat mit Bombe.zip', chatZipBomb(1024 * MB)));
    expect(reading).toMatchObject({ rejected: true, format: 'whatsapp', chat: null, issues: [{ key: 'zipTooCompressed' }] });
    expect(messages(reading)[0]).toContain(ZIP_BOMB);
  });

  it('counts what inflates, not what the headers claim: a sheet said to be 2 KB that inflates to 1 GB is refused as a bomb', async () => {
    const bytes = xlsxBomb(1024 * MB, 2048);
    const reading = await read(bufferSource('Falsche Größen.xlsx', bytes));
    expect(reading.issues.map((issue) => issue.key)).toEqual(['zipTooCompressed']);
  });

  it('reads an ordinary sheet whose headers claim 4 GB (a reader that trusts them allocates 4 GB)', async () => {
    const honest = workbook(
      sheetXml(
        `<row r="1">${textCell('A1', 'Vorname')}${textCell('B1', 'Handy')}</row><row r="2">${textCell('A2', 'Max')}${textCell('B2', '0171 1234567')}</row>`,
      ),
    );
    const reading = await read(bufferSource('Groß behauptet.xlsx', claimSize(honest, 'xl/worksheets/sheet1.xml', 4_000_000_000)));
    expect(reading).toMatchObject({ rejected: false, format: 'xlsx', issues: [] });
    expect([...reading.candidates.values()].map((c) => c.displayName)).toEqual(['Max']);
  });

  it('refuses an entry that inflates past MAX_ZIP_ENTRY_BYTES even at an ordinary ratio', async () => {
    // 1 KB that deflate cannot shrink, then 63 KB it can: about 60:1, below MAX_ZIP_RATIO.
    let seed = 7;
    const noise = Array.from({ length: 1024 }, () => String.fromCharCode(33 + ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 90))).join(
      '',
    );
    const unit = `${noise}${' '.repeat(63 * 1024)}`;
    // It starts as a chat does, so the reader goes on past the first bytes (a zip that is no chat is refused there).
    const entry = repeatedEntry(
      '_chat.txt',
      '12.03.26, 08:15 - Max Mustermann: Passt.\n'.repeat(3),
      unit,
      Math.ceil((MAX_ZIP_ENTRY_BYTES + MB) / unit.length),
      '',
    );
    expect(entry.size / entry.deflated.length).toBeLessThan(MAX_ZIP_RATIO);
    const zip = zipOfDeflated([entry]);
    const { inflated, refusal } = await inflate(zip, '_chat.txt');
    expect(refusal).toMatchObject({ key: 'zipTooLarge', vars: { limit: MAX_ZIP_ENTRY_BYTES / MB } });
    expect(inflated).toBeLessThanOrEqual(MAX_ZIP_ENTRY_BYTES);
    const reading = await read(bufferSource('WhatsApp Chat mit Rauschen.zip', zip));
    expect(messages(reading)).toEqual([`„WhatsApp Chat mit Rauschen.zip“ entpackt sich zu mehr als 256 MB ${ZIP_BOMB}`]);
  }, 60_000);

  it('refuses an archive of more than MAX_ZIP_ENTRIES entries', async () => {
    const files = Object.fromEntries(Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => [`m/${i}.jpg`, new Uint8Array(0)]));
    const reading = await read(bufferSource('Viele.zip', withZip64End(zipSync(files, { level: 0 }), MAX_ZIP_ENTRIES + 1)));
    expect(reading).toMatchObject({ rejected: true, issues: [{ key: 'zipTooManyEntries', vars: { limit: MAX_ZIP_ENTRIES } }] });
  }, 60_000);
});

describe('WhatsApp exports with media', () => {
  it('reads a zipped chat line by line like a chat text: bad bytes and overlong lines named with their line', async () => {
    const lines = [
      Buffer.from('12.03.26, 08:15 - Max Mustermann: Passt, bis morgen.\n12.03.26, 08:16 - Eva Schmidt: Gut.\n'),
      Buffer.concat([Buffer.from('12.03.26, 08:17 - Eva Schmidt: M'), Buffer.from([0xfc]), Buffer.from('ller kommt.\n')]),
      // Letters deflate cannot shrink much: the zip stays below MAX_ZIP_RATIO.
      Buffer.from(
        `12.03.26, 08:18 - Max Mustermann: ${Array.from({ length: 1_100_000 }, (_, i) => String.fromCharCode(97 + ((i * 2654435761) >>> 27))).join('')}\n12.03.26, 08:19 - Max Mustermann: Ende.\n`,
      ),
    ];
    const reading = await read(bufferSource('WhatsApp Chat - Baustelle.zip', zipSync({ '_chat.txt': Buffer.concat(lines) })));
    expect(reading.rejected).toBe(false);
    expect(reading.chat!.participants.map((p) => [p.sender, p.messages])).toEqual([
      ['Max Mustermann', 2],
      ['Eva Schmidt', 2],
    ]);
    expect(reading.issues.map((issue) => [issue.key, issue.line])).toEqual([
      ['invalidText', 3],
      ['lineTooLong', 4],
    ]);
  });

  it('reads only the chat text, not the photos and videos beside it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'WhatsApp Chat - Baustelle.zip');
    const chat = '12.03.26, 08:15 - Max Mustermann: Passt, bis morgen.\n12.03.26, 08:16 - Eva Schmidt: Gut.\n';
    const video = new Uint8Array(20 * MB).map((_, i) => (i * 2654435761) >>> 24);
    writeFileSync(file, zipSync({ 'VID-20260312-WA0001.mp4': [video, { level: 0 }], '_chat.txt': strToU8(chat) }));
    const source = counted(await fileSource(file));
    const reading = await read(source);
    expect(reading).toMatchObject({ rejected: false, format: 'whatsapp' });
    expect(reading.chat?.participants.map((p) => p.sender).sort()).toEqual(['Eva Schmidt', 'Max Mustermann']);
    expect(source.bytesRead()).toBeLessThan(MB);
  });
});

describe('broken archives', () => {
  const good = workbook(sheetXml(`<row r="1">${textCell('A1', 'Vorname')}</row><row r="2">${textCell('A2', 'Max')}</row>`));

  it.each([
    ['cut off in the middle', () => good.slice(0, Math.floor(good.length / 2))],
    ['central directory overwritten', () => good.map((byte, i) => (i > good.length - 60 && i < good.length - 22 ? 0x41 : byte))],
    ['deflate data overwritten', () => good.map((byte, i) => (i > 200 && i < 260 ? 0xff : byte))],
    ['only the local header signature', () => Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 1, 2, 3)],
  ])('%s → brokenZip (or brokenWorkbook), never a library message', async (_what, make) => {
    const reading = await read(bufferSource('Kaputt.xlsx', make()));
    expect(reading.rejected).toBe(true);
    expect(reading.issues).toHaveLength(1);
    expect(['brokenZip', 'brokenWorkbook']).toContain(reading.issues[0]!.key);
    expect(messages(reading)[0]).toMatch(/^„Kaputt.xlsx“ ist eine? beschädigte/);
  });
});

describe('hostile zip files for the CLI harness', () => {
  it('has one generator per hostile file of the probe, each naming its file and expecting a refusal', () => {
    expect(zipCases.map((c) => c.name)).toEqual([
      'Spalte ZZZZZZ.xlsx',
      'Offene Zeilen.xlsx',
      'Bombe 1 GB.xlsx',
      'WhatsApp Chat mit Bombe.zip',
      'Falsche Größen.xlsx',
    ]);
  });

  it.each(zipCases.map((c) => [c.name, c] as const))(
    '%s is refused with the message the harness expects',
    async (name, hostile) => {
      const file = hostile.write(tempDir());
      expect(path.basename(file)).toBe(name);
      const reading = await read(await fileSource(file));
      expect(reading.rejected).toBe(hostile.expect.exit === 2);
      const texts = messages(reading);
      expect(
        texts.some((text) => text.includes(`„${name}“`) && hostile.expect.message.test(text)),
        texts.join('\n'),
      ).toBe(true);
      if (hostile.expect.line !== undefined) expect(reading.issues.map((issue) => issue.line)).toContain(hostile.expect.line);
    },
    60_000,
  );
});
