import type { PageReading } from '../model/return-forms';

/** A page as pixels: RGBA, four bytes a pixel (a canvas's ImageData, or the same shape under Node). */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray | Uint8Array;
}

/** A QR code found on a page: its text and its four corners in pixels (top left, top right, bottom right, bottom left of the symbol). */
export interface QrFound {
  text: string;
  corners: { x: number; y: number }[];
}

/** What one page says, before the services look at it. */
export type PageMeasurement = Omit<PageReading, 'page' | 'fileName' | 'filePage'>;

// WORK IN PROGRESS (issue 18): the reader is written next.
export function readPage(_image: RgbaImage, _qr: QrFound | null): PageMeasurement {
  throw new Error('not yet');
}
