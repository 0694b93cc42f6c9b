import { honorificParts } from '../../shared/names';
import { normalizeBirthday } from './dates';
import { decodeLabelled, type FileEncoding } from './encoding';
import { emptyContact, type ImportIssue, type ParsedAddress, type ParsedContact } from './types';

/**
 * A tolerant reader for vCard 2.1, 3.0 and 4.0 as phones and programs really write them. It works on
 * lines of raw bytes (one char per byte), so quoted-printable and CHARSET are decoded per value, and
 * a fold that splits a UTF-8 character is joined before anything is decoded.
 */

interface Property {
  group: string | null;
  name: string;
  params: Map<string, string[]>;
  /** Bare 2.1 parameters and TYPE values, lower-case: cell, work, home, pref … */
  types: Set<string>;
  value: string;
  line: number;
}

const knownProperties = new Set(
  'BEGIN END VERSION N FN ORG TITLE ROLE TEL EMAIL ADR LABEL NOTE BDAY ANNIVERSARY PHOTO LOGO SOUND KEY URL UID REV PRODID CATEGORIES NICKNAME GEO TZ MAILER AGENT CLASS SORT-STRING IMPP GENDER KIND LANG MEMBER RELATED SOURCE XML FBURL CALADRURI CALURI CLIENTPIDMAP NAME PROFILE ENCODING'.split(' '),
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

/** Reads `group.NAME;PARAM=…:` of a line; null when the line is not a property (a stray continuation). */
function parseHeader(text: string): Omit<Property, 'value' | 'line'> & { valueStart: number } | null {
  const colon = colonOutsideQuotes(text);
  if (colon <= 0) return null;
  const [nameAndGroup, ...rawParams] = splitOutsideQuotes(text.slice(0, colon), ';');
  const nameMatch = /^(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9-]+)$/.exec(nameAndGroup!.trim());
  if (!nameMatch) return null;
  const name = nameMatch[2]!.toUpperCase();
  if (!knownProperties.has(name) && !name.startsWith('X-')) return null;
  const params = new Map<string, string[]>();
  const types = new Set<string>();
  for (const raw of rawParams) {
    const eq = raw.indexOf('=');
    if (eq < 0) {
      const bare = raw.trim().toLowerCase();
      if (bare) types.add(bare);
      continue;
    }
    const key = raw.slice(0, eq).trim().toUpperCase();
    const values = splitOutsideQuotes(raw.slice(eq + 1), ',').map(unescapeParam);
    params.set(key, [...(params.get(key) ?? []), ...values]);
    if (key === 'TYPE') for (const value of values) types.add(value.trim().toLowerCase());
  }
  return { group: nameMatch[1]?.toLowerCase() ?? null, name, params, types, valueStart: colon + 1 };
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

const binaryToBytes = (value: string): Uint8Array => Uint8Array.from(value, (c) => c.charCodeAt(0) & 0xff);

/** vCard text escapes: \n, \N, \, \; \: \\ (a lone backslash stays). */
const unescapeText = (value: string) =>
  value.replace(/\\([nN,;:\\"])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

/** Splits a structured value (N, ADR, ORG) at unescaped semicolons. */
function splitStructured(value: string): string[] {
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

const clean = (text: string | undefined | null): string | null => {
  const trimmed = (text ?? '').replace(/[ \t]+/g, ' ').trim();
  return trimmed === '' ? null : trimmed;
};

/** Apple's `_$!<Mobile>!$_` and Google's custom labels become plain words. */
const cleanLabel = (label: string) => label.replace(/^_\$!<(.*)>!\$_$/, '$1').trim();

const ignoredTypes = new Set(['voice', 'pref', 'internet', 'x400', 'quoted-printable', 'base64', 'b', '8bit', '7bit']);
const typeLabel = (types: Set<string>): string | null =>
  clean(
    [...types]
      .filter((type) => !ignoredTypes.has(type) && !type.startsWith('charset') && !/^\d+$/.test(type))
      .sort()
      .join(','),
  );

function genderOf(value: string): ParsedContact['gender'] {
  const word = value.split(';')[0]!.trim().toLowerCase();
  if (['m', 'male', 'männlich', 'mann', '2'].includes(word)) return 'male';
  if (['f', 'female', 'weiblich', 'frau', '1'].includes(word)) return 'female';
  if (['o', 'd', 'divers', 'diverse', 'other'].includes(word)) return 'diverse';
  return null;
}

class CardBuilder {
  readonly contact: ParsedContact;
  private labels = new Map<string, string>();
  private grouped: { group: string; apply: (label: string) => void }[] = [];

  constructor(line: number) {
    this.contact = emptyContact(line);
  }

  add(property: Property, text: (p: Property) => string): void {
    const c = this.contact;
    const value = () => clean(unescapeText(text(property)));
    const parts = () => splitStructured(text(property)).map((part) => clean(unescapeText(part)));
    const remember = (apply: (label: string) => void) => {
      if (property.group) this.grouped.push({ group: property.group, apply });
    };
    switch (property.name) {
      case 'FN':
        c.formattedName = value();
        break;
      case 'N': {
        const [family, given, additional, prefix] = parts();
        c.familyName = family ?? null;
        c.givenName = clean([given, additional?.replace(/,/g, ' ')].filter(Boolean).join(' '));
        const honorific = honorificParts(prefix);
        c.gender = c.gender ?? honorific.gender;
        c.title = honorific.title ?? c.title;
        break;
      }
      case 'ORG': {
        const [organization, ...units] = parts();
        c.organization = organization ?? null;
        c.department = clean(units.filter(Boolean).join(', '));
        break;
      }
      case 'TITLE':
      case 'ROLE':
        c.jobTitle = c.jobTitle ?? value();
        break;
      case 'TEL': {
        const raw = value();
        if (!raw) break;
        const phone = { raw, label: typeLabel(property.types) };
        c.phones.push(phone);
        remember((label) => (phone.label = label));
        break;
      }
      case 'EMAIL': {
        const address = value();
        if (!address) break;
        const email = { address, label: typeLabel(property.types) };
        c.emails.push(email);
        remember((label) => (email.label = label));
        break;
      }
      case 'ADR': {
        const [, extended, street, city, region, postalCode, country] = parts();
        const address: ParsedAddress = {
          street: clean([street, extended].filter(Boolean).join('\n')),
          postalCode: postalCode ?? null,
          city: city ?? null,
          region: region ?? null,
          country: country ?? null,
          label: typeLabel(property.types),
        };
        if (address.street || address.city || address.postalCode) c.addresses.push(address);
        remember((label) => (address.label = label));
        break;
      }
      case 'NOTE':
        c.note = clean([c.note, unescapeText(text(property)).trim()].filter(Boolean).join('\n'));
        break;
      case 'BDAY':
        c.birthday = normalizeBirthday(text(property));
        break;
      case 'GENDER':
      case 'X-GENDER':
      case 'X-WAB-GENDER':
        c.gender = genderOf(text(property)) ?? c.gender;
        break;
      case 'KIND':
        c.isCompany = /^org/i.test(text(property).trim());
        break;
      case 'X-ABSHOWAS':
        c.isCompany = /^company$/i.test(text(property).trim());
        break;
      case 'X-ABLABEL':
        if (property.group) this.labels.set(property.group, cleanLabel(unescapeText(text(property))));
        break;
    }
  }

  /** Apple and Google label numbers through a group: item1.TEL + item1.X-ABLabel. */
  finish(): ParsedContact {
    for (const { group, apply } of this.grouped) {
      const label = this.labels.get(group);
      if (label) apply(label);
    }
    return this.contact;
  }
}

export interface VcardOptions {
  /** Encoding for values that carry no CHARSET and are not UTF-8. */
  fallbackEncoding: FileEncoding;
  issues: ImportIssue[];
  /** Filled with the encodings the values with non-ASCII bytes turned out to have. */
  encodingsSeen?: Set<string>;
}

/**
 * Contacts from the lines of a vCard file (each char one byte). Garbage outside cards, stray `END:`
 * lines, `END:VCARD.` and nested AGENT cards are skipped; a card cut off at the end is reported.
 */
export async function* parseVcardLines(lines: AsyncIterable<{ text: string; line: number }>, options: VcardOptions): AsyncIterable<ParsedContact> {
  const decode = (property: Property): string => {
    const bytes = isQuotedPrintable(property) ? decodeQuotedPrintable(property.value) : binaryToBytes(property.value);
    const decoded = decodeLabelled(bytes, property.params.get('CHARSET')?.[0], options.fallbackEncoding);
    if (options.encodingsSeen && bytes.some((byte) => byte >= 0x80)) options.encodingsSeen.add(decoded.encoding);
    return decoded.text;
  };

  // Changed inside complete(): kept in an object so the compiler sees every assignment.
  const state: { card: CardBuilder | null; nested: number } = { card: null, nested: 0 };
  // A logical line being assembled from folds and soft breaks, with its header once known.
  let pending: { text: string; line: number; header: ReturnType<typeof parseHeader> | undefined } | null = null;
  const headerOf = (entry: NonNullable<typeof pending>) => (entry.header === undefined ? (entry.header = parseHeader(entry.text)) : entry.header);

  /** Acts on one complete logical line: a card boundary, or a property of the open card. */
  function* complete(entry: NonNullable<typeof pending>): Generator<ParsedContact> {
    const header = headerOf(entry);
    if (!header) return; // garbage outside a property
    const value = entry.text.slice(header.valueStart);
    if (header.name === 'BEGIN' && /^vcard/i.test(value.trim())) {
      if (state.card) state.nested += 1;
      else state.card = new CardBuilder(entry.line);
      return;
    }
    if (header.name === 'END' && /^vcard/i.test(value.trim())) {
      if (state.nested > 0) state.nested -= 1;
      else if (state.card) {
        yield state.card.finish();
        state.card = null;
      }
      return;
    }
    if (!state.card || state.nested > 0 || header.name === 'END' || isBinary(header)) return;
    state.card.add({ ...header, value, line: entry.line }, decode);
  }

  for await (const { text, line } of lines) {
    if (pending) {
      const header = headerOf(pending);
      if (header && isQuotedPrintable(header) && pending.text.endsWith('=')) {
        // Quoted-printable soft line break, also inside an =XX escape or right after the colon.
        pending.text = pending.text.slice(0, -1) + text;
        continue;
      }
      if (text.startsWith(' ') || text.startsWith('\t')) {
        pending.text += text.slice(1);
        pending.header = undefined; // a fold may run through the header itself
        continue;
      }
      if (header && isBinary(header) && /^[A-Za-z0-9+/=]+$/.test(text)) {
        pending.text += text; // base64 without the blank line 2.1 asks for (BlackBerry)
        continue;
      }
      if (header && state.card && text.trim() !== '' && !startsProperty(text)) {
        // Not a property: a line continuing the value without folding (Outlook notes, an address
        // broken after a backslash).
        pending.text += pending.text.endsWith('\\') ? `n${text}` : `\\n${text}`;
        continue;
      }
      yield* complete(pending);
      pending = null;
    }
    if (text.trim() !== '') pending = { text, line, header: undefined };
  }
  if (pending) yield* complete(pending);
  if (state.card) {
    options.issues.push({ line: state.card.contact.line, key: 'truncatedCard', vars: { line: state.card.contact.line } });
  }
}
