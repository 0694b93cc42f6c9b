import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_VALUE_CHARS } from '../../../electron/importers/limits';
import { readImportFile, type FileReading } from '../../../electron/importers/read';
import { bufferSource } from '../../../electron/importers/source';

/**
 * fast-check fuzzing of the vCard, CSV and chat readers (issue 13): random bytes and mutated real
 * files through readImportFile. Whatever comes in, the reading resolves (a refusal is a reading with
 * `rejected` and a message, never an exception), every kept text is within MAX_VALUE_CHARS and free
 * of controls that reorder text, and the time grows linearly with the input.
 * PROPERTY_RUNS sets the runs of each property (as in import-sequences.test.ts).
 */

const runs = (defaultRuns: number) => Number(process.env.PROPERTY_RUNS ?? defaultRuns);

// Real exports from phones and programs beside the project (../shared/corpus); without them, the fixtures.
const corpus = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpus');
const fixtures = path.resolve(import.meta.dirname, 'fixtures');
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
const textSample = /\.(vcf|csv|txt)$/i;
const samples = (existsSync(path.join(corpus, 'MANIFEST.md')) ? walk(corpus) : walk(fixtures)).filter(
  (file) => textSample.test(file) && !/license|README|MANIFEST/i.test(file),
);
const sampleBytes = samples.map((file) => ({ name: path.basename(file), bytes: readFileSync(file) }));

const unsafe = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Reads the bytes and checks what must hold for any input at all. */
async function readAny(name: string, bytes: Uint8Array): Promise<FileReading> {
  const reading = await readImportFile(bufferSource(name, bytes), { region: 'DE' });
  if (reading.rejected) expect(reading.issues.length).toBeGreaterThan(0);
  for (const c of reading.candidates.values()) {
    const texts = [c.displayName, c.givenName, c.familyName, c.title, c.organization, c.department, c.jobTitle, c.note, c.customerNumber];
    texts.push(
      ...c.phones.map((p) => p.raw),
      ...c.emails.map((e) => e.address),
      ...c.addresses.flatMap((a) => [a.street, a.postalCode, a.city, a.region, a.country]),
    );
    for (const text of texts) {
      if (text === null) continue;
      expect(text.length).toBeLessThanOrEqual(MAX_VALUE_CHARS);
      expect(text).not.toMatch(unsafe);
    }
  }
  for (const participant of reading.chat?.participants ?? []) expect(participant.sender).not.toMatch(unsafe);
  return reading;
}

/** Pieces that steer the readers into their corners: folds, quotes, soft breaks, stamps, controls. */
const vcardTokens = [
  'BEGIN:VCARD\r\n',
  'END:VCARD\r\n',
  'FN:Anna Schmitz\r\n',
  'N:Schmitz;Anna;;;\r\n',
  'NOTE',
  'NOTE:',
  'TEL;TYPE=CELL:0171 1234567\r\n',
  'EMAIL:a@b.de\r\n',
  'ADR:;;Weg 1;Kassel;;34117;\r\n',
  'N;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:=C3=BC=\r\n',
  'PHOTO;ENCODING=b:',
  'QUJD',
  '\r\n ',
  '\r\n\t',
  '\r\n',
  '\r',
  '\n',
  ':',
  ';',
  '"',
  '=',
  '\\',
  'item1.',
  'X-ABLabel:',
  '\u202e',
  '\u0000',
  'ü',
  'x',
];
const csvTokens = [
  'Vorname;Nachname;Handy;Notiz\r\n',
  'Name,E-Mail,Telefon\n',
  'sep=;\r\n',
  'Anna;Schmitz;0171 1234567;',
  '"',
  '""',
  ';',
  ',',
  '\t',
  '\r\n',
  '\r',
  '\n',
  ' ',
  'ü',
  '\u202e',
  '\u0007',
  '\ufeff',
  'x',
];
const chatTokens = [
  '12.03.24, 14:05 - Max Mustermann: Hallo\n',
  '[3/12/24, 2:05:33 PM] ~ Anna: Moin\r\n',
  '\u200e[12.03.24, 14:05:33] Sophie: Bild weggelassen\n',
  '12.03.24, 14:06 - ',
  ': ',
  'Max',
  '\u202e',
  '\n',
  '\r',
  'ü',
  'x',
];

const tokens = (pieces: string[]) =>
  fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 8 })), {
    maxLength: 120,
  });
const randomBytes = fc.uint8Array({ maxLength: 2048 });

const formats = [
  { name: 'fuzz.vcf', head: 'BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Anna\r\n', pieces: vcardTokens },
  { name: 'fuzz.csv', head: 'Vorname;Nachname;Handy\r\nAnna;Schmitz;0171 1234567\r\n', pieces: csvTokens },
  {
    name: 'WhatsApp Chat mit Max.txt',
    head: '12.03.24, 14:05 - Max: a\n12.03.24, 14:06 - Max: b\n12.03.24, 14:07 - Anna: c\n',
    pieces: chatTokens,
  },
];

describe.each(formats)('$name reader', ({ name, head, pieces }) => {
  it('resolves on random bytes after a head that makes it this format', async () => {
    await fc.assert(
      fc.asyncProperty(randomBytes, async (bytes) => {
        await readAny(name, Buffer.concat([Buffer.from(head), bytes]));
      }),
      { numRuns: runs(60) },
    );
  });

  it('resolves on random sequences of the pieces of its format', async () => {
    await fc.assert(
      fc.asyncProperty(
        tokens(pieces),
        fc.constantFrom('utf8', 'latin1', 'utf16le') as fc.Arbitrary<BufferEncoding>,
        async (parts, encoding) => {
          const text = head + parts.join('');
          const bytes =
            encoding === 'utf16le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) : Buffer.from(text, encoding);
          await readAny(name, bytes);
        },
      ),
      { numRuns: runs(80) },
    );
  });

  it('takes time linear in the input: each piece 4 times as often or long takes ≤ 12 times as long', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 12 }), async (parts) => {
        // Each piece repeated k times: a long line gets 4 times longer, a run of folds or quotes 4 times
        // as many. k is even, so that a quote repeated k times is closed in both files, or open in both.
        const unit = parts.join('').length;
        const k = 2 * Math.max(1, Math.round(60_000 / unit));
        const make = (times: number) => Buffer.from(head + parts.map((part) => part.repeat(times)).join(''));
        const time = async (bytes: Buffer) => {
          let best = Infinity;
          let reading: FileReading | null = null;
          for (let i = 0; i < 3; i += 1) {
            const started = performance.now();
            reading = await readAny(name, bytes);
            best = Math.min(best, performance.now() - started);
          }
          return { ms: best, outcome: `${reading!.format} ${reading!.rejected}` };
        };
        const { ms: small, outcome } = await time(make(k));
        const { ms: large, outcome: largeOutcome } = await time(make(4 * k));
        // Only the same work compares: a file the first 64 KB show as binary is refused at once, while
        // the 4-fold file may hold the same control characters only after them and be read.
        fc.pre(outcome === largeOutcome);
        // A few ms of slack: below that, scheduling noise is all a timer sees.
        expect(
          large,
          `${parts.map((p) => JSON.stringify(p)).join(' ')} × ${k}: ${small.toFixed(1)} ms, × ${4 * k}: ${large.toFixed(1)} ms`,
        ).toBeLessThanOrEqual(12 * small + 20);
      }),
      { numRuns: runs(6) },
    );
  }, 120_000);
});

describe('mutated real files', () => {
  it(`are read or refused, never thrown on (${sampleBytes.length} samples)`, async () => {
    expect(sampleBytes.length).toBeGreaterThan(10);
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
      fc.record({
        kind: fc.constant('repeat' as const),
        at: fc.nat(),
        length: fc.integer({ min: 1, max: 200 }),
        times: fc.integer({ min: 2, max: 50 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: sampleBytes.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        async (index, mutations) => {
          const sample = sampleBytes[index]!;
          let bytes = Buffer.from(sample.bytes);
          for (const m of mutations) {
            const at = bytes.length === 0 ? 0 : m.at % bytes.length;
            if (m.kind === 'flip' && bytes.length > 0) bytes[at] = m.byte;
            else if (m.kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]);
            else if (m.kind === 'delete') bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
            else if (m.kind === 'repeat') {
              const slice = bytes.subarray(at, at + m.length);
              bytes = Buffer.concat([
                bytes.subarray(0, at),
                ...Array.from({ length: m.times }, () => slice),
                bytes.subarray(at + m.length),
              ]);
            }
          }
          await readAny(sample.name, bytes);
        },
      ),
      { numRuns: runs(150) },
    );
  }, 120_000);
});
