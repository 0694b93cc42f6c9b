import { imageRefusal, type ScanKind, type ScanRefusal, scanLimits, sniffScan } from '../../../../shared/scan/scan-files';

/**
 * What "Rückläufer einlesen" reads in the window, beside the limits it shares with the CLI
 * (shared/scan/scan-files.ts: what a file is by its first bytes, its size, a photo's pixels): how a page
 * is drawn, and the sentences for what the window itself cannot read. Pure functions, no DOM:
 * unit-tested in Node.
 */

/** Why a file or a page was not read: a catalogue key with its values (the CLI's refusals, or the window's own). */
export type ScanProblem = ScanRefusal;

/** The forms are read at about 200 dpi: the boxes and the QR code's modules are large enough at that. */
export const READ_DPI = 200;
const POINTS_PER_INCH = 72;
const MM_PER_INCH = 25.4;
/**
 * A PDF page is drawn with at most as many pixels as the CLI reads a page at (A4 at 200 dpi has 3.9
 * million, A3 7.8). A page declared larger is drawn at less than 200 dpi: some scanner programs declare
 * 58 × 82 cm for an A4 scan (a point for every pixel), and its picture is as sharp as ever.
 */
export const MAX_PAGE_PIXELS = scanLimits.pagePixels;
/** Below this a page would be drawn too coarsely to read anything: a page of metres is no form. */
const MIN_DPI = 50;
/**
 * A photo is scaled down so that its long side has at most this many pixels: an A4 page filling most
 * of the picture is then read at about 200 dpi (A4's long side at 200 dpi is 2,339 pixels).
 */
export const PHOTO_LONG_SIDE = 2800;

// How pdf.js opens a scanner's PDF: the same in the window and the CLI (shared/scan/scan-files.ts).
export { pdfOpenOptions } from '../../../../shared/scan/scan-files';

/**
 * How long opening a PDF and drawing one of its pages may take. A scanner's PDF of 1,000 pages opens in
 * seconds and a page draws in well under one; a file that takes longer is broken or built to hang the
 * reading, and is given up (the rest of it too: its next page would hang as well).
 */
export const PDF_OPEN_SECONDS = 60;
export const PDF_PAGE_SECONDS = 30;

const problem = (key: string, vars: Record<string, string | number>): ScanProblem => ({ key: `returnFormsView.problems.${key}`, vars });

/**
 * A file's kind by its first bytes (at least 16), or why it is refused (shared with the CLI). A HEIC
 * photo is named as one even when its header is not there to say so: an iPhone photo gets the sentence
 * that helps, not "not a scan".
 */
export function checkScanFile(name: string, size: number, head: Uint8Array): ScanKind | ScanProblem {
  if (size === 0) return problem('empty', { file: name });
  const kind = sniffScan(head, name, size);
  if (typeof kind !== 'string' && kind.key === 'returnForms.errors.notAScan' && /\.(heic|heif)$/i.test(name)) {
    return { key: 'returnForms.errors.heic', vars: { file: name } };
  }
  return kind;
}

/** A photo's refusal for its pixels (from its header, before it is decoded: a decompression bomb is refused unopened). */
export const checkPhoto = (name: string, bytes: Uint8Array, kind: 'jpeg' | 'png'): ScanProblem | null => imageRefusal(bytes, kind, name);

/** A photo's size to read it at: the long side at most PHOTO_LONG_SIDE, never enlarged. */
export function photoReadSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, PHOTO_LONG_SIDE / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * How to draw a PDF page, from its size in points (1/72 inch): at 200 dpi, or smaller when that would
 * take more than MAX_PAGE_PIXELS; refused (with its size in centimetres, as the office would measure
 * it) when it has no size or is so large that it would be drawn at less than 50 dpi.
 */
export function pdfPageReadSize(
  file: string,
  page: number,
  widthPt: number,
  heightPt: number,
): { scale: number; width: number; height: number } | { problem: ScanProblem } {
  const area = widthPt * heightPt;
  const scale = Math.min(READ_DPI / POINTS_PER_INCH, Math.sqrt(MAX_PAGE_PIXELS / area));
  if (!(widthPt > 0 && heightPt > 0 && Number.isFinite(area)) || scale < MIN_DPI / POINTS_PER_INCH) {
    const cm = (points: number) => (Number.isFinite(points) ? Math.round((points / POINTS_PER_INCH) * MM_PER_INCH) / 10 : 0);
    return { problem: problem('pageTooLarge', { file, page, width: cm(widthPt), height: cm(heightPt) }) };
  }
  const width = Math.max(1, Math.floor(widthPt * scale));
  const height = Math.max(1, Math.floor(heightPt * scale));
  return { scale, width, height };
}

/**
 * Whether the next file fits in this reading: the stack may have scanLimits.pages pages at most (all
 * files together); a file that would go beyond is refused whole, so that none is read in part unnoticed.
 */
export function pagesAllowed(file: string, pagesSoFar: number, pagesInFile: number): ScanProblem | null {
  if (pagesSoFar + pagesInFile <= scanLimits.pages) return null;
  const vars = { file, pages: pagesInFile, limit: scanLimits.pages };
  // Alone too many (the CLI's sentence), or too many with the files before it (read it on its own).
  return pagesInFile > scanLimits.pages ? { key: 'returnForms.errors.tooManyPages', vars } : problem('tooManyPagesTogether', vars);
}

/** A page or file the window could not read, named. */
export const unreadable = (file: string, page?: number): ScanProblem =>
  page === undefined ? { key: 'returnForms.errors.unreadableFile', vars: { file } } : problem('unreadablePage', { file, page });

/** A PDF that did not open within PDF_OPEN_SECONDS. */
export const openTimedOut = (file: string): ScanProblem => ({
  key: 'returnForms.errors.openTimeout',
  vars: { file, seconds: PDF_OPEN_SECONDS },
});

/** A PDF page that did not draw within PDF_PAGE_SECONDS: that page and the rest of its file are not read. */
export const pageTimedOut = (file: string, page: number): ScanProblem => ({
  key: 'returnForms.errors.pageTimeout',
  vars: { file, page, seconds: PDF_PAGE_SECONDS },
});

export const passwordProtected = (file: string): ScanProblem => problem('passwordPdf', { file });
