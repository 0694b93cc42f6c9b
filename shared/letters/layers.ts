/**
 * Letters printed in two layers. A batch's letters are mostly the same text with another name and
 * address in it: Chromium then has to draw that text once per kind of letter (the shared layer), and
 * for every letter only its personal parts (the personal layer); the PDF lays each letter's personal
 * page over its kind's shared page (electron/printing/join-pdf.ts). Both layers are the letters' own
 * HTML with one of the two hidden, laid out alike, so they fit over each other exactly.
 *
 * A page marks its personal parts while it is written: personal(html) around their content, and the
 * class "personal" on the element that holds them. That element keeps its size whatever it holds (a
 * fixed height, no wrapping), so that no name or address moves anything else on the page; letters
 * whose pages are the same without their personal parts are of one kind. The element that holds a
 * page's last personal part may also carry the class "last-personal": what follows it (its later
 * siblings) is left out of the personal layer, since leaving it out moves nothing before it.
 */
const START = '\uE000';
const END = '\uE001';
const MARKERS = /[\uE000\uE001]/g;
const PERSONAL = /\uE000[^\uE001]*\uE001/g;

/** Marks a personal part of a page (its HTML, already escaped). */
export const personal = (html: string) => `${START}${html.replace(MARKERS, '')}${END}`;

/** The page as it is shown and printed: the marks taken out. */
export const withoutMarks = (html: string) => html.replace(MARKERS, '');

/** What letters of one kind have in common: the page without its personal parts. */
export const sharedPart = (html: string) => html.replace(PERSONAL, '');

/** Which layer a document shows (a class on its body); the whole letter when neither. */
export type Layer = 'personal-layer' | 'shared-layer';

export const layerStyles = `
body.personal-layer .page { visibility: hidden; }
body.personal-layer .personal { visibility: visible; }
body.personal-layer .last-personal ~ * { display: none; }
body.shared-layer .personal { visibility: hidden; }`;

/** Pages of a letter's HTML. */
const pageCount = (html: string) => html.match(/<section\b/g)?.length ?? 0;

/**
 * Sorts a batch's letters into kinds as they are written (letters whose pages are the same without
 * their personal parts): the first letter of each kind is printed in the shared layer, and every page
 * of the batch lies over the page of its kind.
 */
export class KindSorter {
  private readonly firstPages = new Map<string, number>();
  private readonly underlaysOf: number[][] = [];
  private sharedPages = 0;
  /** For each kind, the first letter of it (an index into the batch), in the order the kinds were met. */
  readonly firsts: number[] = [];

  constructor(private readonly letters: number) {}

  /** Notes letter `index` of the batch, as written (with its marks). */
  sort(index: number, html: string): void {
    const key = sharedPart(html);
    const pages = pageCount(html);
    let firstPage = this.firstPages.get(key);
    if (firstPage === undefined) {
      firstPage = this.sharedPages;
      this.firstPages.set(key, firstPage);
      this.firsts.push(index);
      this.sharedPages += pages;
    }
    this.underlaysOf[index] = Array.from({ length: pages }, (_, page) => firstPage + page);
  }

  /** For every page of the batch, in order, the page of the shared layer beneath it (once every letter is sorted). */
  underlays(): number[] {
    const sorted = this.underlaysOf.filter(Boolean).length;
    if (sorted !== this.letters) throw new Error(`${sorted} of ${this.letters} letters sorted into kinds`);
    return this.underlaysOf.flat();
  }
}

/**
 * A personal line (a salutation, a name on the form) in an element that keeps one line's height and
 * does not wrap. Longer than `fits` characters of text, it is set smaller ("squeeze"); much longer,
 * smaller still and cut with an ellipsis where its box ends ("tight"), rather than run off the page.
 */
export function personalLine(html: string, fits: number): string {
  // Characters as printed: tags out, an entity (&amp;) one character.
  const length = html.replace(/<[^>]*>/g, '').replace(/&[#a-z0-9]+;/gi, '&').length;
  if (length <= fits) return personal(html);
  // Set at 85 % a line fits 1/0.85 as many characters; beyond that, smaller still (never below 8 pt).
  return personal(`<span class="${length > fits / 0.85 ? 'tight' : 'squeeze'}">${html}</span>`);
}
