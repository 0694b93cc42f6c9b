import type { PageMeasurement } from '../../../../shared/scan/read-page';

/** A page for the scan reader's worker: pixels of a PDF page drawn at 200 dpi (the buffer is handed over), or a photo file. */
export type PageJob = { kind: 'pixels'; width: number; height: number; pixels: ArrayBuffer } | { kind: 'photo'; file: Blob };

/** A page as sent: with the number its answer carries. */
export type WorkerJob = PageJob & { id: number };

/** What the worker read on the page, with the page's picture (JPEG) and its size; or why it could not. */
export type WorkerAnswer =
  | { id: number; ok: true; measurement: PageMeasurement; jpeg: Blob; width: number; height: number }
  | { id: number; ok: false; reason: 'unreadableImage' | 'failed' };
