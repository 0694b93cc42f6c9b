import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { deflateSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { type Canvas, createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { PDFDocument } from 'pdf-lib';
import type { NewContact } from '../../electron/db/repositories/contacts';
import { printLetters, renderLetters } from '../../electron/services/letters';
import { updateProfile } from '../../electron/services/profile';
import { returnCheckOf } from '../../electron/services/return-codes';
import { openSession, type Session } from '../../electron/services/session';
import type { Profile } from '../../shared/model/profile';
import type { Purpose } from '../../shared/model/tracking';
import { formatReturnCode } from '../../shared/scan/return-code';
import { completeProfile } from './profile';

/**
 * A stack of returned consent forms as an office scans them (issue 18), with the truth about every
 * page, for the scan reader's tests and bench. The letters are the app's own: printed by printLetters
 * (headless Chromium), their return copies rasterised by poppler at 200 dpi, then written on (ticks,
 * signatures) and spoilt like a scan (turned, skewed, noisy, blurred, JPEG at quality 40). Where the
 * boxes and signature lines are is measured apart from the print, from the same HTML laid out in a
 * Chromium started by Playwright, so that a fault in either shows as a disagreement rather than
 * agreeing with itself. A seed makes the same stack again (but for the QR codes: each database draws
 * its own key).
 *
 * Built on the development machine (2 cores, under vitest): 24 pages in 8 to 11 s, 100 pages in 31 to
 * 34 s (printing 2 to 5 s, measuring 1 s, the rest the pages: about 0.25 s each, two at a time), at
 * most 0.7 GB of memory.
 */

/** What a page of the stack is. */
export type PageKind =
  /** A return copy of one of the first database's letters, written on. */
  | 'form'
  /** A sheet with nothing on it (the back of a page, or a sheet fed by mistake). */
  | 'blank'
  /** A return copy printed by another business (a second database): its code's check value fails under the first's key. */
  | 'foreign'
  /** A form whose QR code is covered with white (the printed code beside it is left). */
  | 'noCode'
  /** A form of the stack scanned once more, turned another way. */
  | 'duplicate';

/** How the person ticked: X, ✓, the box filled in, or a light grey thin pen (#9a9a9a, 0.3 mm). */
export type TickStyle = 'cross' | 'check' | 'filled' | 'light';
export const tickStyles: readonly TickStyle[] = ['cross', 'check', 'filled', 'light'];

/** What a box on the return copy stands for, in the form's order. */
export type BoxRole = 'purpose' | 'advertising' | 'transfer' | 'refusal';

/** A rectangle in mm from the printed page's top left corner. */
export interface RectMm {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface BoxTruth extends RectMm {
  role: BoxRole;
  /** For a purpose box, which purpose. */
  purpose: Purpose | null;
  /** The text beside the box, as laid out. */
  label: string;
}

/** A signature line (the border on top of `.signatures > div`): y is the line's middle. */
export interface LineTruth {
  role: 'placeDate' | 'signature' | 'other';
  x0: number;
  x1: number;
  y: number;
  /** The text under the line. */
  label: string;
}

/**
 * How the scan is turned against the upright page: clockwise in the image by `quarter` + `skew`
 * degrees (the page's content, about its centre, the canvas grown to hold it all).
 */
export interface Rotation {
  quarter: 0 | 90 | 180 | 270;
  skew: number;
  degrees: number;
}

/**
 * Where a point of the printed page (in mm) lies in the image file, in pixels:
 * x' = a·x + c·y + e, y' = b·x + d·y + f (the canvas's matrix order).
 */
export interface Affine {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

export type TickScenario = 'consentAll' | 'consentSome' | 'refusal' | 'empty' | 'contradictory';

export interface PageTruth {
  /** The page's number in the PDF and the order of imagePaths, from 1. */
  page: number;
  kind: PageKind;
  imagePath: string;
  format: 'jpeg' | 'png';
  width: number;
  height: number;
  /** The contact the form was written to (in the foreign database for a foreign page); null for a blank page. */
  contactId: number | null;
  /** The Rückläufer-Code printed on the form (also when its QR code is covered); null for a blank page. */
  code: string | null;
  /** What a QR reader should find on the page: the code, or null (blank page, covered QR code). */
  expectedCode: string | null;
  /** What the person meant to say. */
  scenario: TickScenario | null;
  /** Per box, in the order of `boxes`: ticked or not. */
  ticks: boolean[];
  tickStyle: TickStyle | null;
  signed: boolean;
  /** "Ort, Datum" written above its line. */
  placeDateWritten: boolean;
  rotation: Rotation;
  /** Printed page (mm) to image (px). */
  transform: Affine;
  boxes: BoxTruth[];
  signatureLines: LineTruth[];
  /** The QR image as laid out, quiet zone included; null for a blank page. */
  qr: RectMm | null;
  /** The three corner marks' centres as laid out (top left, top right, bottom left); empty for a blank page. */
  cornerMarks: { x: number; y: number }[];
  /** For a duplicate, the page it repeats; otherwise null. */
  duplicateOf: number | null;
  /** Blur applied before the noise (px, 0 for none) and the noise's standard deviation (grey levels). */
  blur: number;
  noise: number;
}

export interface ScanSet {
  /** The first database's session, still open: the forms' codes check out under its key. Close it (or call close()). */
  session: Session;
  /** The contacts the forms were written to, in the order printed. */
  contactIds: number[];
  /** The letters' date and the consent text's version. */
  letterDate: string;
  version: string;
  /** The whole stack as one PDF, a JPEG per page (also for the pages whose file is a PNG). */
  pdfPath: string;
  /** The same pages as files, in order (mostly JPEG, some PNG). */
  imagePaths: string[];
  /** The letters as printed by the app (all three pages per letter), and the other business's. */
  lettersPdfPath: string;
  foreignLettersPdfPath: string;
  truth: PageTruth[];
  /** The truth as JSON beside the pages. */
  truthPath: string;
  /** Seconds per step, for the bench. */
  timings: Record<string, number>;
  close: () => void;
}

export interface ScanSetOptions {
  /** An empty folder to write into (the databases go there too). */
  folder: string;
  /** Pages in the stack (at least 5): 24 unless given. */
  pages?: number;
  seed?: number;
  /** The letters' date: 2026-11-26 unless given. */
  letterDate?: string;
  /**
   * How many special pages; by default one foreign and the rest scaled to the stack: at 24 pages one
   * blank, one duplicate and two covered codes, at 100 pages two, two and eight.
   */
  blank?: number;
  noCode?: number;
  duplicate?: number;
  foreign?: number;
  /** Processes run side by side (pdftoppm, image encoding): 2 unless given. */
  parallel?: number;
}

const DPI = 200;
const PX_PER_MM = DPI / 25.4;
const CSS_MM_PER_PX = 25.4 / 96;
const A4_PT = { width: 595.28, height: 841.89 };
const LIGHT_PEN = '#9a9a9a';
const INKS = ['#1b2a6b', '#141414', '#0e2f86', '#2a2a2a'];

/** A seeded PRNG (mulberry32): the same seed, the same stack. */
export function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const between = (low: number, high: number) => low + (high - low) * next();
  const int = (low: number, high: number) => Math.floor(between(low, high + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number) => next() < p;
  /** Roughly normal (the sum of three uniforms), mean 0, standard deviation 1. */
  const gauss = () => (next() + next() + next() - 1.5) * 2;
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  };
  return { next, between, int, pick, chance, gauss, shuffle };
}
type Random = ReturnType<typeof prng>;

/** Where a printed page's point lands in its scan (see Affine). */
export const pageToImage = (t: Affine, point: { x: number; y: number }) => ({
  x: t.a * point.x + t.c * point.y + t.e,
  y: t.b * point.x + t.d * point.y + t.f,
});

// ---------------------------------------------------------------------------------------------------
// Contacts

const givenNames = {
  female: ['Anna', 'Petra', 'Sabine', 'Monika', 'Lea', 'Fatma', 'Jana', 'Ursula', 'Katharina', 'Elif', 'Marie', 'Ingrid'],
  male: ['Jürgen', 'Thomas', 'Mehmet', 'Lukas', 'Klaus', 'Stefan', 'Dieter', 'Jonas', 'Andreas', 'Paul', 'Heinz', 'Tobias'],
} as const;
const familyNames = [
  'Schmidt',
  'Müller',
  'Weber',
  'Becker',
  'Hoffmann',
  'Schäfer',
  'Koch',
  'Richter',
  'Yılmaz',
  'Wagner',
  'Krüger',
  'Zimmermann',
  'Braun',
  'Hartmann',
  'Lange',
  'Kowalski',
  'Schulze-Eberhardt',
  'Öztürk',
];
const streets = ['Hauptstraße', 'Am Lindenhof', 'Wilhelmshöher Allee', 'Friedrich-Ebert-Straße', 'Gartenweg', 'Kirchplatz', 'Ahornweg'];
const towns = [
  ['34119', 'Kassel'],
  ['34131', 'Kassel'],
  ['34246', 'Vellmar'],
  ['34225', 'Baunatal'],
  ['37269', 'Eschwege'],
  ['34560', 'Fritzlar'],
] as const;

const address = (random: Random) => {
  const [postalCode, city] = random.pick(towns);
  return { street: `${random.pick(streets)} ${random.int(1, 140)}`, postalCode, city, country: null, region: null, label: null };
};

const mobile = (random: Random) => {
  const national = `15${random.int(1, 9)}${String(random.int(1_000_000, 9_999_999))}`;
  return { e164: `+49${national}`, raw: `0${national}`, label: null, kind: 'mobile' as const };
};

/** The n-th contact: mostly people (some with no number: the form asks for it), one in eight in English, one in ten a company. */
function contactFor(index: number, random: Random): NewContact {
  const company = index % 10 === 4;
  if (company) {
    const name = `${random.pick(familyNames)} ${random.pick(['Immobilien GmbH', 'Hausverwaltung KG', '& Söhne OHG'])}`;
    return { displayName: name, organization: name, isCompany: true, addresses: [address(random)], phones: [mobile(random)] };
  }
  const gender = random.chance(0.5) ? 'female' : 'male';
  const givenName = random.pick(givenNames[gender]);
  const familyName = random.pick(familyNames);
  return {
    displayName: `${givenName} ${familyName}`,
    givenName,
    familyName,
    gender,
    language: index % 8 === 6 ? 'en' : 'de',
    addresses: [address(random)],
    phones: random.chance(0.85) ? [mobile(random)] : [],
    customerNumber: random.chance(0.4) ? `K-${random.int(1000, 9999)}` : null,
  };
}

// ---------------------------------------------------------------------------------------------------
// Printing and measuring

/** A return copy's layout, as Chromium lays it out, in mm from its page's top left corner. */
interface Layout {
  contactId: number;
  boxes: BoxTruth[];
  signatureLines: LineTruth[];
  qr: RectMm;
  cornerMarks: { x: number; y: number }[];
}

interface RawRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface RawLayout {
  contact: string;
  boxes: (RawRect & { label: string; inPurposes: boolean })[];
  lines: (RawRect & { label: string })[];
  qr: RawRect | null;
  marks: RawRect[];
}

/** Runs in the page (a string: the node project's types know no DOM). */
const MEASURE = `(() => {
  const relative = (element, origin) => {
    const r = element.getBoundingClientRect();
    return { x: r.left - origin.left, y: r.top - origin.top, width: r.width, height: r.height };
  };
  return [...document.querySelectorAll('section.page.form-return')].map((page) => {
    const origin = page.getBoundingClientRect();
    const qr = page.querySelector('.return-code img');
    return {
      contact: page.dataset.contact,
      boxes: [...page.querySelectorAll('.box')].map((box) => ({
        ...relative(box, origin),
        label: (box.nextElementSibling ? box.nextElementSibling.textContent : '').replace(/\\s+/g, ' ').trim(),
        inPurposes: !!box.closest('.purposes'),
      })),
      lines: [...page.querySelectorAll('.signatures > div')]
        .filter((line) => line.textContent.trim() !== '')
        .map((line) => ({ ...relative(line, origin), label: line.textContent.replace(/\\s+/g, ' ').trim() })),
      qr: qr ? relative(qr, origin) : null,
      marks: [...page.querySelectorAll('.corner-mark')].map((mark) => relative(mark, origin)),
    };
  });
})()`;

const mm = (px: number) => px * CSS_MM_PER_PX;
const rectMm = (r: RawRect): RectMm => ({ x: mm(r.x), y: mm(r.y), width: mm(r.width), height: mm(r.height) });

/** Names the boxes by their place on the form: the purposes (in the profile's order), then advertising if asked, transfer, refusal. */
function layoutOf(raw: RawLayout, profile: Pick<Profile, 'purposes'>): Layout {
  const purposes = profile.purposes.filter((purpose) => purpose !== 'advertising');
  const inPurposes = raw.boxes.filter((box) => box.inPurposes);
  const after = raw.boxes.filter((box) => !box.inPurposes);
  const roles: BoxRole[] = [...(profile.purposes.includes('advertising') ? (['advertising'] as const) : []), 'transfer', 'refusal'];
  if (inPurposes.length !== purposes.length || after.length !== roles.length || raw.boxes.indexOf(after[0]!) !== inPurposes.length)
    throw new Error(`unexpected boxes on the return copy of contact ${raw.contact}: ${raw.boxes.map((b) => b.label).join(' | ')}`);
  if (!raw.qr || raw.marks.length !== 3) throw new Error(`no QR code or corner marks on the return copy of contact ${raw.contact}`);
  const boxes: BoxTruth[] = [
    ...inPurposes.map((box, i) => ({ ...rectMm(box), role: 'purpose' as const, purpose: purposes[i]!, label: box.label })),
    ...after.map((box, i) => ({ ...rectMm(box), role: roles[i]!, purpose: null, label: box.label })),
  ];
  const signatureLines: LineTruth[] = raw.lines.map((line) => ({
    role: /^(Unterschrift|Signature)\b/.test(line.label)
      ? 'signature'
      : /^(Ort, Datum|Place, date)/.test(line.label)
        ? 'placeDate'
        : 'other',
    x0: mm(line.x),
    x1: mm(line.x + line.width),
    // The line is the div's top border, 0.3 mm.
    y: mm(line.y) + 0.15,
    label: line.label,
  }));
  const cornerMarks = raw.marks.map((mark) => ({ x: mm(mark.x + mark.width / 2), y: mm(mark.y + mark.height / 2) }));
  return { contactId: Number(raw.contact), boxes, signatureLines, qr: rectMm(raw.qr), cornerMarks };
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The return copies' layouts, per HTML document, from one Chromium. */
async function measure(documents: { htmlPath: string; profile: Pick<Profile, 'purposes'> }[]): Promise<Layout[][]> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    // The letters are printed; print media as the PDF had it (the layout is in mm either way).
    await page.emulateMedia({ media: 'print' });
    const layouts: Layout[][] = [];
    for (const { htmlPath, profile } of documents) {
      await page.goto(pathToFileURL(htmlPath).href);
      await page.evaluate('document.fonts.ready.then(() => true)');
      const raw = (await page.evaluate(MEASURE)) as RawLayout[];
      layouts.push(raw.map((layout) => layoutOf(layout, profile)));
    }
    return layouts;
  } finally {
    await browser.close();
  }
}

const run = promisify(execFile);

/** A grey image, a byte a pixel. */
interface Gray {
  width: number;
  height: number;
  pixels: Buffer;
}

/**
 * One page of a PDF in grey at 200 dpi (poppler's pdftoppm -r 200 -gray). As PGM rather than PNG: the
 * same pixels, but writing the PNG took 0.3 s a page against 0.02 s for the page's rasterising.
 */
async function rasterise(pdf: string, page: number): Promise<Gray> {
  const { stdout } = await run('pdftoppm', ['-r', String(DPI), '-gray', '-f', String(page), '-l', String(page), pdf], {
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
  });
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(stdout.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error(`pdftoppm gave no grey image for page ${page} of ${pdf}`);
  return { width: Number(header[1]), height: Number(header[2]), pixels: stdout.subarray(header[0].length) };
}

/** `work` over `items`, at most `limit` at once, results in order. */
async function inTurns<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// ---------------------------------------------------------------------------------------------------
// Handwriting

interface Pen {
  colour: string;
  width: number;
}

const penFor = (style: TickStyle, random: Random): Pen =>
  style === 'light' ? { colour: LIGHT_PEN, width: 0.3 } : { colour: random.pick(INKS), width: random.between(0.35, 0.7) };

/** A stroke through the points, a little curved (each segment bows to one side). */
function stroke(ctx: SKRSContext2D, pen: Pen, points: { x: number; y: number }[], random: Random, bow = 0.25): void {
  ctx.strokeStyle = pen.colour;
  ctx.lineWidth = pen.width;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.beginPath();
  ctx.moveTo(points[0]!.x, points[0]!.y);
  for (let i = 1; i < points.length; i += 1) {
    const from = points[i - 1]!;
    const to = points[i]!;
    const bend = random.gauss() * bow;
    ctx.quadraticCurveTo(
      (from.x + to.x) / 2 - (to.y - from.y) * bend * 0.2,
      (from.y + to.y) / 2 + (to.x - from.x) * bend * 0.2,
      to.x,
      to.y,
    );
  }
  ctx.stroke();
}

/** A tick in a box (mm on the page), with the overshoot and slant of a hand. */
function drawTick(ctx: SKRSContext2D, box: RectMm, style: TickStyle, pen: Pen, random: Random): void {
  const cx = box.x + box.width / 2 + random.gauss() * 0.4;
  const cy = box.y + box.height / 2 + random.gauss() * 0.4;
  const half = (box.width / 2) * random.between(0.55, 1.25);
  const jitter = () => random.gauss() * 0.35;
  const shape = style === 'light' ? random.pick(['cross', 'check'] as const) : style;
  if (shape === 'cross') {
    const over = () => random.between(-0.3, 1.4);
    const o1 = over();
    const o2 = over();
    stroke(
      ctx,
      pen,
      [
        { x: cx - half - o1 + jitter(), y: cy - half - o1 + jitter() },
        { x: cx + half + o1 + jitter(), y: cy + half + o1 + jitter() },
      ],
      random,
    );
    stroke(
      ctx,
      pen,
      [
        { x: cx + half + o2 + jitter(), y: cy - half - o2 + jitter() },
        { x: cx - half - o2 + jitter(), y: cy + half + o2 + jitter() },
      ],
      random,
    );
  } else if (shape === 'check') {
    // Down to the bottom and a long stroke up and out of the box to the right, as a ✓ is written.
    stroke(
      ctx,
      pen,
      [
        { x: cx - half + jitter(), y: cy + jitter() * 0.5 },
        { x: cx - half * 0.25 + jitter(), y: cy + half * 0.75 + jitter() * 0.5 },
        // Its end out of the box, at most 1.8 mm above it: the purposes' rows are 1.3 mm apart, a stroke
        // into the box above happens (page 3 of seed 18), but only at the corner.
        { x: cx + half + random.between(0, 2), y: cy - half - random.between(0.3, 1.8) },
      ],
      random,
      0.15,
    );
  } else {
    // Filled in: back and forth across the box, more or less to its edges.
    const margin = () => random.between(-0.4, 0.6);
    const left = box.x + margin();
    const right = box.x + box.width - margin();
    const top = box.y + margin();
    const bottom = box.y + box.height - margin();
    const step = random.between(0.35, 0.6);
    const points: { x: number; y: number }[] = [];
    for (let y = top, side = 0; y <= bottom; y += step, side ^= 1)
      points.push({ x: (side ? right : left) + jitter(), y: y + jitter() * 0.3 });
    stroke(ctx, { ...pen, width: Math.max(pen.width, 0.55) }, points, random, 0.05);
  }
}

/** Handwriting-like loops along a baseline: a word of `length` mm, letters about `height` mm tall. */
function scribble(ctx: SKRSContext2D, pen: Pen, x: number, baseline: number, length: number, height: number, random: Random): void {
  ctx.strokeStyle = pen.colour;
  ctx.lineWidth = pen.width;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.beginPath();
  let px = x;
  let py = baseline - random.between(0.3, 1) * height;
  ctx.moveTo(px, py);
  while (px < x + length) {
    const advance = random.between(0.6, 1.6) * height * 0.45;
    const up = random.chance(0.2) ? height * random.between(1.3, 1.9) : height * random.between(0.5, 1);
    const down = random.chance(0.1) ? -height * random.between(0.4, 0.8) : random.gauss() * 0.15;
    const nx = px + advance;
    const ny = baseline - (random.chance(0.5) ? up : down);
    // A loop now and then: the control points cross over.
    const loop = random.chance(0.35) ? -advance * 0.9 : advance * 0.3;
    ctx.bezierCurveTo(px + loop, py - height * random.between(0.3, 1.2), nx - loop, ny + height * random.between(-0.6, 0.6), nx, ny);
    px = nx;
    py = ny;
  }
  ctx.stroke();
}

/** A signature above the line: a capital's flourish, a word or two, sometimes underlined, sometimes over the line. */
function drawSignature(ctx: SKRSContext2D, line: LineTruth, pen: Pen, random: Random): void {
  const width = line.x1 - line.x0;
  const start = line.x0 + random.between(0.05, 0.3) * width;
  const length = Math.min(random.between(0.35, 0.6) * width, line.x1 - start - 2);
  const baseline = line.y - random.between(0.5, 2.5);
  const height = random.between(2.5, 4.5);
  const sig = { ...pen, width: pen.colour === LIGHT_PEN ? pen.width : random.between(0.3, 0.55) };
  // The capital: a tall loop.
  stroke(
    ctx,
    sig,
    [
      { x: start, y: baseline },
      { x: start + 1.5, y: baseline - height * 2 },
      { x: start + 3, y: baseline - height * 1.6 },
      { x: start + 1, y: baseline - height * 0.4 },
      { x: start + 4, y: baseline - height * 0.8 },
    ],
    random,
    1.2,
  );
  scribble(ctx, sig, start + 4, baseline, length * random.between(0.4, 0.6), height, random);
  if (random.chance(0.5)) scribble(ctx, sig, start + 4 + length * 0.65, baseline, length * 0.35, height * 0.9, random);
  if (random.chance(0.4))
    stroke(
      ctx,
      sig,
      [
        { x: start + 2, y: baseline + random.between(0.3, 1.2) },
        { x: start + length + random.between(0, 4), y: baseline + random.between(-0.8, 1.2) },
      ],
      random,
      0.6,
    );
}

/** "Kassel, 30.11.2026" as a hand writes it, above the place and date line. */
function drawPlaceDate(ctx: SKRSContext2D, line: LineTruth, pen: Pen, random: Random): void {
  const baseline = line.y - random.between(0.8, 2);
  const x = line.x0 + random.between(1, 6);
  const height = random.between(2, 3);
  scribble(ctx, pen, x, baseline, random.between(12, 20), height, random);
  scribble(ctx, pen, x + random.between(24, 30), baseline, random.between(14, 20), height * 0.9, random);
}

// ---------------------------------------------------------------------------------------------------
// Sheets and scans

const round = (value: number) => Math.round(value * 100) / 100;

/** The size of the printed A4 pages rasterised at 200 dpi, as pdftoppm makes them (Chromium's 595.28 pt come to 1653 px). */
const A4_PX = { width: 1653, height: 2339 };

function blankSheet(): Canvas {
  const canvas = createCanvas(A4_PX.width, A4_PX.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  return canvas;
}

/** The printed return copy as the person sends it back: ticked, signed, for a covered code with white over the QR code. */
function writeOn(gray: Gray, plan: Plan, random: Random): Canvas {
  const canvas = createCanvas(gray.width, gray.height);
  const ctx = canvas.getContext('2d');
  const rgba = ctx.createImageData(gray.width, gray.height);
  for (let i = 0, j = 0; i < gray.pixels.length; i += 1, j += 4) {
    const value = gray.pixels[i]!;
    rgba.data[j] = value;
    rgba.data[j + 1] = value;
    rgba.data[j + 2] = value;
    rgba.data[j + 3] = 255;
  }
  ctx.putImageData(rgba, 0, 0);
  // From here on in mm.
  ctx.scale(PX_PER_MM, PX_PER_MM);
  const layout = plan.layout!;
  if (plan.kind === 'noCode') {
    // A white label over the QR code, a little larger than it and askew; the code printed beside it stays.
    const { x, y, width, height } = layout.qr;
    const grow = random.between(0.5, 1.5);
    ctx.fillStyle = '#fff';
    ctx.save();
    ctx.translate(x + width / 2, y + height / 2);
    ctx.rotate((random.gauss() * 2 * Math.PI) / 180);
    ctx.fillRect(-width / 2 - grow, -height / 2 - grow, width + 2 * grow, height + 2 * grow);
    ctx.restore();
  }
  if (plan.tickStyle) {
    const pen = penFor(plan.tickStyle, random);
    layout.boxes.forEach((box, i) => {
      if (plan.ticks[i]) drawTick(ctx, box, plan.tickStyle!, pen, random);
    });
    if (plan.signed)
      for (const line of layout.signatureLines) {
        if (line.role === 'signature') drawSignature(ctx, line, pen, random);
        // A company's form: the name and mobile number of who signs, written as well.
        else if (line.role === 'other') drawPlaceDate(ctx, line, pen, random);
      }
    if (plan.placeDateWritten)
      for (const line of layout.signatureLines) if (line.role === 'placeDate') drawPlaceDate(ctx, line, pen, random);
  }
  return canvas;
}

function rotationOf(quarter: Rotation['quarter'], random: Random): Rotation {
  const skew = round(random.between(-10, 10));
  return { quarter, skew, degrees: round(quarter + skew) };
}

/**
 * The sheet through a scanner: turned about its centre on a white ground (the canvas grown to hold
 * it), perhaps a little out of focus, the paper greyer than white, with sensor noise.
 */
function scan(
  sheet: Canvas,
  rotation: Rotation,
  defects: { blur: number; noise: number; paper: number; grey: boolean },
  random: Random,
): { canvas: Canvas; transform: Affine; grey: Uint8Array | null } {
  const angle = (rotation.degrees * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const { width: w, height: h } = sheet;
  const width = Math.ceil(Math.abs(w * cos) + Math.abs(h * sin) - 1e-6);
  const height = Math.ceil(Math.abs(w * sin) + Math.abs(h * cos) - 1e-6);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  if (defects.blur > 0) ctx.filter = `blur(${defects.blur}px)`;
  ctx.translate(width / 2, height / 2);
  ctx.rotate(angle);
  ctx.drawImage(sheet, -w / 2, -h / 2);
  const transform: Affine = {
    a: PX_PER_MM * cos,
    b: PX_PER_MM * sin,
    c: -PX_PER_MM * sin,
    d: PX_PER_MM * cos,
    e: width / 2 - (cos * w) / 2 + (sin * h) / 2,
    f: height / 2 - (sin * w) / 2 - (cos * h) / 2,
  };
  // Noise from a table of normal values walked at random steps: a fresh value per pixel would cost
  // a quarter of a second a page, and a scanner's noise has no pattern a reader could learn from this.
  const table = new Float32Array(1 << 16);
  for (let i = 0; i < table.length; i += 1) table[i] = random.gauss() * defects.noise;
  const pixels = ctx.getImageData(0, 0, width, height);
  const data = pixels.data;
  const paper = defects.paper / 255;
  let at = random.int(0, table.length - 1);
  const grey = defects.grey ? new Uint8Array(width * height) : null;
  for (let i = 0; i < data.length; i += 4) {
    at = (at + 1 + (Math.imul(i, 0x9e3779b1) >>> 29)) & 0xffff;
    const n = table[at]!;
    if (grey) {
      // A scanner set to grey: the ink's colour goes, its darkness stays (Rec. 601 luma).
      const luma = (0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!) * paper + n;
      data[i] = data[i + 1] = data[i + 2] = luma;
      grey[i >> 2] = data[i]!;
    } else {
      data[i] = data[i]! * paper + n;
      data[i + 1] = data[i + 1]! * paper + n;
      data[i + 2] = data[i + 2]! * paper + n;
    }
  }
  ctx.resetTransform();
  ctx.putImageData(pixels, 0, 0);
  return { canvas, transform, grey };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

const crc32 = (bytes: Uint8Array) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/**
 * A grey PNG of the pixels. Written here: the canvas writes RGBA PNGs only, 1.2 s a noisy page, four
 * times the rest of the page's making; grey with zlib takes 0.1 s.
 */
function greyPng(width: number, height: number, grey: Uint8Array): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), body]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  // 8 bits, grey, deflate, adaptive filtering, no interlace.
  header.set([8, 0, 0, 0, 0], 8);
  const rows = Buffer.alloc(height * (width + 1));
  for (let y = 0; y < height; y += 1) rows.set(grey.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 3 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------------------------------------------
// The stack

interface Plan {
  kind: PageKind;
  /** The layout (return copy) the page shows; null for a blank page. */
  layout: Layout | null;
  /** The printed PDF and page it comes from. */
  source: { pdf: string; page: number } | null;
  code: string | null;
  scenario: TickScenario | null;
  ticks: boolean[];
  tickStyle: TickStyle | null;
  signed: boolean;
  placeDateWritten: boolean;
  duplicateOf: number | null;
}

/** What the person ticked, per box, for a scenario. */
function ticksFor(scenario: TickScenario, boxes: BoxTruth[], random: Random): boolean[] {
  const purposes = boxes.filter((box) => box.role === 'purpose');
  // At least one purpose for a consent; which, at random.
  const some = new Set(random.shuffle(purposes).slice(0, random.int(1, Math.max(1, purposes.length - 1))));
  const ticked: Record<TickScenario, (box: BoxTruth) => boolean> = {
    consentAll: (box) => box.role !== 'refusal',
    consentSome: (box) => (box.role === 'purpose' ? some.has(box) : box.role !== 'refusal' && random.chance(0.5)),
    refusal: (box) => box.role === 'refusal',
    empty: () => false,
    contradictory: (box) => box.role === 'refusal' || (box.role === 'purpose' && some.has(box)),
  };
  return boxes.map(ticked[scenario]);
}

/** Scenarios for n forms: every kind of answer once first (in a shuffled order), then as often as offices see them. */
function scenarios(n: number, random: Random): TickScenario[] {
  const first = random.shuffle<TickScenario>(['consentAll', 'refusal', 'consentSome', 'empty', 'contradictory']);
  // The two that between them tick and leave every box go first whatever n is.
  const ordered = [
    ...first.filter((s) => s === 'consentAll' || s === 'refusal'),
    ...first.filter((s) => s !== 'consentAll' && s !== 'refusal'),
  ];
  const weighted: TickScenario[] = [
    ...Array<TickScenario>(5).fill('consentSome'),
    ...Array<TickScenario>(3).fill('consentAll'),
    ...Array<TickScenario>(3).fill('refusal'),
    'empty',
    'contradictory',
  ];
  const list = Array.from({ length: n }, (_, i) => ordered[i] ?? random.pick(weighted));
  return random.shuffle(list);
}

/** Each of `values` in turn, reshuffled every round: every one appears once there are as many items. */
const rounds = <T>(n: number, values: readonly T[], random: Random): T[] => {
  const result: T[] = [];
  while (result.length < n) result.push(...random.shuffle(values));
  return result.slice(0, n);
};

/** The stack's order: forms as printed, the special pages among them; a duplicate some pages after its form. */
function arrange(forms: Plan[], specials: Plan[], duplicates: Plan[], random: Random): Plan[] {
  const stack = [...forms];
  for (const special of specials) stack.splice(random.int(0, stack.length), 0, special);
  for (const duplicate of duplicates) {
    const original = stack.indexOf(forms[duplicate.duplicateOf!]!);
    stack.splice(random.int(original + 1, stack.length), 0, duplicate);
  }
  return stack;
}

/** Builds the stack (see the file's comment). */
export async function makeScanSet(options: ScanSetOptions): Promise<ScanSet> {
  const started = performance.now();
  const timings: Record<string, number> = {};
  let lap = started;
  const mark = (step: string) => {
    const now = performance.now();
    timings[step] = Math.round(now - lap) / 1000;
    lap = now;
  };
  const { folder, seed = 18, letterDate = '2026-11-26', parallel = 2 } = options;
  const pages = options.pages ?? 24;
  const random = prng(seed);
  const blank = options.blank ?? Math.max(1, Math.round(pages / 50));
  const foreign = options.foreign ?? 1;
  const duplicate = options.duplicate ?? Math.max(1, Math.round(pages / 50));
  const noCode = options.noCode ?? Math.max(1, Math.round(pages / 12));
  const letters = pages - blank - foreign - duplicate;
  if (letters < Math.max(1, noCode + 1) || letters < duplicate)
    throw new Error(`${pages} pages cannot hold ${blank} blank, ${foreign} foreign, ${duplicate} duplicate and ${noCode} covered pages`);
  mkdirSync(path.join(folder, 'pages'), { recursive: true });

  // The first business: every purpose, so the form has all its boxes.
  const session = openSession({ databasePath: path.join(folder, 'business.sqlite'), adapter: 'cli' });
  let otherSession: Session | null = null;
  try {
    const other = openSession({ databasePath: path.join(folder, 'other-business.sqlite'), adapter: 'cli' });
    otherSession = other;
    const allPurposes: Purpose[] = ['appointments', 'site_photos', 'quotes_invoices', 'advertising'];
    updateProfile(session.ctx, { ...completeProfile, purposes: allPurposes });
    const contactIds = Array.from({ length: letters }, (_, i) => session.ctx.repos.contacts.insert(contactFor(i, random)));
    // Another business, asking for fewer purposes: its form has other boxes in other places.
    const otherProfile: Partial<Profile> = {
      ...completeProfile,
      name: 'Malerbetrieb Weber',
      legalForm: '',
      representative: 'Jana Weber',
      managingDirectors: [],
      registerCourt: '',
      registerNumber: '',
      email: 'post@maler-weber.de',
      phone: '0561 987654',
      street: 'Brückenstraße 8',
      postalCode: '34123',
      purposes: ['appointments', 'quotes_invoices'],
    };
    updateProfile(other.ctx, otherProfile);
    // Its contact ids start at 1 as well: the foreign codes name contacts the first database has too.
    const otherIds = Array.from({ length: foreign }, (_, i) => other.ctx.repos.contacts.insert(contactFor(i + 1, random)));

    const lettersPdfPath = path.join(folder, 'letters.pdf');
    const foreignLettersPdfPath = path.join(folder, 'other-business-letters.pdf');
    const request = { ids: contactIds, form: 'B' as const, date: letterDate };
    const otherRequest = { ids: otherIds, form: 'B' as const, date: letterDate };
    // The HTML to measure, rendered as printLetters renders it, before printing marks the contacts.
    const htmlPath = path.join(folder, 'letters.html');
    const otherHtmlPath = path.join(folder, 'other-business-letters.html');
    writeFileSync(htmlPath, renderLetters(session.ctx, request).html());
    writeFileSync(otherHtmlPath, renderLetters(other.ctx, otherRequest).html());
    const printed = await printLetters(session.ctx, request, (pdf) => writeFileSync(lettersPdfPath, pdf));
    const otherPrinted = await printLetters(other.ctx, otherRequest, (pdf) => writeFileSync(foreignLettersPdfPath, pdf));
    if (printed.printed !== letters || otherPrinted.printed !== foreign) throw new Error('not every letter was printed');
    const codeOf = (ctx: Session['ctx'], contactId: number, version: string) =>
      formatReturnCode({ contactId, letterDate, version, check: returnCheckOf(ctx)(contactId, letterDate, version) });
    const codes = contactIds.map((id) => codeOf(session.ctx, id, printed.version));
    const otherCodes = otherIds.map((id) => codeOf(other.ctx, id, otherPrinted.version));
    mark('print');

    other.close();
    const [layouts, otherLayouts] = (await measure([
      { htmlPath, profile: { purposes: allPurposes } },
      { htmlPath: otherHtmlPath, profile: { purposes: otherProfile.purposes! } },
    ])) as [Layout[], Layout[]];
    if (layouts.map((l) => l.contactId).join() !== contactIds.join() || otherLayouts.map((l) => l.contactId).join() !== otherIds.join())
      throw new Error('the return copies are not in the order printed');
    mark('measure');

    // What is on each sheet.
    const formScenarios = scenarios(letters, random);
    const styles = rounds(letters + foreign, tickStyles, random);
    const plan = (kind: PageKind, layout: Layout, source: Plan['source'], code: string, index: number, scenario: TickScenario): Plan => {
      // An empty form is mostly sent back unsigned; an answer mostly signed.
      const signed = scenario === 'empty' ? random.chance(0.3) : random.chance(0.9);
      return {
        kind,
        layout,
        source,
        code,
        scenario,
        ticks: ticksFor(scenario, layout.boxes, random),
        tickStyle: styles[index]!,
        signed,
        placeDateWritten: signed && random.chance(0.7),
        duplicateOf: null,
      };
    };
    const covered = new Set(random.shuffle(contactIds.map((_, i) => i)).slice(0, noCode));
    const forms = contactIds.map((_, i) =>
      plan(covered.has(i) ? 'noCode' : 'form', layouts[i]!, { pdf: lettersPdfPath, page: 3 * i + 3 }, codes[i]!, i, formScenarios[i]!),
    );
    const specials: Plan[] = [
      // Another business's customer answers as a customer would; only the code tells it apart.
      ...otherIds.map((_, i) =>
        plan(
          'foreign',
          otherLayouts[i]!,
          { pdf: foreignLettersPdfPath, page: 3 * i + 3 },
          otherCodes[i]!,
          letters + i,
          random.pick(['consentSome', 'consentAll'] as const),
        ),
      ),
      ...Array.from(
        { length: blank },
        (): Plan => ({
          kind: 'blank',
          layout: null,
          source: null,
          code: null,
          scenario: null,
          ticks: [],
          tickStyle: null,
          signed: false,
          placeDateWritten: false,
          duplicateOf: null,
        }),
      ),
    ];
    const repeated = random.shuffle(forms.map((_, i) => i).filter((i) => forms[i]!.kind === 'form')).slice(0, duplicate);
    const duplicates = repeated.map((i): Plan => ({ ...forms[i]!, kind: 'duplicate', duplicateOf: i }));
    const stack = arrange(forms, specials, duplicates, random);
    const quarters = rounds(stack.length, [0, 90, 180, 270] as const, random);

    // The sheets written on, each kept until its last scan (a duplicate is the same sheet scanned
    // again): a sheet is 15 MB of pixels, a stack of 100 held at once would take 1.5 GB.
    const sheets = new Map<Plan, Promise<Canvas>>();
    const scansLeft = new Map<Plan, number>();
    const originalOf = (entry: Plan) => (entry.kind === 'duplicate' ? forms[entry.duplicateOf!]! : entry);
    for (const entry of stack) scansLeft.set(originalOf(entry), (scansLeft.get(originalOf(entry)) ?? 0) + 1);
    // The random choices are drawn here, in stack order, before any waiting: the same seed, the same stack.
    const pageSeeds = stack.map(() => random.int(1, 2 ** 31));
    const scanned = await inTurns(stack, parallel, async (entry, index) => {
      const pageRandom = prng(pageSeeds[index]!);
      const original = originalOf(entry);
      let sheet: Canvas;
      const source = original.source;
      if (!original.layout || !source) sheet = blankSheet();
      else {
        const sheetRandom = prng(pageSeeds[stack.indexOf(original)]! ^ 0x5eed);
        if (!sheets.has(original))
          sheets.set(
            original,
            rasterise(source.pdf, source.page).then((gray) => writeOn(gray, original, sheetRandom)),
          );
        sheet = await sheets.get(original)!;
        scansLeft.set(original, scansLeft.get(original)! - 1);
        if (scansLeft.get(original) === 0) sheets.delete(original);
      }
      const rotation: Rotation = entry.kind === 'blank' ? { quarter: 0, skew: 0, degrees: 0 } : rotationOf(quarters[index]!, pageRandom);
      const blur = pageRandom.chance(0.3) ? round(pageRandom.between(0.4, 1)) : 0;
      const noise = round(pageRandom.between(3, 10));
      // Some pages come as files of a scanner set to grey PNG (every eighth, the third first); the rest in colour, JPEG.
      const format = index % 8 === 2 ? ('png' as const) : ('jpeg' as const);
      const paper = pageRandom.between(232, 252);
      const { canvas, transform, grey } = scan(sheet, rotation, { blur, noise, paper, grey: format === 'png' }, pageRandom);
      const jpeg = await canvas.encode('jpeg', 40);
      const imagePath = path.join(folder, 'pages', `page-${String(index + 1).padStart(3, '0')}.${format === 'png' ? 'png' : 'jpg'}`);
      writeFileSync(imagePath, grey ? greyPng(canvas.width, canvas.height, grey) : jpeg);
      const layout = original.layout;
      const page: PageTruth = {
        page: index + 1,
        kind: entry.kind,
        imagePath,
        format,
        width: canvas.width,
        height: canvas.height,
        contactId: layout?.contactId ?? null,
        code: entry.code,
        expectedCode: original.kind === 'noCode' ? null : entry.code,
        scenario: entry.scenario,
        ticks: entry.ticks,
        tickStyle: entry.tickStyle,
        signed: entry.signed,
        placeDateWritten: entry.placeDateWritten,
        rotation,
        transform,
        boxes: layout?.boxes ?? [],
        signatureLines: layout?.signatureLines ?? [],
        qr: layout?.qr ?? null,
        cornerMarks: layout?.cornerMarks ?? [],
        duplicateOf: entry.duplicateOf === null ? null : stack.indexOf(forms[entry.duplicateOf]!) + 1,
        blur,
        noise,
      };
      return { page, jpeg };
    });
    const truth = scanned.map(({ page }) => page);
    mark('pages');

    // The scanner's PDF: a page per image, A4 upright or across as the image lies, the image fitted in.
    const pdf = await PDFDocument.create();
    for (const { page, jpeg } of scanned) {
      const image = await pdf.embedJpg(jpeg);
      const size = page.width > page.height ? { width: A4_PT.height, height: A4_PT.width } : A4_PT;
      const scale = Math.min(size.width / page.width, size.height / page.height);
      const pdfPage = pdf.addPage([size.width, size.height]);
      const width = page.width * scale;
      const height = page.height * scale;
      pdfPage.drawImage(image, { x: (size.width - width) / 2, y: (size.height - height) / 2, width, height });
    }
    const pdfPath = path.join(folder, 'scan.pdf');
    writeFileSync(pdfPath, await pdf.save());
    const truthPath = path.join(folder, 'truth.json');
    writeFileSync(truthPath, JSON.stringify(truth, null, 1));
    mark('pdf');
    timings.total = Math.round(performance.now() - started) / 1000;
    return {
      session,
      contactIds,
      letterDate,
      version: printed.version,
      pdfPath,
      imagePaths: truth.map((page) => page.imagePath),
      lettersPdfPath,
      foreignLettersPdfPath,
      truth,
      truthPath,
      timings,
      close: () => session.close(),
    };
  } catch (error) {
    session.close();
    throw error;
  } finally {
    otherSession?.close();
  }
}
