import type { Profile } from '../model/profile';
import { escapeHtml as h } from './html';

/**
 * The frame every letter of the app shares: a DIN 5008 page for a DL window envelope with letterhead
 * and logo, return-address line, address zone, information block (date, customer number, reference),
 * fold and hole marks, and the body below. The consent letter and the invitation letter fill the body.
 */
export type LetterForm = 'A' | 'B';

/** The letters the app prints: the consent letter with its form, and the invitation on paper. */
export const letterKinds = ['consent', 'invitation'] as const;
export type LetterKind = (typeof letterKinds)[number];

/** DIN 5008 positions in mm from the top edge (DOMAIN.md §3). */
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

/** The page, the frame and the body text; a letter adds its own rules after these. */
export const dinLetterStyles = (form: LetterForm) => {
  const pos = din5008[form];
  return `
@page { size: A4; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: 'DejaVu Sans', Arial, Helvetica, sans-serif; font-size: 10pt; line-height: 1.35; color: #000; }
.page { position: relative; width: 210mm; height: 297mm; overflow: hidden; break-after: page; page-break-after: always; }
.page:last-child { break-after: auto; page-break-after: auto; }
.letterhead { position: absolute; left: 25mm; right: 20mm; top: 12mm; }
.letterhead .name { font-size: 15pt; font-weight: bold; }
.letterhead .lines { font-size: 8.5pt; margin-top: 1mm; color: #333; }
.letterhead .logo { position: absolute; right: 0; top: -2mm; max-height: 20mm; max-width: 60mm; }
.return-line { position: absolute; left: 25mm; top: ${pos.returnLine + 1}mm; width: 80mm; height: 4mm; font-size: 7pt; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; border-bottom: 0.2mm solid #000; }
.address { position: absolute; left: 25mm; top: ${pos.addressZone + 0.5}mm; width: 80mm; height: ${(pos.addressZoneEnd - pos.addressZone - 0.5).toFixed(1)}mm; overflow: hidden; }
.address div { height: 4.5mm; line-height: 4.5mm; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font-size: 10pt; }
.address div.long { font-size: 8.5pt; }
.address div.very-long { font-size: 8pt; }
.info { position: absolute; left: 125mm; top: ${pos.infoBlock}mm; width: 75mm; font-size: 8.5pt; }
.info td { padding: 0 2mm 0.5mm 0; vertical-align: top; }
.mark { position: absolute; left: 4mm; width: 5mm; border-top: 0.25mm solid #000; }
.mark.hole { width: 7mm; }
.body { position: absolute; left: 25mm; right: 20mm; top: ${pos.body}mm; }
.subject { font-weight: bold; margin: 0 0 5mm; }
.body p { margin: 0 0 3mm; }
.options { margin: 0 0 3mm; padding-left: 5mm; }
.options li { margin-bottom: 1.5mm; }
.qr { float: right; margin: 0 0 2mm 4mm; text-align: center; font-size: 7pt; }
`;
};

export interface DinLetterPage {
  profile: Profile;
  form: LetterForm;
  contactId: number;
  /** The address block (see address-block.ts): at most six lines. */
  addressLines: readonly string[];
  /** Rows of the information block, label and value (date first). */
  info: readonly (readonly [string, string])[];
  /** The letter's own content below the frame, as HTML. */
  body: string;
}

/** One letter page in the DIN 5008 frame. */
export function dinLetterPage({ profile, form, contactId, addressLines, info, body }: DinLetterPage): string {
  const pos = din5008[form];
  const returnLine = [controllerName(profile), profile.street, `${profile.postalCode} ${profile.city}`].join(' · ');
  const address = addressLines.map((line) => `<div class="${line.length > 44 ? 'very-long' : line.length > 36 ? 'long' : ''}">${h(line)}</div>`).join('');
  const rows = info.map(([label, value]) => `<tr><td>${h(label)}</td><td>${h(value)}</td></tr>`).join('');
  const marks = [...pos.folds.map((top) => `<div class="mark" style="top:${top}mm"></div>`), `<div class="mark hole" style="top:${HOLE_MARK}mm"></div>`].join('');
  const contactLines = [profile.street, `${profile.postalCode} ${profile.city}`, profile.phone, profile.email, profile.website].filter(Boolean).join(' · ');
  return `<section class="page" data-contact="${contactId}">
<div class="letterhead">${profile.logo ? `<img class="logo" src="${h(profile.logo)}" alt="">` : ''}<div class="name">${h(controllerName(profile))}</div><div class="lines">${h(contactLines)}</div></div>
<div class="return-line">${h(returnLine)}</div>
<div class="address" data-address>${address}</div>
<table class="info">${rows}</table>
${marks}
<div class="body">
${body}
</div>
</section>`;
}

/** Letters as one HTML document, and the same letters split into documents of a few each (for printing in parts). */
export function letterDocuments(title: string, css: string, letters: readonly string[], language: 'de' | 'en' = 'de'): { html: string; documents: (perDocument: number) => string[] } {
  const head = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${h(title)}</title><style>${css}</style></head><body>`;
  const document = (part: readonly string[]) => `${head}${part.join('\n')}</body></html>`;
  return {
    html: document(letters),
    documents: (perDocument) => {
      const parts: string[] = [];
      for (let i = 0; i < letters.length; i += perDocument) parts.push(document(letters.slice(i, i + perDocument)));
      return parts;
    },
  };
}
