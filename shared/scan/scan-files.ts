/**
 * What a stack of returned forms may be (issue 18), checked before anything is decoded, the same in the
 * renderer and the CLI: a PDF from the office scanner or photos (JPEG, PNG), within limits that keep a
 * hostile or broken file from taking the computer's memory.
 */
export const scanLimits = {
  /** A scanner's PDF of 1,000 pages at 200 dpi is about 150 MB. */
  pdfBytes: 250 * 1024 * 1024,
  imageBytes: 40 * 1024 * 1024,
  pages: 1000,
  /** Pixels of an image to decode: a phone's 48-megapixel photo passes, more is refused. */
  pixels: 50_000_000,
  /**
   * Pixels a page is read at: A4 at 200 dpi is 3.9 million, A3 7.8; a larger image or PDF page is drawn
   * smaller to this (a PDF page of 5 × 5 m would otherwise take gigabytes).
   */
  pagePixels: 12_000_000,
} as const;

/**
 * How pdf.js opens a scanner's PDF, in the window and the CLI. Scans are pictures: no fonts are loaded
 * into the page (the CSP allows none from data:), no code is generated, no XFA forms. An embedded
 * picture of more pixels than a photo may have is left out rather than decoded: a hostile PDF (a small
 * compressed stream claiming gigabytes of pixels) cannot make either decode it.
 */
export const pdfOpenOptions = {
  isEvalSupported: false,
  disableFontFace: true,
  useSystemFonts: false,
  enableXfa: false,
  maxImageSize: scanLimits.pixels,
  verbosity: 0,
} as const;

export type ScanKind = 'pdf' | 'jpeg' | 'png';

/** Why a file is refused: a catalogue key under returnForms.errors and its values. */
export interface ScanRefusal {
  key: string;
  vars: Record<string, string | number>;
}

const startsWith = (bytes: Uint8Array, text: string, at = 0) =>
  [...text].every((character, i) => bytes[at + i] === character.charCodeAt(0));

/** The file's kind by its first bytes (its name may lie), or why it is refused. */
export function sniffScan(head: Uint8Array, fileName: string, size: number): ScanKind | ScanRefusal {
  const file = fileName;
  let kind: ScanKind | null = null;
  if (startsWith(head, '%PDF-')) kind = 'pdf';
  else if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) kind = 'jpeg';
  else if (startsWith(head, '\x89PNG\r\n\x1a\n')) kind = 'png';
  // HEIC, as an iPhone saves photos: Chromium cannot decode it.
  else if (startsWith(head, 'ftyp', 4) && /^(heic|heix|hevc|mif1|msf1)$/.test(String.fromCharCode(...head.slice(8, 12)))) {
    return { key: 'returnForms.errors.heic', vars: { file } };
  }
  if (!kind) return { key: 'returnForms.errors.notAScan', vars: { file } };
  const limit = kind === 'pdf' ? scanLimits.pdfBytes : scanLimits.imageBytes;
  if (size > limit)
    return { key: 'returnForms.errors.fileTooLarge', vars: { file, size: Math.round(size / 1024 / 1024), limit: limit / 1024 / 1024 } };
  return kind;
}

/** An image's width and height from its header (PNG's IHDR, JPEG's frame header), or null if none is found. */
export function imageSize(data: Uint8Array, kind: 'jpeg' | 'png'): { width: number; height: number } | null {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (kind === 'png') return data.length >= 24 ? { width: view.getUint32(16), height: view.getUint32(20) } : null;
  // JPEG: walk the segments to the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC).
  let at = 2;
  while (at + 9 < data.length) {
    if (data[at] !== 0xff) return null;
    const marker = data[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = view.getUint16(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    }
    at += 2 + length;
  }
  return null;
}

/** Why an image is refused for its size in pixels, or null when it may be decoded. */
export function imageRefusal(data: Uint8Array, kind: 'jpeg' | 'png', file: string): ScanRefusal | null {
  const size = imageSize(data, kind);
  if (!size) return { key: 'returnForms.errors.notAScan', vars: { file } };
  if (size.width * size.height > scanLimits.pixels || size.width === 0 || size.height === 0) {
    return { key: 'returnForms.errors.tooManyPixels', vars: { file, width: size.width, height: size.height } };
  }
  return null;
}
