import type { ContactLanguage } from '../model/contact';
import type { Profile } from '../model/profile';
import { escapeHtml as h } from './html';
import { businessDetails } from './business-details';
import { KindSorter, layerStyles, personal, withoutMarks, type Layer } from './layers';

/**
 * The frame every letter of the app shares: a DIN 5008 page for a DL window envelope with letterhead
 * and logo, return-address line, address zone, information block (date, customer number, reference),
 * fold and hole marks, and the body below. The consent letter and the invitation letter fill the body.
 */
export type LetterForm = 'A' | 'B';

/** The letters the app prints: the consent letter with its form, and the invitation on paper. */
export const letterKinds = ['consent', 'invitation'] as const;
export type LetterKind = (typeof letterKinds)[number];

/** DIN 5008 positions in mm from the top edge (docs/din-5008.md). */
export const din5008 = {
  A: { returnLine: 27, addressZone: 44.7, addressZoneEnd: 72, infoBlock: 32, folds: [87, 192], body: 80 },
  B: { returnLine: 45, addressZone: 62.7, addressZoneEnd: 90, infoBlock: 50, folds: [105, 210], body: 98.5 },
} as const;
export const HOLE_MARK = 148.5;

export const controllerName = (p: Pick<Profile, 'name' | 'legalForm'>) => [p.name, p.legalForm].filter(Boolean).join(' ');

export const germanDate = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
};

const englishMonths = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A letter's date as its language writes it: 27.11.2026, or 27 November 2026 (British usage). */
export const letterDate = (iso: string, language: ContactLanguage) => {
  if (language === 'de') return germanDate(iso);
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${Number(d)} ${englishMonths[Number(m) - 1]} ${y}`;
};

/**
 * A type size in points, written as CSS pixels on a quarter-pixel grid (10 pt → 13.25px, 8.8 pt →
 * 11.75px). Chromium places glyphs on a 1/64-pixel grid; with the size on that grid too, the glyphs
 * stand where the font's own widths put them, and the PDF carries runs of glyphs instead of a position
 * for every glyph: 1,000 consent letters make a PDF 40 % smaller, printed faster (npm run bench).
 */
export const typeSize = (pt: number) => `${Math.round(((pt * 4) / 3) * 4) / 4}px`;

/**
 * Fold and hole marks at the left edge: short rules (borders, which every print path prints, also a
 * print dialog with background graphics off). Drawn as gradients in the page's background they cost
 * Chromium a PDF pattern each, on every page.
 */
const markStyles = (form: LetterForm) => {
  const [upper, lower] = din5008[form].folds;
  return `.mark { position: absolute; left: 4mm; width: 5mm; height: 0; border-top: 0.25mm solid #000; }
.mark.fold-upper { top: ${upper}mm; }
.mark.fold-lower { top: ${lower}mm; }
.mark.hole { top: ${HOLE_MARK}mm; width: 7mm; }`;
};
/** Fold and hole marks: on the letter, and on the return copy of the form that goes back in a window envelope. */
export const markElements = '<div class="mark fold-upper"></div><div class="mark fold-lower"></div><div class="mark hole"></div>';

/**
 * The page, the frame and the body text; a letter adds its own rules after these. The frame is laid
 * out in the normal flow with fixed heights (letterhead, window row, then the text), not with absolute
 * positions: Chromium prints a large document of positioned boxes far slower (500 letters in one
 * document: 4.8 s against 3.2 s), which is what the system print dialog gets. The three short marks
 * are positioned, inside the contained page, at no cost that could be measured.
 */
export const dinLetterStyles = (form: LetterForm) => {
  const pos = din5008[form];
  return `
@page { size: A4; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
/* No kerning and no ligatures, as in an office letter: a German compound keeps its letters apart
   ("Auflage", not an fl ligature), text copied from the PDF is the text, and every line of the PDF is
   one run of glyphs (1,000 letters: 7.3 → 5.8 MB). */
body { font-family: 'DejaVu Sans', Arial, Helvetica, sans-serif; font-size: ${typeSize(11)}; line-height: 1.25; color: #000; font-kerning: none; font-variant-ligatures: none; }
/* Each page is contained (its size is fixed anyway): Chromium then lays out and prints 1,000 letters
   about a fifth faster, and a single document of them a third faster (npm run bench). Pages out of
   sight are laid out only when printed, not also when the document is loaded (printing lays out anew). */
.page { width: 210mm; height: 297mm; overflow: hidden; contain: strict; content-visibility: auto; break-after: page; page-break-after: always; }
.page:last-child { break-after: auto; page-break-after: auto; }
.letter { padding: 12mm 20mm 0 25mm; }
${markStyles(form)}
.letterhead { position: relative; height: ${pos.returnLine + 1 - 12}mm; }
.letterhead .name { font-size: ${typeSize(15)}; font-weight: bold; line-height: 1.15; }
.letterhead .lines { font-size: ${typeSize(8.5)}; line-height: 1.25; margin-top: 1mm; color: #333; }
.letterhead .logo { position: absolute; right: 0; top: -2mm; max-height: 20mm; max-width: 60mm; }
/* Beside a logo the contact line wraps (two lines still end above Form A's return line). */
.letterhead.with-logo { padding-right: 62mm; }
/* The window row keeps its floats (the information block) to itself: whatever a letter's rows, the text below stands where it stands in every letter. */
.window { display: flow-root; height: ${(pos.body - pos.returnLine - 1).toFixed(1)}mm; }
/* The information block in the body's type size (DIN 5008): labels in a column of their own, the date last. */
.info { float: right; width: 75mm; margin: ${pos.infoBlock - pos.returnLine - 1}mm -10mm 0 0; }
.info div { display: flex; align-items: baseline; line-height: 1.25; }
.info span { flex: none; width: 32mm; padding-right: 2mm; white-space: nowrap; }
/* A value too long for its 43 mm (a long e-mail address) is set smaller, never broken or cut. */
.info b { font-weight: normal; white-space: nowrap; }
.info b.long { font-size: ${typeSize(9.5)}; }
.info b.very-long { font-size: ${typeSize(8)}; }
/* The return line: 8 pt, as wide as the window allows (25–109 mm), so a usual sender fits whole;
   only a very long one ends with an ellipsis (letter-spacing would give every glyph its own position). */
.return-line { width: 84mm; height: 4mm; font-size: ${typeSize(8)}; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; border-bottom: 0.2mm solid #000; }
.address { width: 80mm; height: ${(pos.addressZoneEnd - pos.addressZone - 0.5).toFixed(1)}mm; margin-top: ${(pos.addressZone + 0.5 - pos.returnLine - 5).toFixed(1)}mm; }
.address div { height: 4.5mm; line-height: 4.5mm; white-space: nowrap; font-size: ${typeSize(10)}; }
.address div.long { font-size: ${typeSize(8.5)}; overflow: hidden; text-overflow: ellipsis; }
.address div.very-long { font-size: ${typeSize(8)}; overflow: hidden; text-overflow: ellipsis; }
/* DIN 5008: two blank lines between the subject and the salutation, one between paragraphs. */
.body .subject { font-weight: bold; margin: 0 0 2.5em; }
/* Personal lines keep one line's height whatever they hold (layers.ts); a long one is set smaller. */
.salutation { height: 1.25em; white-space: nowrap; }
/* Never below 8 pt (10.75px), whatever the line's own size. */
.squeeze { font-size: max(${typeSize(8)}, 85%); }
.tight { display: block; font-size: max(${typeSize(8)}, 75%); overflow: hidden; text-overflow: ellipsis; }
.body p { margin: 0 0 1.25em; }
.options { margin: 0 0 1.25em; padding-left: 5mm; }
.qr { float: right; margin: 0 0 2mm 4mm; text-align: center; font-size: ${typeSize(8)}; }
/* The closing: greeting and business, three blank lines to sign in, then name and function. */
.closing .signed { margin-top: 3.75em; }
.footer { position: absolute; left: 25mm; right: 20mm; bottom: 5mm; border-top: 0.2mm solid #000; padding-top: 1mm; font-size: ${typeSize(8)}; line-height: 1.25; color: #000; }
`;
};

export interface DinLetterPage {
  profile: Profile;
  contactId: number;
  /** The page's language where it differs from the document's (a batch may mix German and English letters). */
  language?: ContactLanguage;
  /** The address block (see address-block.ts): at most six lines. */
  addressLines: readonly string[];
  /** Rows of the information block, label and value (date first). */
  info: readonly (readonly [string, string])[];
  /** The letter's own content below the frame, as HTML. */
  body: string;
}

/** One letter page in the DIN 5008 frame (its measures come with dinLetterStyles for Form A or B). */
export function dinLetterPage({ profile, contactId, language, addressLines, info, body }: DinLetterPage): string {
  // Commas, not the letterhead's dots: at 8 pt the line holds a longer name before it must be cut.
  const returnLine = [controllerName(profile), profile.street, `${profile.postalCode} ${profile.city}`].join(', ');
  const address = addressLines
    .map((line) => `<div class="${line.length > 44 ? 'very-long' : line.length > 36 ? 'long' : ''}">${h(line)}</div>`)
    .join('');
  // A value too long for its 43 mm: an e-mail address breaks after its @ (the block has room for a
  // second line), anything else is set smaller.
  const infoValue = (value: string) =>
    value.length > 21 && value.includes('@')
      ? `<b>${h(value.slice(0, value.indexOf('@') + 1))}<br>${h(value.slice(value.indexOf('@') + 1))}</b>`
      : `<b${value.length > 27 ? ' class="very-long"' : value.length > 21 ? ' class="long"' : ''}>${h(value)}</b>`;
  const rows = info.map(([label, value]) => `<div><span>${h(label)}</span>${infoValue(value)}</div>`).join('');
  const details = businessDetails(profile, language ?? 'de');
  const contactLines = [profile.street, `${profile.postalCode} ${profile.city}`, profile.phone, profile.email, profile.website]
    .filter(Boolean)
    .join(' · ');
  return `<section class="page letter" data-contact="${personal(String(contactId))}"${language ? ` lang="${language}"` : ''}>${markElements}
<div class="letterhead${profile.logo ? ' with-logo' : ''}">${profile.logo ? `<img class="logo" src="${h(profile.logo)}" alt="">` : ''}<div class="name">${h(controllerName(profile))}</div><div class="lines">${h(contactLines)}</div></div>
<div class="window"><div class="info personal">${personal(rows)}</div><div class="return-line">${h(returnLine)}</div><div class="address personal" data-address>${personal(address)}</div></div>
<div class="body">
${body}
</div>${
    details
      ? `
<div class="footer">${h(details)}</div>`
      : ''
  }
</section>`;
}

/** A batch of letters as HTML: written when asked for, so printing can begin before the last letter is written. */
export interface LetterDocuments {
  /** All letters as one document (the preview, the print dialog). */
  html: () => string;
  /** The same letters as documents of at most `perDocument` letters each (for printing in parts); each is written when called. */
  documents: (perDocument: number) => (() => string)[];
  /** The same letters in two layers (layers.ts). */
  layers: (perDocument: number) => LetterLayers;
}

export interface LetterLayers {
  /** Every letter with only its personal parts showing, in documents of at most `perDocument` letters; writing them sorts the letters into kinds. */
  personal: (() => string)[];
  /** The first letter of each kind with its personal parts hidden, as one document (once every personal document is written). */
  shared: () => string;
  /** For every personal page, in order, the shared page beneath it (once every personal document is written). */
  underlays: () => number[];
}

/** Letters (each written when needed) as one HTML document, or split into documents of a few each. */
export function letterDocuments(
  title: string,
  css: string,
  letters: readonly (() => string)[],
  language: 'de' | 'en' = 'de',
): LetterDocuments {
  const document = (html: readonly string[], layer?: Layer) =>
    withoutMarks(
      `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${h(title)}</title><style>${css}${layerStyles}</style></head><body${layer ? ` class="${layer}"` : ''}>${html.join('\n')}</body></html>`,
    );
  /** The letters from `first` on, at most `count`, each written and handed to `written`. */
  const write = (first: number, count: number, written?: (index: number, html: string) => void) =>
    letters.slice(first, first + count).map((letter, offset) => {
      const html = letter();
      written?.(first + offset, html);
      return html;
    });
  const inParts = (perDocument: number, part: (first: number) => string) =>
    Array.from({ length: Math.ceil(letters.length / perDocument) }, (_, index) => () => part(index * perDocument));
  return {
    html: () => document(write(0, letters.length)),
    documents: (perDocument) => inParts(perDocument, (first) => document(write(first, perDocument))),
    layers: (perDocument) => {
      const kinds = new KindSorter(letters.length);
      return {
        personal: inParts(perDocument, (first) =>
          document(
            write(first, perDocument, (index, html) => kinds.sort(index, html)),
            'personal-layer',
          ),
        ),
        shared: () =>
          document(
            kinds.firsts.map((index) => letters[index]!()),
            'shared-layer',
          ),
        underlays: () => kinds.underlays(),
      };
    },
  };
}
