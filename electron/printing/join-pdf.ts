/**
 * Joins the PDFs Chromium printed for the parts of one batch into one file without parsing them
 * through: each part's objects are copied byte for byte under new numbers, and its page tree is hung
 * under a new root. Chromium (Skia) writes plain PDFs with a classic cross-reference table; anything
 * else (object or cross-reference streams, incremental updates, encryption) is refused with
 * UnsupportedPdfError, and the caller joins them with pdf-lib instead (print-in-parts.ts). Pages
 * printed in two layers are put together here too (see PdfJoiner).
 *
 * Why not pdf-lib for everything: it reads every object of every part and writes them all again at the
 * end, about half a second of 1,000 letters' time, most of it after the last part is printed.
 */
export class UnsupportedPdfError extends Error {}

const CATALOG = 1;
const ROOT_PAGES = 2;
const latin1 = new TextDecoder('latin1');
const encoder = (text: string) => Buffer.from(text, 'latin1');

/** Bytes of PDF syntax. */
const byte = (char: string) => char.charCodeAt(0);
const [PAREN_OPEN, PAREN_CLOSE, BACKSLASH, LESS, GREATER, BRACKET_OPEN, BRACKET_CLOSE, PERCENT] = [
  '(',
  ')',
  '\\',
  '<',
  '>',
  '[',
  ']',
  '%',
].map(byte) as [number, number, number, number, number, number, number, number];
const isWhitespace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;

interface PartObject {
  number: number;
  start: number;
  end: number;
}

interface Part {
  objects: PartObject[];
  /** The highest object number in the part. */
  highest: number;
  catalog: number;
  info: number | null;
}

/** The part's objects from its cross-reference table, each with its extent in the file. */
function readPart(bytes: Uint8Array): Part {
  const tail = latin1.decode(bytes.subarray(Math.max(0, bytes.length - 64)));
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!startxref) throw new UnsupportedPdfError('no startxref at the end');
  const xrefOffset = Number(startxref[1]);
  const table = latin1.decode(bytes.subarray(xrefOffset));
  const layout = /^xref\s+([\s\S]*?)trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(table);
  if (!layout) throw new UnsupportedPdfError('no classic cross-reference table');
  const [, entries, trailer] = layout as unknown as [string, string, string];
  if (/\/(Prev|Encrypt|XRefStm)\b/.test(trailer)) throw new UnsupportedPdfError('incremental update or encryption');

  const objects: PartObject[] = [];
  const sections = /(\d+)\s+(\d+)\s+((?:\d{10} \d{5} [nf]\s*)*)/g;
  for (const [, first, , rows] of entries.matchAll(sections) as Iterable<[string, string, string, string]>) {
    let number = Number(first);
    for (const [, offset, generation, kind] of rows.matchAll(/(\d{10}) (\d{5}) ([nf])/g) as Iterable<[string, string, string, string]>) {
      if (kind === 'n') {
        if (generation !== '00000') throw new UnsupportedPdfError(`object ${number} has generation ${generation}`);
        objects.push({ number, start: Number(offset), end: 0 });
      }
      number += 1;
    }
  }
  // Each object reaches to the next one (or to the table): its bytes, whatever its stream holds.
  objects.sort((a, b) => a.start - b.start);
  for (const [index, object] of objects.entries()) object.end = objects[index + 1]?.start ?? xrefOffset;
  const catalog = /\/Root\s+(\d+)\s+0\s+R/.exec(trailer);
  if (!catalog || objects.length === 0) throw new UnsupportedPdfError('no catalog');
  const info = /\/Info\s+(\d+)\s+0\s+R/.exec(trailer);
  return {
    objects,
    highest: objects.reduce((most, o) => Math.max(most, o.number), 0),
    catalog: Number(catalog[1]),
    info: info ? Number(info[1]) : null,
  };
}

/** Skips a literal string "( … )" (nested parentheses, backslash escapes); returns the index after it. */
function skipString(bytes: Uint8Array, at: number, end: number): number {
  let depth = 0;
  for (let i = at; i < end; i += 1) {
    const b = bytes[i]!;
    if (b === BACKSLASH) i += 1;
    else if (b === PAREN_OPEN) depth += 1;
    else if (b === PAREN_CLOSE && --depth === 0) return i + 1;
  }
  throw new UnsupportedPdfError('unterminated string');
}

/**
 * Where an object's own syntax ends and its stream data begins (end of the object when it has no
 * stream), and where its literal strings lie (object numbers inside them are text, not references).
 */
function objectHead(bytes: Uint8Array, object: PartObject): { headEnd: number; strings: [number, number][] } {
  const strings: [number, number][] = [];
  // "12 0 obj", where the table says object 12 starts; a table that is off sends the part to pdf-lib.
  const header = /^\s*(\d+)\s+0\s+obj/.exec(latin1.decode(bytes.subarray(object.start, Math.min(object.end, object.start + 32))));
  if (!header || Number(header[1]) !== object.number) throw new UnsupportedPdfError(`object ${object.number} is not where the table says`);
  let i = object.start + header[0].length;
  let depth = 0;
  for (; i < object.end; i += 1) {
    const b = bytes[i]!;
    if (b === PAREN_OPEN) {
      const after = skipString(bytes, i, object.end);
      strings.push([i, after]);
      i = after - 1;
    } else if (b === PERCENT) {
      while (i < object.end && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i += 1;
    } else if (b === LESS && bytes[i + 1] === LESS) {
      depth += 1;
      i += 1;
    } else if (b === LESS) {
      // A hex string "<FEFF…>": no ">" inside, so its end cannot be taken for the end of a dictionary.
      while (i < object.end && bytes[i] !== GREATER) i += 1;
    } else if (b === GREATER && bytes[i + 1] === GREATER) {
      depth -= 1;
      i += 1;
      if (depth === 0) {
        i += 1;
        break;
      }
    } else if (b === BRACKET_OPEN) depth += 1;
    else if (b === BRACKET_CLOSE) depth -= 1;
    else if (depth === 0 && !isWhitespace(b)) return { headEnd: object.end, strings }; // a number, name, array … : no stream
  }
  while (i < object.end && isWhitespace(bytes[i]!)) i += 1;
  if (latin1.decode(bytes.subarray(i, i + 6)) !== 'stream') return { headEnd: object.end, strings };
  i += 6;
  if (bytes[i] === 0x0d) i += 1;
  if (bytes[i] === 0x0a) i += 1;
  return { headEnd: i, strings };
}

/** The object's syntax with every reference "n 0 R" (outside strings) and its own number moved by `shift`. */
function renumbered(bytes: Uint8Array, object: PartObject, headEnd: number, strings: [number, number][], shift: number): string {
  const pieces: string[] = [];
  let from = object.start;
  const shiftRefs = (text: string) =>
    text.replace(
      /(?<![\w./])(\d+)(\s+)(\d+)(\s+)R\b/g,
      (_, n: string, s1: string, g: string, s2: string) => `${Number(n) + shift}${s1}${g}${s2}R`,
    );
  for (const [start, end] of strings) {
    pieces.push(shiftRefs(latin1.decode(bytes.subarray(from, start))), latin1.decode(bytes.subarray(start, end)));
    from = end;
  }
  pieces.push(shiftRefs(latin1.decode(bytes.subarray(from, headEnd))));
  return pieces
    .join('')
    .replace(/^(\s*)(\d+)(\s+0\s+obj)/, (_, space: string, n: string, rest: string) => `${space}${Number(n) + shift}${rest}`);
}

/** An object of a part as it will be written: its syntax renumbered, its stream data as it was. */
interface CopiedObject {
  number: number;
  head: string;
  data: Uint8Array;
}

/** A part read and renumbered, not yet written. */
interface CopiedPart {
  objects: Map<number, CopiedObject>;
  pagesRoot: number;
  pageCount: number;
  info: number | null;
  version: string;
  highest: number;
}

/** What a page is drawn from, read from its (renumbered) dictionary: Chromium's pages, nothing more. */
function pageParts(page: CopiedObject): { parent: string; mediaBox: string; resources: string; contents: number } {
  const { head } = page;
  if (/\/(Annots|Group)\b/.test(head) || head.includes('('))
    throw new UnsupportedPdfError(`page ${page.number} has links, a transparency group or strings`);
  const mediaBox = /\/MediaBox\s*(\[[^\]]*\])/.exec(head)?.[1];
  const contents = /\/Contents\s+(\d+)\s+0\s+R/.exec(head)?.[1];
  const parent = /\/Parent\s+(\d+\s+0\s+R)/.exec(head)?.[1];
  const resourcesAt = head.indexOf('/Resources');
  if (!mediaBox || !contents || !parent || resourcesAt < 0) throw new UnsupportedPdfError(`page ${page.number} is not a plain page`);
  let resources = /^\/Resources\s*(\d+\s+0\s+R)/.exec(head.slice(resourcesAt))?.[1];
  if (!resources) {
    // An inline dictionary: up to the ">>" that closes its "<<".
    let depth = 0;
    let at = head.indexOf('<<', resourcesAt);
    const from = at;
    for (; at < head.length; at += 1) {
      if (head.startsWith('<<', at)) depth += 1;
      else if (head.startsWith('>>', at)) depth -= 1;
      else continue;
      if (depth === 0) break;
      at += 1;
    }
    if (from < 0 || depth !== 0) throw new UnsupportedPdfError(`page ${page.number} has no readable resources`);
    resources = head.slice(from, at + 2);
  }
  return { parent, mediaBox, resources, contents: Number(contents) };
}

/** The page's objects in page order, from the root of its page tree. */
function pagesInOrder(part: CopiedPart): CopiedObject[] {
  const pages: CopiedObject[] = [];
  const visit = (number: number, depth: number) => {
    const node = part.objects.get(number);
    if (!node || depth > 32) throw new UnsupportedPdfError(`the page tree is broken at ${number}`);
    if (/\/Type\s*\/Pages\b/.test(node.head)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node.head)?.[1] ?? '';
      for (const [, kid] of kids.matchAll(/(\d+)\s+0\s+R/g)) visit(Number(kid), depth + 1);
    } else pages.push(node);
  };
  visit(part.pagesRoot, 0);
  if (pages.length !== part.pageCount) throw new UnsupportedPdfError(`the page tree counts ${part.pageCount} pages, holds ${pages.length}`);
  return pages;
}

/** Turns the stream that draws a page into a form (with the page's resources and size); gives its number. */
function drawingAsForm(part: CopiedPart, page: CopiedObject, { mediaBox, resources, contents }: ReturnType<typeof pageParts>): number {
  const stream = part.objects.get(contents);
  if (!stream || !/stream\r?\n?$/.test(stream.head) || stream.head.includes('/Subtype /Form'))
    throw new UnsupportedPdfError(`page ${page.number} is not drawn by a stream of its own`);
  stream.head = stream.head.replace('<<', `<</Type /XObject /Subtype /Form /BBox ${mediaBox}\n/Resources ${resources}\n`);
  return contents;
}

/** The number of the content stream that draws the letters' two layers on every layered page. */
const LAYERS = 3;
const LAYERS_CONTENT = 'q /Shared Do Q q /Personal Do Q\n';

/**
 * Joins parts in the order they are added; finish() gives the one PDF. Letters printed in two layers
 * (shared/letters/layers.ts) come as one part of shared pages (addShared), then parts of personal
 * pages (add): each page's drawing becomes a form, and every page of the result draws its shared form
 * and then its personal one. The shared forms are written once, however many pages use them.
 */
export class PdfJoiner {
  private readonly chunks: Uint8Array[] = [];
  /** Byte offset of each object in the output, by its new number. */
  private readonly offsets = new Map<number, number>();
  private length = 0;
  private nextNumber = LAYERS + 1;
  private readonly kids: number[] = [];
  private pageCount = 0;
  private info: number | null = null;
  /** Once a shared layer is added: its pages as forms (object numbers), which of them lies under each personal page, and how many personal pages came. */
  private layers: { forms: number[]; underlays: readonly number[]; laidOver: number } | null = null;

  /** The newest PDF version among the parts ("1.4" from Chromium), written into the header at the end. */
  private version = '1.4';

  constructor() {
    this.write(this.header());
  }

  private header(): Uint8Array {
    return encoder(`%PDF-${this.version}\n%\xd3\xeb\xe9\xe1\n`);
  }

  /**
   * Adds a part's pages after those already added; refuses (UnsupportedPdfError) what it cannot join.
   * After addShared, the part is a personal layer: each page is drawn over its shared page.
   */
  add(bytes: Uint8Array): void {
    const part = this.copy(bytes);
    if (this.layers) this.layOver(part, this.layers);
    this.writePart(part);
    this.kids.push(part.pagesRoot);
    this.pageCount += part.pageCount;
    if (this.info === null && part.info !== null) this.info = part.info;
  }

  /**
   * Adds the shared layer's pages as forms for the personal pages to come (the n-th personal page lies
   * over shared page underlays[n]); they are no pages of the result.
   */
  addShared(bytes: Uint8Array, underlays: readonly number[]): void {
    if (this.layers || this.pageCount > 0) throw new Error('the shared layer comes first, and once');
    const part = this.copy(bytes);
    const pages = pagesInOrder(part);
    const forms = pages.map((page) => drawingAsForm(part, page, pageParts(page)));
    // The shared part's page tree and information dictionary are not written: only its drawings are used.
    for (const page of pages) part.objects.delete(page.number);
    for (const [number, object] of part.objects) if (/\/Type\s*\/Pages\b/.test(object.head)) part.objects.delete(number);
    if (part.info !== null) part.objects.delete(part.info);
    this.writePart(part);
    this.layers = { forms, underlays, laidOver: 0 };
  }

  /** The joined PDF: the parts' objects, a catalog, the page tree's root and the cross-reference table. */
  finish(): Uint8Array {
    if (this.layers) {
      if (this.layers.laidOver !== this.layers.underlays.length)
        throw new Error(`${this.layers.laidOver} personal pages for ${this.layers.underlays.length} underlays`);
      this.offsets.set(LAYERS, this.length);
      this.write(encoder(`${LAYERS} 0 obj\n<</Length ${LAYERS_CONTENT.length}>> stream\n${LAYERS_CONTENT}endstream\nendobj\n`));
    }
    this.offsets.set(CATALOG, this.length);
    this.write(encoder(`${CATALOG} 0 obj\n<</Type /Catalog\n/Pages ${ROOT_PAGES} 0 R>>\nendobj\n`));
    this.offsets.set(ROOT_PAGES, this.length);
    this.write(
      encoder(
        `${ROOT_PAGES} 0 obj\n<</Type /Pages\n/Count ${this.pageCount}\n/Kids [${this.kids.map((kid) => `${kid} 0 R`).join(' ')}]>>\nendobj\n`,
      ),
    );
    const xref = this.length;
    const rows = ['0000000000 65535 f \n'];
    for (let number = 1; number < this.nextNumber; number += 1) {
      const offset = this.offsets.get(number);
      // Numbers without an object (the parts' catalogs, gaps in a part) are free.
      rows.push(offset === undefined ? '0000000000 00000 f \n' : `${String(offset).padStart(10, '0')} 00000 n \n`);
    }
    const info = this.info === null ? '' : `\n/Info ${this.info} 0 R`;
    // "%PDF-1.4" and "%PDF-1.7" are as long as each other: the offsets written so far stay true.
    this.chunks[0] = this.header();
    this.write(
      encoder(
        `xref\n0 ${this.nextNumber}\n${rows.join('')}trailer\n<</Size ${this.nextNumber}\n/Root ${CATALOG} 0 R${info}>>\nstartxref\n${xref}\n%%EOF\n`,
      ),
    );
    return Buffer.concat(this.chunks);
  }

  /** Reads a part and renumbers it after the objects so far; everything is checked before anything is written, so a refused part leaves no trace. */
  private copy(bytes: Uint8Array): CopiedPart {
    const part = readPart(bytes);
    const version = /^%PDF-(\d\.\d)/.exec(latin1.decode(bytes.subarray(0, 8)))?.[1];
    if (!version) throw new UnsupportedPdfError('no PDF header');
    const shift = this.nextNumber - 1;
    const catalog = part.objects.find((o) => o.number === part.catalog);
    if (!catalog) throw new UnsupportedPdfError('the catalog is missing');
    const pagesRef = /\/Pages\s+(\d+)\s+0\s+R/.exec(latin1.decode(bytes.subarray(catalog.start, catalog.end)));
    if (!pagesRef) throw new UnsupportedPdfError('the catalog names no page tree');
    const pagesRoot = Number(pagesRef[1]) + shift;

    const objects = new Map<number, CopiedObject>();
    let pageCount = -1;
    for (const object of part.objects) {
      if (object.number === part.catalog) continue; // the joined file has a catalog of its own
      const { headEnd, strings } = objectHead(bytes, object);
      let head = renumbered(bytes, object, headEnd, strings, shift);
      const number = object.number + shift;
      if (number === pagesRoot) {
        const count = /\/Count\s+(\d+)/.exec(head);
        if (!count || !/\/Type\s*\/Pages\b/.test(head)) throw new UnsupportedPdfError('the page tree has no count');
        pageCount = Number(count[1]);
        head = head.replace('<<', `<</Parent ${ROOT_PAGES} 0 R\n`);
      }
      objects.set(number, { number, head, data: bytes.subarray(headEnd, object.end) });
    }
    if (pageCount < 0) throw new UnsupportedPdfError('the page tree is missing');
    return { objects, pagesRoot, pageCount, info: part.info === null ? null : part.info + shift, version, highest: part.highest + shift };
  }

  /** Makes every page of a personal part draw its shared page and then itself. */
  private layOver(part: CopiedPart, layers: NonNullable<PdfJoiner['layers']>): void {
    const pages = pagesInOrder(part);
    pages.forEach((page, index) => {
      const shared = layers.forms[layers.underlays[layers.laidOver + index] ?? -1];
      if (shared === undefined) throw new Error(`no shared page for personal page ${layers.laidOver + index + 1}`);
      const parts = pageParts(page);
      const { parent, mediaBox } = parts;
      const personal = drawingAsForm(part, page, parts);
      page.head = `${page.number} 0 obj\n<</Type /Page\n/Parent ${parent}\n/MediaBox ${mediaBox}\n/Resources <</XObject <</Shared ${shared} 0 R\n/Personal ${personal} 0 R>>>>\n/Contents ${LAYERS} 0 R>>\nendobj\n`;
      page.data = new Uint8Array(0);
    });
    layers.laidOver += pages.length;
  }

  private writePart(part: CopiedPart): void {
    for (const object of part.objects.values()) {
      this.offsets.set(object.number, this.length);
      this.write(encoder(object.head));
      this.write(object.data);
    }
    if (part.version > this.version) this.version = part.version;
    this.nextNumber = part.highest + 1;
  }

  private write(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }
}
