import { PDFDocument } from 'pdf-lib';
import { PdfJoiner, UnsupportedPdfError } from './join-pdf';
import type { OpenPdfPrinter } from './printer';

/** Merges PDFs of any kind with pdf-lib: reads every object of every part and writes them all again. */
async function mergeWithPdfLib(parts: readonly Uint8Array[]): Promise<Uint8Array> {
  const merged = await PDFDocument.create();
  for (const part of parts) {
    const source = await PDFDocument.load(part);
    for (const page of await merged.copyPages(source, source.getPageIndices())) merged.addPage(page);
  }
  return merged.save();
}

/** Lays each personal page over its shared page with pdf-lib (any PDF it reads): the shared pages become forms. */
async function layerWithPdfLib(
  shared: Uint8Array,
  personalParts: readonly Uint8Array[],
  underlays: readonly number[],
): Promise<Uint8Array> {
  const merged = await PDFDocument.create();
  const sharedPages = await merged.embedPdf(shared, (await PDFDocument.load(shared)).getPageIndices());
  let index = 0;
  for (const part of personalParts) {
    const source = await PDFDocument.load(part);
    for (const personal of await merged.embedPdf(source, source.getPageIndices())) {
      const sharedPage = sharedPages[underlays[index++]!];
      if (!sharedPage) throw new Error(`no shared page for page ${index}`);
      const page = merged.addPage([personal.width, personal.height]);
      page.drawPage(sharedPage);
      page.drawPage(personal);
    }
  }
  return merged.save();
}

/** What becomes of the printed parts: each is handed over once printed, the one PDF asked for at the end. */
interface PartsMerger {
  add(index: number, part: Uint8Array): void;
  result(): Promise<Uint8Array>;
}

/**
 * Puts printed parts together into one PDF, pages in order. Parts may arrive in any order; each is
 * joined as soon as the parts before it are in (join-pdf.ts, cheap), so little is left to do when the
 * last part is printed. A part the joiner cannot read sends the whole batch to pdf-lib instead.
 */
class PartsInOrder implements PartsMerger {
  private readonly inOrder: Uint8Array[] = [];
  private readonly waiting = new Map<number, Uint8Array>();
  private joiner: PdfJoiner | null = new PdfJoiner();

  constructor(private readonly total: number) {}

  add(index: number, part: Uint8Array): void {
    this.waiting.set(index, part);
    for (let next = this.waiting.get(this.inOrder.length); next; next = this.waiting.get(this.inOrder.length)) {
      this.waiting.delete(this.inOrder.length);
      this.inOrder.push(next);
      if (this.total > 1) this.join(next);
    }
  }

  async result(): Promise<Uint8Array> {
    if (this.inOrder.length !== this.total) throw new Error(`only ${this.inOrder.length} of ${this.total} parts were printed`);
    // A single part is the result as it is.
    if (this.total === 1) return this.inOrder[0]!;
    return this.joiner ? this.joiner.finish() : mergeWithPdfLib(this.inOrder);
  }

  private join(part: Uint8Array): void {
    if (!this.joiner) return;
    try {
      this.joiner.add(part);
    } catch (error) {
      if (!(error instanceof UnsupportedPdfError)) throw error;
      this.joiner = null;
    }
  }
}

/**
 * Letters in two layers: the personal parts (0 … n − 1) and, printed last, the shared part (n). The
 * personal pages are laid over the shared ones when all are in (join-pdf.ts; pdf-lib for what it
 * cannot read).
 */
class LayersInOrder implements PartsMerger {
  private readonly parts: Uint8Array[] = [];

  constructor(
    private readonly total: number,
    private readonly underlays: () => readonly number[],
  ) {}

  add(index: number, part: Uint8Array): void {
    this.parts[index] = part;
  }

  async result(): Promise<Uint8Array> {
    const printed = this.parts.filter(Boolean).length;
    if (printed !== this.total) throw new Error(`only ${printed} of ${this.total} parts were printed`);
    const personal = this.parts.slice(0, -1);
    const shared = this.parts.at(-1)!;
    const underlays = this.underlays();
    try {
      const joiner = new PdfJoiner();
      joiner.addShared(shared, underlays);
      for (const part of personal) joiner.add(part);
      return joiner.finish();
    } catch (error) {
      if (!(error instanceof UnsupportedPdfError)) throw error;
      return layerWithPdfLib(shared, personal, underlays);
    }
  }
}

type PartDocument = string | (() => string);
const written = (document: PartDocument) => (typeof document === 'function' ? document() : document);

export interface PrintOptions {
  parallel?: number;
  /** Parts printed of all parts: 0 of n first, then as each part is done. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Prints documents part by part, two at a time, with one printer, and merges them. Chromium's time for
 * one document grows faster than its page count (1,000 letters at once: 31 s, in parts of 125 about
 * 6 s), and parts let the UI show real progress. A document given as a function is written when it is
 * needed: the first ones while the printer opens (a browser takes a fifth of a second to start), the
 * others while the first parts print. The printer is closed whatever happens.
 */
export function printInParts(
  documents: readonly PartDocument[],
  openPrinter: OpenPdfPrinter,
  options: PrintOptions = {},
): Promise<Uint8Array> {
  return printAndMerge(documents, openPrinter, new PartsInOrder(documents.length), options);
}

/** Letters in two layers (shared/letters/layers.ts): their shared pages, one document, and their personal pages in parts. */
export interface LayeredDocuments {
  shared: PartDocument;
  personal: readonly PartDocument[];
  /** For every personal page, in order, the shared page beneath it (asked for once every part is printed). */
  underlays: () => readonly number[];
}

/**
 * Prints letters in two layers as printInParts prints parts and lays each personal page over its
 * shared page in the PDF. The shared pages (few) print last, while the other tab finishes its last
 * part. Progress counts the shared document as a part.
 */
export function printInLayers(layers: LayeredDocuments, openPrinter: OpenPdfPrinter, options: PrintOptions = {}): Promise<Uint8Array> {
  const documents = [...layers.personal, layers.shared];
  return printAndMerge(documents, openPrinter, new LayersInOrder(documents.length, layers.underlays), options);
}

async function printAndMerge(
  documents: readonly PartDocument[],
  openPrinter: OpenPdfPrinter,
  merger: PartsMerger,
  options: PrintOptions,
): Promise<Uint8Array> {
  const parallel = Math.min(options.parallel ?? 2, documents.length);
  options.onProgress?.(0, documents.length);
  const opening = openPrinter();
  let firstRound: string[];
  try {
    firstRound = documents.slice(0, parallel).map(written);
  } catch (error) {
    await opening.then(
      (printer) => printer.close(),
      () => undefined,
    );
    throw error;
  }
  const printer = await opening;
  try {
    let next = 0;
    let done = 0;
    let failed = false;
    const worker = async () => {
      while (next < documents.length && !failed) {
        const index = next++;
        try {
          merger.add(index, await printer.print(index < parallel ? firstRound[index]! : written(documents[index]!)));
        } catch (error) {
          failed = true;
          throw error;
        }
        done += 1;
        options.onProgress?.(done, documents.length);
      }
    };
    // Every worker finishes its part before the printer closes; the first failure is the one reported.
    const outcomes = await Promise.allSettled(Array.from({ length: parallel }, worker));
    const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failure) throw failure.reason;
  } catch (error) {
    await printer.close();
    throw error;
  }
  // The browser shuts down while the PDF is finished.
  const [pdf] = await Promise.all([merger.result(), printer.close()]);
  return pdf;
}
