import { decodeLabelled, type FileEncoding } from './encoding';
import { MAX_LINE_CHARS } from './limits';

/**
 * The vCard lexer: physical lines to logical ones (folds, quoted-printable soft breaks, Outlook's
 * unfolded notes), their headers and parameters, and their values decoded. It works on lines of raw
 * bytes (one char per byte), so quoted-printable and CHARSET are decoded per value, and a fold that
 * splits a UTF-8 character is joined before anything is decoded. What a card's properties mean for a
 * contact is vcard.ts's business.
 */

/** One property of a card: its (shared) header, its raw value (one char per byte) and the line it starts on. */
export interface Property {
  header: Header;
  value: string;
  line: number;
}

/** What the reader takes from a card; everything else (photos, URLs, X-properties) is skipped undecoded. */
const keptProperties = new Set([
  'FN',
  'N',
  'ORG',
  'TITLE',
  'ROLE',
  'TEL',
  'EMAIL',
  'ADR',
  'NOTE',
  'BDAY',
  'GENDER',
  'X-GENDER',
  'X-WAB-GENDER',
  'KIND',
  'LANG',
  'X-ABSHOWAS',
  'X-ABLABEL',
]);

const knownProperties = new Set(
  'BEGIN END VERSION N FN ORG TITLE ROLE TEL EMAIL ADR LABEL NOTE BDAY ANNIVERSARY PHOTO LOGO SOUND KEY URL UID REV PRODID CATEGORIES NICKNAME GEO TZ MAILER AGENT CLASS SORT-STRING IMPP GENDER KIND LANG MEMBER RELATED SOURCE XML FBURL CALADRURI CALURI CLIENTPIDMAP NAME PROFILE ENCODING'.split(
    ' ',
  ),
);

/** Splits at `separator` outside double quotes. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === separator && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function colonOutsideQuotes(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === ':' && !quoted) return i;
  }
  return -1;
}

/** RFC 6868 parameter escapes: ^n newline, ^' double quote, ^^ caret. */
const unescapeParam = (value: string) =>
  value.replace(/^"|"$/g, '').replace(/\^(n|'|\^)/g, (_m, c: string) => (c === 'n' ? '\n' : c === "'" ? '"' : '^'));

/** A parsed `group.NAME;PARAM=…` with what the reader needs to know about it, computed once. */
export interface Header {
  group: string | null;
  name: string;
  params: Map<string, string[]>;
  types: Set<string>;
  qp: boolean;
  binary: boolean;
  charset: string | undefined;
  /** The label its TYPE parameters give (cell, work, "fax,home"). */
  label: string | null;
}

/**
 * Headers repeat thousands of times in a file ("TEL;TYPE=CELL"): each is parsed once. Real ones
 * are a few dozen characters; a longer one is parsed but not kept (the cache would keep the whole
 * line it was cut from alive).
 */
const headerCache = new Map<string, Header | null>();
const CACHED_HEADER_CHARS = 256;

/** Where the value starts (after the colon outside quotes), or -1 when there is no colon. */
function valueStart(text: string): number {
  const simple = text.indexOf(':');
  if (simple < 0) return -1;
  return text.lastIndexOf('"', simple) < 0 ? simple + 1 : colonOutsideQuotes(text) + 1;
}

/** Reads `group.NAME;PARAM=…:` of a line; null when the line is not a property (a stray continuation). */
function parseHeader(text: string, start = valueStart(text)): Header | null {
  return start <= 1 ? null : headerOf(text.slice(0, start - 1));
}

/** The header of `group.NAME;PARAM=…` (the text before the colon). */
function headerOf(key: string): Header | null {
  if (key === '') return null;
  if (key.length > CACHED_HEADER_CHARS) return parseHeaderText(key);
  let cached = headerCache.get(key);
  if (cached === undefined) {
    cached = parseHeaderText(key);
    if (headerCache.size > 5000) headerCache.clear();
    // A copy: the key may be a slice that keeps its whole line alive.
    headerCache.set(Buffer.from(key, 'latin1').toString('latin1'), cached);
  }
  return cached;
}

function parseHeaderText(headerText: string): Header | null {
  const [nameAndGroup, ...rawParams] = splitOutsideQuotes(headerText, ';');
  const nameMatch = /^(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9-]+)$/.exec(nameAndGroup!.trim());
  if (!nameMatch) return null;
  const name = nameMatch[2]!.toUpperCase();
  if (!knownProperties.has(name) && !name.startsWith('X-')) return null;
  const params = new Map<string, string[]>();
  const types = new Set<string>();
  const labels = new Set<string>();
  for (const raw of rawParams) {
    const eq = raw.indexOf('=');
    if (eq < 0) {
      const bare = raw.trim();
      if (bare) types.add(bare.toLowerCase());
      const label = bareParameterLabel(bare);
      if (label) labels.add(label);
      continue;
    }
    const key = raw.slice(0, eq).trim().toUpperCase();
    const values = splitOutsideQuotes(raw.slice(eq + 1), ',').map(unescapeParam);
    const known = params.get(key);
    // Added to, not copied: a header may repeat a parameter thousands of times.
    if (known) for (const value of values) known.push(value);
    else params.set(key, values);
    if (key === 'TYPE') {
      for (const value of values) {
        types.add(value.trim().toLowerCase());
        const label = typeValueLabel(value.trim());
        if (label) labels.add(label);
      }
    }
  }
  const flags = { params, types };
  return {
    group: nameMatch[1]?.toLowerCase() ?? null,
    name,
    params,
    types,
    qp: isQuotedPrintable(flags),
    binary: isBinary(flags),
    charset: params.get('CHARSET')?.[0],
    label: labels.size ? [...labels].sort().join(',') : null,
  };
}

/** A line that begins a property, even when a fold cuts it before the colon ("TEL;TY" + " PE=CELL:…"). */
function startsProperty(text: string): boolean {
  if (parseHeader(text)) return true;
  const name = /^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)(?:;|$)/.exec(text)?.[1]?.toUpperCase();
  return !!name && (knownProperties.has(name) || name.startsWith('X-'));
}

const isQuotedPrintable = (header: { params: Map<string, string[]>; types: Set<string> }) =>
  header.types.has('quoted-printable') || header.params.get('ENCODING')?.some((v) => v.toLowerCase() === 'quoted-printable') === true;

const isBinary = (header: { params: Map<string, string[]>; types: Set<string> }) =>
  header.types.has('base64') || header.params.get('ENCODING')?.some((v) => ['base64', 'b'].includes(v.toLowerCase())) === true;

/** Quoted-printable to bytes; a broken escape is kept as it stands. */
function decodeQuotedPrintable(value: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if (c === 0x3d && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c & 0xff);
  }
  return Uint8Array.from(bytes);
}

const nonAscii = /[\x80-\xff]/;

/** vCard text escapes: \n, \N, \, \; \: \\ (a lone backslash stays). */
export const unescapeText = (value: string) =>
  value.includes('\\') ? value.replace(/\\([nN,;:\\"])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c)) : value;

/** Splits a structured value (N, ADR, ORG) at unescaped semicolons. */
export function splitStructured(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i += 1) {
    const c = value[i];
    if (c === '\\' && i + 1 < value.length) {
      current += c + value[i + 1];
      i += 1;
    } else if (c === ';') {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/** Trimmed text with single spaces, or null; most values are clean already and pass untouched. */
export function clean(text: string | undefined | null): string | null {
  if (!text) return null;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  if (first > 32 && last > 32 && !text.includes('  ') && !text.includes('\t')) return text;
  const trimmed = text.replace(/[ \t]+/g, ' ').trim();
  return trimmed === '' ? null : trimmed;
}

/** The types that say what a number, e-mail or address is for (vCard 2.1, 3.0, 4.0, Apple, Google). */
const labelTypes = new Set([
  'cell',
  'mobile',
  'work',
  'home',
  'fax',
  'pager',
  'msg',
  'car',
  'isdn',
  'video',
  'pcs',
  'bbs',
  'modem',
  'text',
  'textphone',
  'main',
  'iphone',
  'other',
  'school',
]);
/**
 * Types that are not labels: VOICE is what a number is anyway, PREF a rank, INTERNET and X400 the
 * kind of e-mail, DOM … PARCEL the kind of address.
 */
const typesWithoutLabel = new Set(['voice', 'pref', 'internet', 'x400', 'dom', 'intl', 'postal', 'parcel']);
/** Values that belong to other parameters (CHARSET, ENCODING, VALUE), written where a type goes. */
const parameterValue =
  /^(?:utf-?\d+|us-ascii|ascii|iso-?8859.*|windows-\d+|cp-?\d+|shift_jis|sjis|euc-.*|gb\d*|big5|koi8.*|quoted-printable|base64|b|[78]bit|inline|url|uri|cid|content-id|vcard|\d+)$/i;

/** A custom label: Android writes "X-Baustelle" in vCard 2.1 (and TYPE=Baustelle in 3.0). */
const customLabel = (type: string): string | null => (/^x-./i.test(type) ? clean(type.slice(2)) : null);

/**
 * The label of a vCard 2.1 parameter written without a name. Only the known types and X- labels
 * count: the same place holds charsets (UTF-8, ISO-8859-1), encodings, INLINE, VCARD and languages
 * (de, de-DE, en-US), none of which says what a number is for.
 */
function bareParameterLabel(type: string): string | null {
  const lower = type.toLowerCase();
  return labelTypes.has(lower) ? lower : customLabel(type);
}

/** The label of a TYPE= value: a known type, or a custom one (never a parameter value put there). */
function typeValueLabel(type: string): string | null {
  const lower = type.toLowerCase();
  if (labelTypes.has(lower)) return lower;
  if (!type || typesWithoutLabel.has(lower) || parameterValue.test(type)) return null;
  return customLabel(type) ?? clean(type);
}

export const isCardBoundary = (name: string) => name === 'BEGIN' || name === 'END';

/**
 * The logical line being put together from its physical lines (folds, quoted-printable soft breaks,
 * Outlook's note lines); one object, reused for every line of a file. Linear in the line's length:
 * its pieces are joined once, when it is complete; each new piece is searched once for the colon
 * that ends the header (searching the whole line again after every fold took 148 s for a 1 MB NOTE
 * without a colon); and the value of a property the reader skips (a PHOTO, an X- property) is not
 * kept at all.
 */
class LogicalLine {
  /** The line it starts on; 0 while none is open. */
  line = 0;
  /**
   * What is kept of it: everything up to the colon, then the value of a wanted property. Most
   * lines are one piece; an array is only made for a second one.
   */
  private first = '';
  private more: string[] | null = null;
  /** The last piece appended: a trailing = or \ decides how the next line joins. */
  private last = '';
  /** Characters of the whole logical line so far, kept or not. */
  private chars = 0;
  /** Inside a quoted parameter value while looking for the colon. */
  private quoted = false;
  /** Where the value begins, after the colon outside quotes; -1 while no colon has come. */
  private valueAt = -1;
  /** Null until the colon has come, and for a line that is no property. */
  header: Header | null = null;
  /** The reader needs the value: a card boundary, or a property it takes from a card. */
  wanted = false;
  /** Longer than MAX_LINE_CHARS: nothing of it is kept. */
  tooLong = false;

  start(line: number, text: string): void {
    this.line = line;
    this.first = '';
    this.more = null;
    this.last = '';
    this.chars = 0;
    this.quoted = false;
    this.valueAt = -1;
    this.header = null;
    this.wanted = false;
    this.tooLong = false;
    this.append(text);
  }

  close(): void {
    this.line = 0;
    this.first = '';
    this.more = null;
    this.last = '';
  }

  private keep(text: string): void {
    if (this.first === '') this.first = text;
    else (this.more ??= []).push(text);
  }

  private joined(): string {
    return this.more ? this.first + this.more.join('') : this.first;
  }

  append(text: string): void {
    if (text === '') return;
    const before = this.chars;
    this.chars += text.length;
    this.last = text;
    if (this.tooLong) return;
    if (this.chars > MAX_LINE_CHARS) {
      this.tooLong = true;
      this.first = '';
      this.more = null;
      return;
    }
    if (this.valueAt >= 0) {
      if (this.wanted) this.keep(text);
      return;
    }
    this.keep(text);
    const colon = this.colonIn(text);
    if (colon < 0) return;
    this.valueAt = before + colon + 1;
    const joined = this.joined();
    this.header = headerOf(joined.slice(0, this.valueAt - 1));
    this.wanted = !!this.header && (isCardBoundary(this.header.name) || (keptProperties.has(this.header.name) && !this.header.binary));
    this.first = this.wanted ? joined : '';
    this.more = null;
  }

  /** The first colon outside double quotes in a new piece of the header, or -1. */
  private colonIn(text: string): number {
    if (!this.quoted && !text.includes('"')) return text.indexOf(':');
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      if (c === 0x22) this.quoted = !this.quoted;
      else if (c === 0x3a && !this.quoted) return i;
    }
    return -1;
  }

  endsWith(char: string): boolean {
    return this.last.endsWith(char);
  }

  /** Drops the last character: the = of a quoted-printable soft line break. */
  dropLast(): void {
    this.chars -= 1;
    this.last = this.last.slice(0, -1);
    if (this.more?.length) this.more.push(this.more.pop()!.slice(0, -1));
    else this.first = this.first.slice(0, -1);
  }

  /** The raw value (after the colon), for a wanted line that is not too long. */
  value(): string {
    return this.joined().slice(this.valueAt);
  }
}

export interface VcardLexOptions {
  /** Encoding for values that carry no CHARSET and are not UTF-8. */
  fallbackEncoding: FileEncoding;
  /** Filled with the encodings the values with non-ASCII bytes turned out to have. */
  encodingsSeen?: Set<string>;
  /**
   * The file's text is UTF-8 (its first bytes hold UTF-8 characters): a value without a CHARSET
   * that is not valid UTF-8 is damage, read with the fallback and reported with its line.
   */
  utf8Text?: boolean;
  onInvalidText?: (line: number) => void;
  /** A property the reader keeps, or a line that is none, longer than MAX_LINE_CHARS: skipped. */
  onLineTooLong?: (line: number) => void;
}

/** Decodes a property's value; only the properties the reader keeps are decoded at all. */
export function valueDecoder(options: VcardLexOptions): (property: Property) => string {
  return ({ header, value, line }) => {
    // ASCII reads the same in every charset: the common case needs no decoding.
    if (!header.qp && !nonAscii.test(value)) return value;
    const bytes = header.qp ? decodeQuotedPrintable(value) : Buffer.from(value, 'latin1');
    const decoded = decodeLabelled(bytes, header.charset, options.fallbackEncoding);
    if (options.encodingsSeen && (!header.qp || bytes.some((byte) => byte >= 0x80))) options.encodingsSeen.add(decoded.encoding);
    // (Quoted-printable bytes without a CHARSET are the 2.1 default, not damage to the file's text.)
    if (options.utf8Text && !header.charset && !header.qp && decoded.encoding !== 'utf-8') options.onInvalidText?.(line);
    return decoded.text;
  };
}

/**
 * Puts physical lines together into logical ones, batch by batch as the file streams, and hands on
 * each the reader wants (a card boundary or a kept property) with its raw value. Whether a card is
 * open is asked of the card builder: only inside one does a line that is no property continue the
 * value before it.
 */
export class VcardLines {
  // The logical line being assembled from folds and soft breaks.
  private readonly pending = new LogicalLine();

  constructor(
    private readonly options: Pick<VcardLexOptions, 'onLineTooLong'>,
    private readonly inCard: () => boolean,
    private readonly onProperty: (header: Header, value: string, line: number) => void,
  ) {}

  add(lines: readonly string[], firstLine: number): void {
    const pending = this.pending;
    for (let i = 0; i < lines.length; i += 1) {
      const text = lines[i]!;
      if (pending.line > 0) {
        const first = text.charCodeAt(0);
        if (pending.header?.qp && pending.endsWith('=')) {
          // Quoted-printable soft line break, also inside an =XX escape or right after the colon.
          pending.dropLast();
          pending.append(text);
          continue;
        }
        if (first === 0x20 || first === 0x09) {
          pending.append(text.slice(1)); // a fold, which may run through the header itself
          continue;
        }
        if (pending.header?.binary && valueStart(text) < 0 && /^[A-Za-z0-9+/=]+$/.test(text)) {
          pending.append(text); // base64 without the blank line 2.1 asks for (BlackBerry)
          continue;
        }
        if (this.inCard() && pending.header && text.trim() !== '' && !startsProperty(text)) {
          // Not a property: a line continuing the value without folding (Outlook notes, an
          // address broken after a backslash).
          pending.append(pending.endsWith('\\') ? `n${text}` : `\\n${text}`);
          continue;
        }
        this.complete();
        pending.close();
      }
      if (text.trim() !== '') pending.start(firstLine + i, text);
    }
  }

  /** The file has ended: the line still open is complete. */
  end(): void {
    if (this.pending.line > 0) this.complete();
  }

  private complete(): void {
    const logical = this.pending;
    if (logical.tooLong) {
      // A PHOTO or another property the reader skips may be as long as it likes.
      if (!logical.header || logical.wanted) this.options.onLineTooLong?.(logical.line);
      return;
    }
    const header = logical.header;
    if (!header || !logical.wanted) return; // garbage outside a property, or one the reader skips
    this.onProperty(header, logical.value(), logical.line);
  }
}
