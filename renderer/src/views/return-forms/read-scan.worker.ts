import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { decodeQr, prepareQrReader } from '../../../../shared/scan/decode-qr';
import { readPage } from '../../../../shared/scan/read-page';
import type { WorkerAnswer, WorkerJob } from './read-scan-messages';
import { photoReadSize } from './scan-files';

/**
 * The scan reader's own thread: the QR code and the boxes of each page are read here, and the page's
 * picture is made (JPEG), so that the window stays responsive through a stack of hundreds of pages.
 * Pages arrive as pixels (a PDF page the window drew) or as a photo file, which is decoded here.
 */

// The QR reader's WebAssembly from the app's own files (Vite's address of the package's file), never a CDN.
prepareQrReader({ url: wasmUrl });

/** The page's picture for the review and as proof: JPEG at 0.8 is sharp enough to read the ticks and a signature. */
const JPEG_QUALITY = 0.8;

// The project's types are the window's (DOM); a worker's global scope is described here by what is used.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerJob>) => void) | null;
  postMessage: (message: WorkerAnswer) => void;
};

scope.onmessage = (event: MessageEvent<WorkerJob>) => {
  const job = event.data;
  void answer(job).then(
    (result) => scope.postMessage(result),
    // Only that the page failed goes back: the window names the file and page in its own words.
    () => scope.postMessage({ id: job.id, ok: false, reason: 'failed' } satisfies WorkerAnswer),
  );
};

async function answer(job: WorkerJob): Promise<WorkerAnswer> {
  const image =
    job.kind === 'pixels' ? new ImageData(new Uint8ClampedArray(job.pixels), job.width, job.height) : await decodePhoto(job.file);
  if (!image) return { id: job.id, ok: false, reason: 'unreadableImage' };
  const canvas = new OffscreenCanvas(image.width, image.height);
  canvas.getContext('2d')!.putImageData(image, 0, 0);
  const jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
  const qr = await decodeQr(image);
  const measurement = readPage(image, qr);
  return { id: job.id, ok: true, measurement, jpeg, width: image.width, height: image.height };
}

/**
 * A photo as pixels at about 200 dpi, turned the way the camera says (EXIF), on white (a PNG with
 * transparency reads as paper, not black). Null when the browser cannot decode it.
 */
async function decodePhoto(file: Blob): Promise<ImageData | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return null;
  }
  try {
    const { width, height } = photoReadSize(bitmap.width, bitmap.height);
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    return context.getImageData(0, 0, width, height);
  } finally {
    bitmap.close();
  }
}
