import type { PageReading } from '../model/return-forms';
import { CORNER_MARK_MM, cornerMarks, TICK_BOX_MM } from './return-form';

/**
 * Reads one scanned page of a returned consent form (issue 18): finds the three corner marks, aligns
 * the page on them (any turn, skew and scale), then finds the tick boxes and the signature lines on the
 * aligned page and measures how much ink is in and above them. It only measures; what a measurement
 * means (ticked, empty, unclear; which box is which purpose) the services decide
 * (electron/services/return-forms.ts), with the form's text version at hand.
 *
 * Written here rather than taken from a library: the OMR libraries on npm either need OpenCV (8 MB of
 * WebAssembly, for three blobs and a few squares) or read fixed templates made in their own designer;
 * this page's boxes move with the form's text, so they are found, not looked up.
 */

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

interface Point {
  x: number;
  y: number;
}

/** Page mm → image pixels: x' = a·x + b·y + c, y' = d·x + e·y + f. */
interface Affine {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The aligned page is looked at in this many pixels a millimetre (200 dpi is 7.9). */
const SCALE = 6;
/** Where boxes and signatures can be on the form, in mm (below the heading and the "Von:" box, above the bottom marks). */
const REGION = { x0: 18, y0: 95, x1: 200, y1: 292 };

export function toGray(image: RgbaImage): Gray {
  const { width, height, data } = image;
  const gray = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < gray.length; i += 1, j += 4) {
    gray[i] = (data[j]! * 77 + data[j + 1]! * 150 + data[j + 2]! * 29) >> 8;
  }
  return { width, height, data: gray };
}

/** The paper's brightness: the level 90 % of the pixels are darker than or equal to (most of a form is paper). */
function paperLevel(gray: Gray): number {
  const histogram = new Uint32Array(256);
  const step = Math.max(1, Math.floor(gray.data.length / 200_000));
  let count = 0;
  for (let i = 0; i < gray.data.length; i += step) {
    histogram[gray.data[i]!]! += 1;
    count += 1;
  }
  let seen = 0;
  for (let level = 0; level < 256; level += 1) {
    seen += histogram[level]!;
    if (seen >= count * 0.9) return Math.max(level, 60);
  }
  return 255;
}

/** The page shrunk by `factor` (the mean of each block): for finding the corner marks quickly. */
function shrink(gray: Gray, factor: number): Gray {
  const width = Math.floor(gray.width / factor);
  const height = Math.floor(gray.height / factor);
  const data = new Uint8Array(width * height);
  const area = factor * factor;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy += 1) {
        const row = (y * factor + dy) * gray.width + x * factor;
        for (let dx = 0; dx < factor; dx += 1) sum += gray.data[row + dx]!;
      }
      data[y * width + x] = sum / area;
    }
  }
  return { width, height, data };
}

interface Blob {
  area: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  cx: number;
  cy: number;
}

/** The dark connected areas of an image (4-neighbourhood), each with its size, bounds and centre. */
function darkBlobs(gray: Gray, threshold: number, minArea: number, maxArea: number): Blob[] {
  const { width, height, data } = gray;
  const seen = new Uint8Array(width * height);
  const stack = new Int32Array(width * height);
  const blobs: Blob[] = [];
  for (let start = 0; start < data.length; start += 1) {
    if (seen[start] || data[start]! >= threshold) continue;
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    const blob: Blob = { area: 0, x0: width, y0: height, x1: 0, y1: 0, cx: 0, cy: 0 };
    while (top > 0) {
      const at = stack[--top]!;
      const x = at % width;
      const y = (at - x) / width;
      blob.area += 1;
      blob.cx += x;
      blob.cy += y;
      if (x < blob.x0) blob.x0 = x;
      if (x > blob.x1) blob.x1 = x;
      if (y < blob.y0) blob.y0 = y;
      if (y > blob.y1) blob.y1 = y;
      const neighbours = [x > 0 ? at - 1 : -1, x < width - 1 ? at + 1 : -1, y > 0 ? at - width : -1, y < height - 1 ? at + width : -1];
      for (const next of neighbours) {
        if (next >= 0 && !seen[next] && data[next]! < threshold) {
          seen[next] = 1;
          stack[top++] = next;
        }
      }
    }
    if (blob.area >= minArea && blob.area <= maxArea) {
      blob.cx /= blob.area;
      blob.cy /= blob.area;
      blobs.push(blob);
    }
  }
  return blobs;
}

const MARK_AB = cornerMarks.topRight.x - cornerMarks.topLeft.x;
const MARK_AC = cornerMarks.bottomLeft.y - cornerMarks.topLeft.y;

/**
 * The three corner marks on the shrunk page: of the solid square blobs, the three that stand as the
 * marks do (a right angle at the top left one, the sides in the page's proportion, the top right one to
 * its right when the page is upright: a mirror image is refused), as centres on the shrunk page.
 */
function findMarks(small: Gray, paper: number, pixelsPerMm: number): [Point, Point, Point] | null {
  // The page fills most of a scan; a photo may show it smaller: a broad guess of the marks' size.
  const markPixels = CORNER_MARK_MM * pixelsPerMm;
  const blobs = darkBlobs(small, paper * 0.55, (markPixels * 0.45) ** 2 * 0.6, (markPixels * 1.3) ** 2 * 1.6).filter((blob) => {
    const w = blob.x1 - blob.x0 + 1;
    const h = blob.y1 - blob.y0 + 1;
    return w / h > 0.6 && w / h < 1.6 && blob.area / (w * h) > 0.55;
  });
  if (blobs.length > 60) blobs.sort((p, q) => q.area - p.area).splice(60);
  let best: { score: number; marks: [Point, Point, Point] } | null = null;
  for (const a of blobs) {
    for (const b of blobs) {
      if (b === a) continue;
      const ab = { x: b.cx - a.cx, y: b.cy - a.cy };
      const lengthAb = Math.hypot(ab.x, ab.y);
      const side = lengthAb / MARK_AB;
      // Each mark as large as the distances say (its area does not change when the page is turned).
      if (Math.abs(Math.sqrt(a.area) / (CORNER_MARK_MM * side) - 1) > 0.35) continue;
      if (Math.abs(Math.sqrt(b.area) / (CORNER_MARK_MM * side) - 1) > 0.35) continue;
      for (const c of blobs) {
        if (c === a || c === b) continue;
        const ac = { x: c.cx - a.cx, y: c.cy - a.cy };
        const lengthAc = Math.hypot(ac.x, ac.y);
        const proportion = lengthAb / lengthAc / (MARK_AB / MARK_AC) - 1;
        const cosine = (ab.x * ac.x + ab.y * ac.y) / (lengthAb * lengthAc);
        const cross = ab.x * ac.y - ab.y * ac.x;
        if (Math.abs(proportion) > 0.06 || Math.abs(cosine) > 0.08 || cross <= 0) continue;
        if (Math.abs(Math.sqrt(c.area) / (CORNER_MARK_MM * side) - 1) > 0.35) continue;
        const score = Math.abs(proportion) + Math.abs(cosine);
        if (!best || score < best.score) {
          best = { score, marks: [a, b, c].map((blob) => ({ x: blob.cx, y: blob.cy })) as [Point, Point, Point] };
        }
      }
    }
  }
  return best?.marks ?? null;
}

/** A mark's centre on the full page: the middle of the dark pixels around where the shrunk page had it. */
function refineMark(gray: Gray, around: Point, radius: number, threshold: number): Point {
  let sx = 0;
  let sy = 0;
  let n = 0;
  const x0 = Math.max(0, Math.round(around.x - radius));
  const x1 = Math.min(gray.width - 1, Math.round(around.x + radius));
  const y0 = Math.max(0, Math.round(around.y - radius));
  const y1 = Math.min(gray.height - 1, Math.round(around.y + radius));
  for (let y = y0; y <= y1; y += 1) {
    for (let x = x0; x <= x1; x += 1) {
      if (gray.data[y * gray.width + x]! < threshold) {
        sx += x;
        sy += y;
        n += 1;
      }
    }
  }
  return n ? { x: sx / n + 0.5, y: sy / n + 0.5 } : around;
}

/** The transform from page mm to image pixels that puts the three marks where they were found. */
function affineFrom(topLeft: Point, topRight: Point, bottomLeft: Point): Affine {
  const a = (topRight.x - topLeft.x) / MARK_AB;
  const d = (topRight.y - topLeft.y) / MARK_AB;
  const b = (bottomLeft.x - topLeft.x) / MARK_AC;
  const e = (bottomLeft.y - topLeft.y) / MARK_AC;
  const { x, y } = cornerMarks.topLeft;
  return { a, b, c: topLeft.x - a * x - b * y, d, e, f: topLeft.y - d * x - e * y };
}

/** The page's region of interest, upright at SCALE pixels a mm (bilinear), paper where the scan ends. */
function alignedRegion(gray: Gray, transform: Affine, paper: number): Gray {
  const width = Math.round((REGION.x1 - REGION.x0) * SCALE);
  const height = Math.round((REGION.y1 - REGION.y0) * SCALE);
  const data = new Uint8Array(width * height);
  const { a, b, c, d, e, f } = transform;
  const step = 1 / SCALE;
  for (let v = 0; v < height; v += 1) {
    const my = REGION.y0 + (v + 0.5) * step;
    let ix = a * (REGION.x0 + 0.5 * step) + b * my + c;
    let iy = d * (REGION.x0 + 0.5 * step) + e * my + f;
    const dx = a * step;
    const dy = d * step;
    for (let u = 0; u < width; u += 1, ix += dx, iy += dy) {
      const x = ix - 0.5;
      const y = iy - 0.5;
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= gray.width || y0 + 1 >= gray.height) {
        data[v * width + u] = paper;
        continue;
      }
      const fx = x - x0;
      const fy = y - y0;
      const at = y0 * gray.width + x0;
      const top = gray.data[at]! + (gray.data[at + 1]! - gray.data[at]!) * fx;
      const bottom = gray.data[at + gray.width]! + (gray.data[at + gray.width + 1]! - gray.data[at + gray.width]!) * fx;
      data[v * width + u] = top + (bottom - top) * fy;
    }
  }
  return { width, height, data };
}

/** Per row, the running count of dark pixels (one extra column), for sums along a line in one step. */
function rowSums(image: Gray, threshold: number): Int32Array {
  const stride = image.width + 1;
  const sums = new Int32Array(stride * image.height);
  for (let y = 0; y < image.height; y += 1) {
    let sum = 0;
    for (let x = 0; x < image.width; x += 1) {
      if (image.data[y * image.width + x]! < threshold) sum += 1;
      sums[y * stride + x + 1] = sum;
    }
  }
  return sums;
}

/** The same per column. */
function columnSums(image: Gray, threshold: number): Int32Array {
  const stride = image.height + 1;
  const sums = new Int32Array(stride * image.width);
  for (let x = 0; x < image.width; x += 1) {
    let sum = 0;
    for (let y = 0; y < image.height; y += 1) {
      if (image.data[y * image.width + x]! < threshold) sum += 1;
      sums[x * stride + y + 1] = sum;
    }
  }
  return sums;
}

/** How many of the pixels in a rectangle (x0 ≤ x < x1, y0 ≤ y < y1) are darker than the threshold. */
function darkFraction(image: Gray, threshold: number, x0: number, y0: number, x1: number, y1: number): number {
  const left = Math.max(0, Math.round(x0));
  const right = Math.min(image.width, Math.round(x1));
  const top = Math.max(0, Math.round(y0));
  const bottom = Math.min(image.height, Math.round(y1));
  if (right <= left || bottom <= top) return 0;
  let dark = 0;
  for (let y = top; y < bottom; y += 1) {
    for (let x = left; x < right; x += 1) if (image.data[y * image.width + x]! < threshold) dark += 1;
  }
  return dark / ((right - left) * (bottom - top));
}

interface FoundBox {
  x: number;
  y: number;
  score: number;
}

/**
 * The tick boxes on the aligned page: squares of the boxes' size whose four sides are printed lines
 * (each side has a row or column of dark pixels along nearly its whole length, whatever is written
 * across it) with paper around them. Ink inside does not matter: a filled box is a box too.
 */
function findBoxes(image: Gray, threshold: number): FoundBox[] {
  const side = Math.round(TICK_BOX_MM * SCALE);
  const band = Math.max(2, Math.round(0.5 * SCALE));
  const rows = rowSums(image, threshold);
  const columns = columnSums(image, threshold);
  const rowStride = image.width + 1;
  const columnStride = image.height + 1;
  // The darkest line in a band of rows (or columns) along a side, as the part of the side it covers.
  const bestRow = (x: number, y: number) => {
    let best = 0;
    for (let r = y; r < y + band; r += 1) {
      const at = r * rowStride;
      const sum = rows[at + x + side]! - rows[at + x]!;
      if (sum > best) best = sum;
    }
    return best / side;
  };
  const bestColumn = (x: number, y: number) => {
    let best = 0;
    for (let c = x; c < x + band; c += 1) {
      const at = c * columnStride;
      const sum = columns[at + y + side]! - columns[at + y]!;
      if (sum > best) best = sum;
    }
    return best / side;
  };
  const candidates: FoundBox[] = [];
  for (let y = 0; y + side + band < image.height; y += 1) {
    for (let x = 0; x + side + band < image.width; x += 1) {
      // Cheap first: a box's top left corner is dark.
      if (image.data[(y + 1) * image.width + x + 1]! >= threshold && image.data[(y + 2) * image.width + x + 2]! >= threshold) continue;
      const top = bestRow(x, y);
      if (top < 0.75) continue;
      const left = bestColumn(x, y);
      if (left < 0.75) continue;
      const bottom = bestRow(x, y + side - band);
      if (bottom < 0.75) continue;
      const right = bestColumn(x + side - band, y);
      if (right < 0.75) continue;
      candidates.push({ x, y, score: top + left + bottom + right });
    }
  }
  candidates.sort((p, q) => q.score - p.score);
  const boxes: FoundBox[] = [];
  for (const candidate of candidates) {
    if (boxes.some((box) => Math.abs(box.x - candidate.x) < side * 0.7 && Math.abs(box.y - candidate.y) < side * 0.7)) continue;
    // Paper around it: a box stands clear of the text (2.5 mm to its words, a line's gap to the next row).
    const ring = Math.round(0.9 * SCALE);
    const gap = Math.round(0.35 * SCALE);
    const { x, y } = candidate;
    const around =
      (darkFraction(image, threshold, x - ring, y - ring, x + side + ring, y - gap) +
        darkFraction(image, threshold, x - ring, y + side + gap, x + side + ring, y + side + ring) +
        darkFraction(image, threshold, x - ring, y, x - gap, y + side) +
        darkFraction(image, threshold, x + side + gap, y, x + side + ring, y + side)) /
      4;
    if (around > 0.3) continue;
    boxes.push(candidate);
  }
  // Reading order: rows from the top (a box within 2 mm of a row's first is on it), each from the left.
  boxes.sort((p, q) => p.y - q.y);
  const ordered: FoundBox[] = [];
  while (boxes.length) {
    const rowTop = boxes[0]!.y;
    const row = boxes.filter((box) => box.y - rowTop < 2 * SCALE);
    ordered.push(...row.sort((p, q) => p.x - q.x));
    boxes.splice(0, row.length);
  }
  return ordered;
}

/**
 * The signature lines: the first row below the boxes with printed lines at least 30 mm long (the
 * form's signature row), each line with how much ink stands above it (up to 9 mm, the row's gap).
 */
function findSignatureLines(image: Gray, threshold: number, inkThreshold: number, below: number): PageMeasurement['signatureLines'] {
  const minimum = 30 * SCALE;
  const maxGap = Math.round(0.6 * SCALE);
  for (let y = Math.max(0, Math.round(below)); y < image.height; y += 1) {
    const runs: { x0: number; x1: number }[] = [];
    let start = -1;
    let lastDark = -1;
    for (let x = 0; x <= image.width; x += 1) {
      const dark = x < image.width && image.data[y * image.width + x]! < threshold;
      if (dark) {
        if (start < 0) start = x;
        lastDark = x;
      } else if (start >= 0 && x - lastDark > maxGap) {
        if (lastDark - start + 1 >= minimum) runs.push({ x0: start, x1: lastDark + 1 });
        start = -1;
      }
    }
    if (!runs.length) continue;
    // The line's own rows (0.3 mm): measured above its top row.
    return runs.map((run) => {
      const ink = darkFraction(image, inkThreshold, run.x0 + SCALE, y - 9 * SCALE, run.x1 - SCALE, y - 0.7 * SCALE);
      return {
        x0: REGION.x0 + run.x0 / SCALE,
        x1: REGION.x0 + run.x1 / SCALE,
        y: REGION.y0 + y / SCALE,
        ink: Math.min(1, ink),
      };
    });
  }
  return [];
}

/** The whole page nearly without ink: a blank sheet in the stack. */
function isBlank(gray: Gray, paper: number): boolean {
  const threshold = paper * 0.6;
  const step = Math.max(1, Math.floor(gray.data.length / 400_000));
  let dark = 0;
  let count = 0;
  for (let i = 0; i < gray.data.length; i += step) {
    if (gray.data[i]! < threshold) dark += 1;
    count += 1;
  }
  return dark / count < 0.0015;
}

export function readPage(image: RgbaImage, qr: QrFound | null): PageMeasurement {
  const gray = toGray(image);
  const paper = paperLevel(gray);
  const code = qr?.text ?? null;
  const blank = !qr && isBlank(gray, paper);
  const empty: PageMeasurement = { code, aligned: false, blank, boxes: [], signatureLines: [] };
  if (blank) return empty;
  // Shrunk to about 700 pixels on the long side: an A4 page then has about 2.4 pixels a mm.
  const factor = Math.max(1, Math.round(Math.max(gray.width, gray.height) / 700));
  const small = shrink(gray, factor);
  const pixelsPerMm = Math.max(small.width, small.height) / 297;
  const found = findMarks(small, paper, pixelsPerMm);
  if (!found) return empty;
  const fullMarks = found.map((mark) =>
    refineMark(gray, { x: (mark.x + 0.5) * factor, y: (mark.y + 0.5) * factor }, CORNER_MARK_MM * pixelsPerMm * factor * 0.8, paper * 0.55),
  ) as [Point, Point, Point];
  const transform = affineFrom(...fullMarks);
  const aligned = alignedRegion(gray, transform, paper);
  // Printed lines are black; a light pen is a mid grey: ink is anything clearly darker than the paper.
  const lineThreshold = paper * 0.6;
  const inkThreshold = paper * 0.78;
  const found_boxes = findBoxes(aligned, lineThreshold);
  const side = TICK_BOX_MM * SCALE;
  // Inside a box, clear of its printed border (0.3 mm) and of where the alignment may be off.
  const inset = 0.9 * SCALE;
  const boxes = found_boxes.map((box) => ({
    x: REGION.x0 + box.x / SCALE,
    y: REGION.y0 + box.y / SCALE,
    darkness: darkFraction(aligned, inkThreshold, box.x + inset, box.y + inset, box.x + side - inset, box.y + side - inset),
  }));
  const lastBox = found_boxes.reduce((bottom, box) => Math.max(bottom, box.y + side), 0);
  const signatureLines = found_boxes.length ? findSignatureLines(aligned, lineThreshold, inkThreshold, lastBox + 3 * SCALE) : [];
  return { code, aligned: true, blank: false, boxes, signatureLines };
}
