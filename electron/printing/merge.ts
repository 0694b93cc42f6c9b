import { PDFDocument } from 'pdf-lib';
import type { OpenPdfPrinter } from './printer';

/**
 * Puts printed parts together into one PDF, pages in order. Parts may arrive in any order; each is
 * copied in as soon as the parts before it are in, so the copying overlaps with the printing.
 */
class PartsInOrder {
  private readonly waiting = new Map<number, Uint8Array>();
  private next = 0;
  private merged: PDFDocument | null = null;
  private copying: Promise<void> = Promise.resolve();
  private failure: unknown = null;

  constructor(private readonly total: number) {}

  add(index: number, part: Uint8Array): void {
    this.waiting.set(index, part);
    // A single part is the result as it is; more are copied in order, one after the other.
    if (this.total > 1) this.copying = this.copying.then(() => this.copyReadyParts()).catch((error: unknown) => void (this.failure ??= error));
  }

  async result(): Promise<Uint8Array> {
    if (this.total === 1) return this.waiting.get(0)!;
    await this.copying;
    if (this.failure) throw this.failure;
    if (this.next !== this.total || !this.merged) throw new Error(`only ${this.next} of ${this.total} parts were printed`);
    return this.merged.save();
  }

  private async copyReadyParts(): Promise<void> {
    this.merged ??= await PDFDocument.create();
    for (let part = this.waiting.get(this.next); part; part = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.next += 1;
      const source = await PDFDocument.load(part);
      for (const page of await this.merged.copyPages(source, source.getPageIndices())) this.merged.addPage(page);
    }
  }
}

/**
 * Prints documents part by part, two at a time, with one printer, and merges them. Chromium's time for
 * one document grows faster than its page count (1,000 letters at once: 31 s, in parts of 125 about
 * 6 s), and parts let the UI show real progress. The printer is closed whatever happens.
 */
export async function printInParts(documents: readonly string[], openPrinter: OpenPdfPrinter, options: { parallel?: number; onProgress?: (done: number, total: number) => void } = {}): Promise<Uint8Array> {
  const merger = new PartsInOrder(documents.length);
  const printer = await openPrinter();
  try {
    let next = 0;
    let done = 0;
    let failed = false;
    const worker = async () => {
      while (next < documents.length && !failed) {
        const index = next++;
        try {
          merger.add(index, await printer.print(documents[index]!));
        } catch (error) {
          failed = true;
          throw error;
        }
        done += 1;
        options.onProgress?.(done, documents.length);
      }
    };
    // Every worker finishes its part before the printer closes; the first failure is the one reported.
    const outcomes = await Promise.allSettled(Array.from({ length: Math.min(options.parallel ?? 2, documents.length) }, worker));
    const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failure) throw failure.reason;
  } catch (error) {
    await printer.close();
    throw error;
  }
  // The browser shuts down while the last parts are copied in.
  const [pdf] = await Promise.all([merger.result(), printer.close()]);
  return pdf;
}
