import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { localDate } from '../../shared/local-date';
import { decodeQr, prepareQrReader } from '../../shared/scan/decode-qr';
import { type PageMeasurement, readPage, type RgbaImage } from '../../shared/scan/read-page';
import { imageRefusal, scanLimits, sniffScan, type ScanRefusal } from '../../shared/scan/scan-files';
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
  // __filename: the bundle's (the CLI) or the source's (the tests); the .wasm comes from the package either way.
  const require = createRequire(__filename);
  const canvas = await import('@napi-rs/canvas');
  prepareQrReader({ binary: readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm')) });
  return { canvas };
}

type Tools = Awaited<ReturnType<typeof tools>>;

async function measure(image: RgbaImage): Promise<PageMeasurement> {
  return readPage(image, await decodeQr(image));
}

async function pdfPages(
  file: string,
  data: Uint8Array,
  { canvas }: Tools,
  onPage: (page: ScanPage['measurement'], jpeg: Buffer, index: number) => void,
) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data, isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 })
    .promise;
  try {
    if (document.numPages > scanLimits.pages) {
      throw new AppError('too_large', 'returnForms.errors.tooManyPages', {
        file: path.basename(file),
        pages: document.numPages,
        limit: scanLimits.pages,
      });
    }
    for (let index = 1; index <= document.numPages; index += 1) {
      const page = await document.getPage(index);
      // 200 dpi, or less for a page so large that 200 dpi would pass the pixel limit (a hostile file).
      const natural = page.getViewport({ scale: DPI / 72 });
      const shrink = Math.min(1, Math.sqrt(scanLimits.pixels / (natural.width * natural.height)));
      const viewport = page.getViewport({ scale: (DPI / 72) * shrink });
      const surface = canvas.createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const context = surface.getContext('2d');
      context.fillStyle = '#fff';
      context.fillRect(0, 0, surface.width, surface.height);
      // pdf.js types its canvas as the DOM's; @napi-rs/canvas is what it uses under Node itself.
      type RenderParameters = Parameters<typeof page.render>[0];
      await page.render({ canvas: surface, canvasContext: context, viewport } as unknown as RenderParameters).promise;
      const pixels = context.getImageData(0, 0, surface.width, surface.height);
      onPage(await measure(pixels), await surface.encode('jpeg', 80), index);
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
    const scanDate = localDate(modified);
    try {
      if (kind === 'pdf') {
        await pdfPages(file, new Uint8Array(data), loaded, (measurement, jpeg, filePage) =>
          onPage({ fileName, filePage, scanDate, measurement, jpeg }),
        );
      } else {
        const image = await loaded.canvas.loadImage(data);
        const surface = loaded.canvas.createCanvas(image.width, image.height);
        const context = surface.getContext('2d');
        context.drawImage(image, 0, 0);
        const pixels = context.getImageData(0, 0, image.width, image.height);
        onPage({
          fileName,
          filePage: 1,
          scanDate,
          measurement: await measure(pixels),
          jpeg: kind === 'jpeg' ? data : await surface.encode('jpeg', 80),
        });
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('invalid_input', 'returnForms.errors.unreadableFile', { file: fileName });
    }
  }
}
