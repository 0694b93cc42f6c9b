import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import type { QrFound, RgbaImage } from './read-page';

/**
 * The QR reader: ZXing-C++ compiled to WebAssembly (zxing-wasm), the same in the renderer, a worker and
 * the CLI. It reads codes turned any way and skewed from whole pages (jsQR did not, at 300 dpi). By
 * default it would fetch its .wasm from a CDN, which the app never does: the caller hands it the file
 * from the app's own files first, as bytes (Node: the package's reader/zxing_reader.wasm) or as an
 * address served by the app (the renderer: Vite's asset URL of the same file).
 */
export function prepareQrReader(wasm: { binary: ArrayBuffer | Uint8Array } | { url: string }): void {
  const overrides =
    'binary' in wasm
      ? { wasmBinary: wasm.binary instanceof Uint8Array ? (wasm.binary.slice().buffer as ArrayBuffer) : wasm.binary }
      : { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasm.url : prefix + path) };
  prepareZXingModule({ overrides, fireImmediately: false });
}

/** The first QR code on the page with its corners, or null (prepareQrReader must have been called). */
export async function decodeQr(image: RgbaImage): Promise<QrFound | null> {
  // zxing-wasm takes anything shaped like ImageData (width, height, RGBA data); Node has no ImageData class.
  const pixels = { width: image.width, height: image.height, data: image.data } as unknown as Parameters<typeof readBarcodes>[0];
  const results = await readBarcodes(pixels, {
    formats: ['QRCode'],
    tryHarder: true,
    tryRotate: true,
    tryInvert: false,
    tryDownscale: true,
    maxNumberOfSymbols: 1,
  });
  const found = results.find((result) => result.isValid && result.text);
  if (!found) return null;
  const { topLeft, topRight, bottomRight, bottomLeft } = found.position;
  return { text: found.text, corners: [topLeft, topRight, bottomRight, bottomLeft] };
}
