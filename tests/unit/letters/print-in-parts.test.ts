import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { openChromiumPrinter } from '../../../electron/printing/chromium';
import { PdfJoiner, UnsupportedPdfError } from '../../../electron/printing/join-pdf';
import { printInLayers, printInParts } from '../../../electron/printing/print-in-parts';
import { openAhead, type OpenPdfPrinter } from '../../../electron/printing/printer';
import { tempDir } from '../../helpers/temp';

const page = (text: string) => `<section><p>${text}</p></section>`;
const document = (...texts: string[]) => titled('', ...texts);
const titled = (title: string, ...texts: string[]) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title><style>@page{size:A4;margin:0}body{margin:0}section:not(:last-child){break-after:page}</style></head><body>${texts.map(page).join('')}</body></html>`;

/** Chromium's printer, counting how often it is opened and closed and how many parts print at once. */
function countingPrinter(failOn?: string) {
  const seen = { opened: 0, closed: 0, running: 0, most: 0 };
  const open: OpenPdfPrinter = async () => {
    seen.opened += 1;
    const printer = await openChromiumPrinter();
    return {
      async print(html) {
        seen.running += 1;
        seen.most = Math.max(seen.most, seen.running);
        try {
          if (failOn && html.includes(failOn)) throw new Error('paper jam');
          return await printer.print(html);
        } finally {
          seen.running -= 1;
        }
      },
      async close() {
        seen.closed += 1;
        await printer.close();
      },
    };
  };
  return { open, seen };
}

/** The merged PDF on disk, checked by poppler: page texts in order, the title, and nothing it had to repair. */
function readBack(pdf: Uint8Array) {
  const file = path.join(tempDir(), 'merged.pdf');
  writeFileSync(file, pdf);
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  const count = Number(/Pages:\s+(\d+)/.exec(info.stdout)![1]);
  const pages = Array.from({ length: count }, (_, i) =>
    spawnSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }),
  );
  return {
    pages: pages.map((page) => page.stdout.trim()),
    title: /Title:\s+(.*)/.exec(info.stdout)?.[1],
    complaints: [info.stderr, ...pages.map((page) => page.stderr)].join('').trim(),
  };
}

/** A PDF as another program writes it (pdf-lib: object streams, a cross-reference stream). */
async function foreignPdf(...texts: string[]) {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of texts) doc.addPage([595, 842]).drawText(text, { x: 50, y: 780, size: 14, font });
  return doc.save();
}

const handWrittenContent = (text: string) => `BT /F1 24 Tf 72 720 Td (${text}) Tj ET\n% 3 0 R`;

/**
 * A small PDF written by hand, as a program other than Chromium may write one: a classic
 * cross-reference table, a hex string, and a literal string with parentheses and what looks like a
 * reference (both text, to be left alone).
 */
function handWrittenPdf(version: string, text: string, offsetError = 0): Uint8Array {
  // The stream's bytes must come through as they are, also what looks like a reference in them.
  const content = handWrittenContent(text);
  const objects = [
    '<</Type /Catalog /Pages 2 0 R>>',
    '<</Type /Pages /Kids [3 0 R] /Count 1>>',
    '<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources <</Font <</F1 5 0 R>>>> /Contents 4 0 R>>',
    `<</Length ${content.length} /Note <4142>>>\nstream\n${content}\nendstream`,
    '<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>',
    `<</Title <FEFF00480061006E0064> /Keywords (Teil \\(mit 4 0 R\\) und (geschachtelt 3 0 R))>>`,
  ];
  let pdf = `%PDF-${version}\n`;
  const offsets = objects.map((object, index) => {
    const offset = pdf.length;
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset + offsetError;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<</Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

describe('printing in parts', () => {
  it('prints each part with one browser, two at a time, reports progress, and joins the pages in order', async () => {
    const progress: string[] = [];
    const { open, seen } = countingPrinter();
    // A title with a parenthesis and what looks like a reference: text, which the join must leave alone.
    const pdf = await printInParts(
      [titled('Briefe 3 0 R (Entwurf)', 'Teil eins A', 'Teil eins B'), document('Teil zwei'), document('Teil drei A', 'Teil drei B')],
      open,
      {
        onProgress: (done, total) => progress.push(`${done}/${total}`),
      },
    );
    const merged = readBack(pdf);
    expect(merged.pages).toEqual(['Teil eins A', 'Teil eins B', 'Teil zwei', 'Teil drei A', 'Teil drei B']);
    expect(merged.title).toBe('Briefe 3 0 R (Entwurf)');
    expect(merged.complaints).toBe('');
    expect(progress).toEqual(['0/3', '1/3', '2/3', '3/3']);
    expect(seen).toMatchObject({ opened: 1, closed: 1, most: 2 });
  }, 60_000);

  it('joins parts of many pages, whose page trees are nested, into a document pdf-lib reads too', async () => {
    const texts = (part: string, count: number) => Array.from({ length: count }, (_, i) => `${part} Seite ${i + 1}`);
    const parts = [texts('A', 40), texts('B', 3), texts('C', 25)];
    const pdf = await printInParts(
      parts.map((part) => document(...part)),
      countingPrinter().open,
    );
    const merged = readBack(pdf);
    expect(merged.pages).toEqual(parts.flat());
    expect(merged.complaints).toBe('');
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(68);
  }, 60_000);

  it('joins PDFs with hex strings and nested parentheses, keeps their text, and takes the newest version', () => {
    const joiner = new PdfJoiner();
    joiner.add(handWrittenPdf('1.4', 'Erster Teil'));
    joiner.add(handWrittenPdf('1.7', 'Zweiter Teil'));
    const pdf = joiner.finish();
    const merged = readBack(pdf);
    expect(merged.pages).toEqual(['Erster Teil', 'Zweiter Teil']);
    expect(merged.title).toBe('Hand');
    expect(merged.complaints).toBe('');
    const file = path.join(tempDir(), 'hand.pdf');
    writeFileSync(file, pdf);
    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
    expect(info).toMatch(/Keywords:\s+Teil \(mit 4 0 R\) und \(geschachtelt 3 0 R\)/);
    expect(info).toMatch(/PDF version:\s+1\.7/);
    expect(Buffer.from(pdf).includes(handWrittenContent('Zweiter Teil'))).toBe(true);
    // A table that points beside its objects is refused (pdf-lib then reads the part), not copied wrong.
    expect(() => new PdfJoiner().add(handWrittenPdf('1.4', 'Daneben', 3))).toThrow(UnsupportedPdfError);
  });

  it('merges parts the joiner cannot read (another program’s PDF) with pdf-lib instead', async () => {
    const foreign = await foreignPdf('Fremd eins', 'Fremd zwei');
    expect(() => new PdfJoiner().add(foreign)).toThrow(UnsupportedPdfError);
    const chromium = await openChromiumPrinter();
    const printed = await chromium.print(document('Chromium eins')).finally(() => chromium.close());
    // The foreign part arrives second, after the joiner has already taken the first.
    const open: OpenPdfPrinter = async () => ({
      print: async (html) => (html.includes('Fremd') ? foreign : printed),
      close: async () => undefined,
    });
    const merged = readBack(await printInParts([document('Chromium'), document('Fremd')], open, { parallel: 1 }));
    expect(merged.pages).toEqual(['Chromium eins', 'Fremd eins', 'Fremd zwei']);
    expect(merged.complaints).toBe('');
  }, 60_000);

  it('lays personal pages over their shared pages, with pdf-lib when the joiner cannot read a layer', async () => {
    const below = (text: string) => `<br><br><br>${text}`;
    const chromium = await openChromiumPrinter();
    const [shared, personal] = await Promise.all([
      chromium.print(document('Brieftext A', 'Brieftext B')),
      chromium.print(document(...['Herr Eins', 'Frau Zwei', 'Herr Drei'].map(below))),
    ]).finally(() => chromium.close());
    const foreign = await foreignPdf('Herr Eins', 'Frau Zwei', 'Herr Drei');
    const layers = { personal: ['personal'], shared: 'shared', underlays: () => [0, 1, 0] };
    const printing =
      (personalPdf: Uint8Array): OpenPdfPrinter =>
      async () => ({ print: async (html) => (html === 'shared' ? shared : personalPdf), close: async () => undefined });
    const lines = (pdf: Uint8Array) => {
      const read = readBack(pdf);
      expect(read.complaints).toBe('');
      return read.pages.map((page) => page.split('\n').filter(Boolean).sort());
    };
    const expected = [
      ['Brieftext A', 'Herr Eins'],
      ['Brieftext B', 'Frau Zwei'],
      ['Brieftext A', 'Herr Drei'],
    ];
    // Chromium's layers are joined byte for byte; the shared pages are written once, as forms, used twice and once.
    const joined = await printInLayers(layers, printing(personal));
    expect(lines(joined)).toEqual(expected);
    expect(
      Buffer.from(joined)
        .toString('latin1')
        .match(/\/Subtype \/Form/g),
    ).toHaveLength(2 + 3);
    // Another program's personal layer goes to pdf-lib, which lays it over the same shared pages.
    expect(() => new PdfJoiner().add(foreign)).toThrow(UnsupportedPdfError);
    expect(lines(await printInLayers(layers, printing(foreign)))).toEqual(expected);
  }, 60_000);

  it('refuses to turn a page with a link into a layer (a form cannot carry it): pdf-lib takes over', async () => {
    const chromium = await openChromiumPrinter();
    const linked = await chromium.print(document('<a href="https://example.org/">Datenschutz</a>')).finally(() => chromium.close());
    expect(() => new PdfJoiner().addShared(linked, [0])).toThrow(UnsupportedPdfError);
    expect(() => new PdfJoiner().add(linked)).not.toThrow();
  }, 60_000);

  it('writes the first documents while the printer opens, each of the others when its turn comes', async () => {
    const events: string[] = [];
    const { open } = countingPrinter();
    const slowOpen: OpenPdfPrinter = async () => {
      const printer = await open();
      events.push('printer open');
      return { print: (html) => (events.push(`print ${/Teil \w+/.exec(html)![0]}`), printer.print(html)), close: () => printer.close() };
    };
    const lazy = (text: string) => () => (events.push(`write ${text}`), document(text));
    const pdf = await printInParts([lazy('Teil eins'), lazy('Teil zwei'), lazy('Teil drei')], slowOpen);
    expect(events.slice(0, 3)).toEqual(['write Teil eins', 'write Teil zwei', 'printer open']);
    expect(events.indexOf('write Teil drei')).toBeGreaterThan(events.indexOf('print Teil zwei'));
    expect(events.indexOf('write Teil drei')).toBeLessThan(events.indexOf('print Teil drei'));
    expect(readBack(pdf).pages).toEqual(['Teil eins', 'Teil zwei', 'Teil drei']);
  }, 60_000);

  it('closes the printer it opened when a document cannot be written', async () => {
    const { open, seen } = countingPrinter();
    const broken = () => {
      throw new Error('kein Text');
    };
    await expect(printInParts([broken, () => document('Teil zwei')], open)).rejects.toThrow('kein Text');
    expect(seen).toMatchObject({ opened: 1, closed: 1 });
  }, 60_000);

  it('closes a printer opened ahead that nobody took, and hands it over only once', async () => {
    const { open, seen } = countingPrinter();
    const unused = openAhead(open);
    await unused.release();
    expect(seen).toMatchObject({ opened: 1, closed: 1 });

    const used = openAhead(open);
    const pdf = await printInParts([document('Vorab geöffnet')], used.open);
    await expect(used.open()).rejects.toThrow('already taken');
    await used.release();
    expect(readBack(pdf).pages).toEqual(['Vorab geöffnet']);
    expect(seen).toMatchObject({ opened: 2, closed: 2 });
  }, 60_000);

  it('stops at the first failing part, reports it, and still closes the printer', async () => {
    const { open, seen } = countingPrinter('Teil zwei');
    await expect(
      printInParts([document('Teil eins'), document('Teil zwei'), document('Teil drei'), document('Teil vier')], open),
    ).rejects.toThrow('paper jam');
    expect(seen).toMatchObject({ opened: 1, closed: 1, running: 0 });
  }, 60_000);
});
