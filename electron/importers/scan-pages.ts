import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { localDate, localToday } from '../../shared/local-date';
import { decodeQr, prepareQrReader } from '../../shared/scan/decode-qr';
import { type PageMeasurement, readPage, type RgbaImage } from '../../shared/scan/read-page';
import { imageRefusal, pdfOpenOptions, scanLimits, sniffScan, type ScanRefusal } from '../../shared/scan/scan-files';
import { AppError } from '../db/errors';

/**
 * The pages of scanned returned forms under Node (the CLI, the tests and the benchmark): a scanner's PDF
 * rasterised by pdf.js, photos decoded, each page at about 200 dpi, its QR code and boxes read. The app
 * itself does the same in the renderer with Chromium's canvas (renderer/src/views/return-forms); here
 * pdf.js draws on @napi-rs/canvas, the canvas pdf.js itself names for Node (its optional dependency).
 */

export interface ScanPage {
  fileName: string;
  filePage: number;
  /** The day the file was made (its modification time), as the office computer's local date. */
  scanDate: string;
  measurement: PageMeasurement;
  /** The page as a JPEG (about 200 dpi): shown for review and kept as the proof. */
  jpeg: Buffer;
}

const DPI = 200;

const refused = (refusal: ScanRefusal) => new AppError('invalid_input', refusal.key, refusal.vars);

/** Loaded when first needed: the native canvas and pdf.js are large, and only this command uses them. */
async function tools() {
  // The CLI's bundle (CommonJS) and the benchmark's (a require made for it) have require; the tests run
  // the source as a module, with the __filename vitest gives it. The .wasm comes from the package either way.
  const resolver = typeof require === 'function' ? require : createRequire(__filename);
  const canvas = await import('@napi-rs/canvas');
  prepareQrReader({ binary: readFileSync(resolver.resolve('zxing-wasm/reader/zxing_reader.wasm')) });
  return { canvas };
}

async function measure(image: RgbaImage): Promise<PageMeasurement> {
  return readPage(image, await decodeQr(image));
}

/** A page drawn at about 200 dpi: its pixels, and a JPEG of it made on demand. */
export interface DrawnPage {
  pixels: RgbaImage;
  jpeg: () => Promise<Buffer>;
}

/**
 * Draws every page of a PDF at 200 dpi (less for a page so large that 200 dpi would pass the pixel
 * limit: a hostile file), one after the other, each handed to `use` before the next is drawn.
 */
export async function drawPdfPages(
  data: Uint8Array,
  fileName: string,
  use: (page: DrawnPage, index: number) => Promise<void>,
): Promise<void> {
  const { canvas } = await tools();
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data, ...pdfOpenOptions }).promise;
  try {
    if (document.numPages > scanLimits.pages) {
      throw new AppError('too_large', 'returnForms.errors.tooManyPages', {
        file: fileName,
        pages: document.numPages,
        limit: scanLimits.pages,
      });
    }
    for (let index = 1; index <= document.numPages; index += 1) {
      const page = await document.getPage(index);
      const natural = page.getViewport({ scale: DPI / 72 });
      const shrink = Math.min(1, Math.sqrt(scanLimits.pagePixels / (natural.width * natural.height)));
      const viewport = page.getViewport({ scale: (DPI / 72) * shrink });
      const surface = canvas.createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const context = surface.getContext('2d');
      context.fillStyle = '#fff';
      context.fillRect(0, 0, surface.width, surface.height);
      // pdf.js types its canvas as the DOM's; @napi-rs/canvas is what it uses under Node itself.
      type RenderParameters = Parameters<typeof page.render>[0];
      await page.render({ canvas: surface, canvasContext: context, viewport } as unknown as RenderParameters).promise;
      await use({ pixels: context.getImageData(0, 0, surface.width, surface.height), jpeg: () => surface.encode('jpeg', 80) }, index);
      page.cleanup();
    }
  } finally {
    await document.destroy();
  }
}

/** Every page of the files, in order; a file that is not a scan, too large or broken is refused naming it. */
export async function readScanFiles(files: string[], onPage: (page: ScanPage) => void): Promise<void> {
  const loaded = await tools();
  for (const file of files) {
    const fileName = path.basename(file);
    let size: number;
    let modified: Date;
    try {
      ({ size, mtime: modified } = statSync(file));
    } catch {
      throw new AppError('not_found', 'import.issues.notFound', { file: fileName });
    }
    const head = Buffer.alloc(64);
    const handle = openSync(file, 'r');
    try {
      readSync(handle, head, 0, 64, 0);
    } finally {
      closeSync(handle);
    }
    const kind = sniffScan(head, fileName, size);
    if (typeof kind !== 'string') throw refused(kind);
    const data = readFileSync(file);
    const tooLarge = kind === 'pdf' ? null : imageRefusal(data, kind, fileName);
    if (tooLarge) throw refused(tooLarge);
    // A file dated ahead (a camera's wrong clock) counts as read today: a consent is never dated ahead.
    const scanDate = [localDate(modified), localToday()].sort()[0]!;
    try {
      if (kind === 'pdf') {
        await drawPdfPages(new Uint8Array(data), fileName, async (page, filePage) =>
          onPage({ fileName, filePage, scanDate, measurement: await measure(page.pixels), jpeg: await page.jpeg() }),
        );
      } else {
        const image = await loaded.canvas.loadImage(data);
        // A photo larger than a page needs is read smaller (a 48-megapixel phone photo: a quarter).
        const shrink = Math.min(1, Math.sqrt(scanLimits.pagePixels / (image.width * image.height)));
        const width = Math.max(1, Math.round(image.width * shrink));
        const height = Math.max(1, Math.round(image.height * shrink));
        const surface = loaded.canvas.createCanvas(width, height);
        const context = surface.getContext('2d');
        context.drawImage(image, 0, 0, width, height);
        const pixels = context.getImageData(0, 0, width, height);
        onPage({
          fileName,
          filePage: 1,
          scanDate,
          measurement: await measure(pixels),
          // Drawn again, never the file itself: a photo's EXIF (place, device) is not kept as proof.
          jpeg: await surface.encode('jpeg', 80),
        });
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('invalid_input', 'returnForms.errors.unreadableFile', { file: fileName });
    }
  }
}
