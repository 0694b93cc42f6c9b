import { strToU8, zipSync } from 'fflate';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { translate } from '../../../shared/i18n';
import { MemoryCandidateStore } from '../../../electron/importers/candidate-store';
import { readImportFileIsolated, ReadCancelled } from '../../../electron/importers/read-isolated';
import { bufferSource, fileSource } from '../../../electron/importers/source';
import { writeCsv } from '../../bench/generate';
import { tempDir } from '../../helpers/temp';

const builtReader = process.env.UMZUGSHELFER_READER!;
afterEach(() => {
  process.env.UMZUGSHELFER_READER = builtReader;
});

/** A reader script that never answers (a parser caught in an endless loop). */
function stuckReader(): string {
  const script = path.join(tempDir(), 'stuck-reader.cjs');
  writeFileSync(script, 'for (;;) {}\n');
  return script;
}

const tinyVcard = () => bufferSource('Kunden.vcf', Buffer.from('BEGIN:VCARD\r\nFN:Anna Becker\r\nEND:VCARD\r\n'));

/** A workbook whose 400,000 different shared strings any reader must hold to look cells up. */
function workbookOfManyStrings(): Uint8Array {
  const count = 400_000;
  const strings = ['<si><t>Name</t></si>', '<si><t>Firma</t></si>'];
  for (let i = 0; i < count; i += 1) strings.push(`<si><t>Baustelle Nummer ${String(i).padStart(7, '0')} Südseite</t></si>`);
  return zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/workbook.xml': strToU8('<workbook xmlns:r="r"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
    'xl/sharedStrings.xml': strToU8(`<sst count="${count}">${strings.join('')}</sst>`),
    'xl/worksheets/sheet1.xml': strToU8(
      '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row></sheetData></worksheet>',
    ),
  });
}

describe('reading a file in a worker thread', () => {
  it('hands every contact of a file to the store and the planner, in order, with progress up to its size', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'Kunden.csv');
    await writeCsv(file, 2_345);
    const source = await fileSource(file);
    const seen: number[] = [];
    const progress: number[] = [];
    const store = new MemoryCandidateStore();
    const reading = await readImportFileIsolated(source, {
      region: 'DE',
      rememberedMappings: [],
      store,
      onCandidate: (_c, index) => void seen.push(index),
      onProgress: (done) => progress.push(done),
    });
    expect(reading.rejected).toBe(false);
    expect(reading.format).toBe('csv');
    expect(reading.candidates).toBe(store);
    expect(store.size).toBe(2_345);
    expect(seen).toEqual([...Array(2_345).keys()]);
    expect(store.get(0).givenName).toBe('Jürgen');
    expect(progress.at(-1)).toBe(source.size);
    expect(reading.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('uses a column mapping the office saved for the same headers', async () => {
    const csv = 'Wer;Mobil\nAnna Becker;0170 1234567\n';
    const plain = await readImportFileIsolated(bufferSource('a.csv', Buffer.from(csv)), { region: 'DE', rememberedMappings: [] });
    const signature = plain.table!.signature;
    const remembered = await readImportFileIsolated(bufferSource('a.csv', Buffer.from(csv)), {
      region: 'DE',
      rememberedMappings: [[signature, ['fullName', 'phone:mobile']]],
    });
    expect(remembered.table!.remembered).toBe(true);
    expect(remembered.table!.mapping).toEqual(['fullName', 'phone:mobile']);
  });

  it('refuses a file that needs more memory than the reader may have, by name, and the process goes on', async () => {
    const bytes = workbookOfManyStrings();
    const reading = await readImportFileIsolated(bufferSource('Baustellen.xlsx', bytes), {
      region: 'DE',
      rememberedMappings: [],
      heapMb: 16,
    });
    expect(reading.rejected).toBe(true);
    expect(reading.issues.map((issue) => issue.key)).toEqual(['readerOutOfMemory']);
    expect(translate('de', 'import.issues.readerOutOfMemory', { file: reading.name, ...reading.issues[0]!.vars })).toContain(
      '„Baustellen.xlsx“ braucht zum Lesen mehr als 16 MB',
    );
    // The same workbook with the reader's real limit: read, and this process is still fine.
    const again = await readImportFileIsolated(bufferSource('Baustellen.xlsx', bytes), { region: 'DE', rememberedMappings: [] });
    expect(again.rejected).toBe(false);
    expect(again.candidates.get(0).organization).toBe('Baustelle Nummer 0000001 Südseite');
  }, 60_000);

  it('refuses a file whose reading holds more memory outside the heap than allowed (which V8 does not count)', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'Kunden.csv');
    await writeCsv(file, 5_000);
    const reading = await readImportFileIsolated(await fileSource(file), { region: 'DE', rememberedMappings: [], offHeapMb: 0.05 });
    expect(reading.rejected).toBe(true);
    expect(reading.issues).toEqual([{ line: null, key: 'readerOutOfMemory', vars: { limit: 0.05 } }]);
  });

  it('keeps this thread free while a reader is stuck, and a cancel stops the reader', async () => {
    process.env.UMZUGSHELFER_READER = stuckReader();
    const controller = new AbortController();
    const reading = readImportFileIsolated(tinyVcard(), { region: 'DE', rememberedMappings: [], signal: controller.signal });
    let ticks = 0;
    await new Promise<void>((done) => {
      const timer = setInterval(() => {
        ticks += 1;
        if (ticks === 20) {
          clearInterval(timer);
          done();
        }
      }, 5);
    });
    controller.abort();
    await expect(reading).rejects.toBeInstanceOf(ReadCancelled);
  });

  it('refuses a file whose reader fails, without its error text', async () => {
    const dir = tempDir();
    const broken = path.join(dir, 'broken-reader.cjs');
    writeFileSync(broken, "throw new Error('internal detail');\n");
    process.env.UMZUGSHELFER_READER = broken;
    const reading = await readImportFileIsolated(bufferSource('Kunden.vcf', Buffer.from('x')), { region: 'DE', rememberedMappings: [] });
    expect(reading.rejected).toBe(true);
    expect(reading.issues).toEqual([{ line: null, key: 'readerFailed', vars: {} }]);
  });

  it('refuses a file whose reader stays silent too long, naming the file', async () => {
    process.env.UMZUGSHELFER_READER = stuckReader();
    const reading = await readImportFileIsolated(tinyVcard(), { region: 'DE', rememberedMappings: [], stallMs: 300 });
    expect(reading.rejected).toBe(true);
    expect(reading.issues.map((issue) => issue.key)).toEqual(['readerStalled']);
    expect(translate('de', 'import.issues.readerStalled', { file: reading.name, ...reading.issues[0]!.vars })).toContain(
      '„Kunden.vcf“ wurde nicht importiert',
    );
  });

  it('reads one file at a time: a second reader starts when the first is done', async () => {
    process.env.UMZUGSHELFER_READER = stuckReader();
    const order: string[] = [];
    const first = readImportFileIsolated(tinyVcard(), { region: 'DE', rememberedMappings: [], stallMs: 400 }).then((reading) =>
      order.push(`first ${reading.issues[0]?.key}`),
    );
    // The first worker is made on the next turn of the event loop; the second is made from the script named when its turn comes.
    await new Promise((done) => setTimeout(done, 50));
    process.env.UMZUGSHELFER_READER = builtReader;
    const second = readImportFileIsolated(tinyVcard(), {
      region: 'DE',
      rememberedMappings: [],
      onProgress: () => order.push('second reading'),
    }).then(() => order.push('second done'));
    await Promise.all([first, second]);
    expect(order).toEqual(['first readerStalled', 'second reading', 'second done']);
  });
});
