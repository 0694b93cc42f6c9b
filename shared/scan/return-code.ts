/**
 * The Rückläufer-Code on the return copy of every consent form (issue 18): which contact, which letter
 * (its date) and which text version the form belongs to, and a check value made with the database's own
 * key (electron/services/return-codes.ts), so that a code from another business's forms or a mistyped one
 * is refused. The QR code holds it as `UH1-1234-20261204-1A2B3C4D-7QK2M`; printed beside it for a person
 * to type, the same without the prefix. Only capitals, digits and hyphens: QR's compact alphanumeric mode.
 */
export interface ReturnCodeParts {
  contactId: number;
  /** The letter's date, YYYY-MM-DD. */
  letterDate: string;
  /** The consent text's version, EW-XXXXXXXX. */
  version: string;
}

export interface ReturnCode extends ReturnCodeParts {
  check: string;
}

const PREFIX = 'UH1';
/** Crockford's base 32: no I, L, O or U, so what a person reads cannot be mistaken. */
export const CHECK_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CHECK_LENGTH = 5;

/** What the check value is made from (the same text on both sides). */
export const checkedText = (parts: ReturnCodeParts) => `${parts.contactId}|${parts.letterDate}|${parts.version}`;

const compactDate = (iso: string) => iso.replaceAll('-', '');

/** The code as the QR code holds it. */
export const formatReturnCode = (code: ReturnCode) =>
  `${PREFIX}-${code.contactId}-${compactDate(code.letterDate)}-${code.version.replace(/^EW-/, '')}-${code.check}`;

/** The code as printed for a person, in two lines' parts: "1234-20261204" and "1A2B3C4D-7QK2M". */
export const printedReturnCode = (code: ReturnCode): [string, string] => [
  `${code.contactId}-${compactDate(code.letterDate)}`,
  `${code.version.replace(/^EW-/, '')}-${code.check}`,
];

// The two printed lines may be typed with a space between them instead of the hyphen.
const PATTERN = /^(\d{1,9})-(\d{4})(\d{2})(\d{2})-?([0-9A-F]{8})-([0-9A-Z]{5})$/;

/**
 * A code read from a QR code or typed by a person, or null when it is not one of this app's codes. Spaces
 * and dots are left out and letters read as capitals; O, I and L typed for 0 and 1 are read as those.
 * Whether it belongs to this business says only its check value.
 */
export function parseReturnCode(text: string): ReturnCode | null {
  // The prefix has none of O, I and L, and neither the digits, the hex version nor the check value use them.
  const cleaned = text
    .toUpperCase()
    .replace(/[\s.·]/g, '')
    .replace(/[–—]/g, '-')
    .replace(/^UH1-/, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  const match = PATTERN.exec(cleaned);
  if (!match) return null;
  const [, id, year, month, dayOfMonth, version, check] = match;
  const letterDate = `${year}-${month}-${dayOfMonth}`;
  // A day the calendar has (Date would roll 30 February over into March).
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(dayOfMonth)));
  if (calendar.getUTCMonth() !== Number(month) - 1 || calendar.getUTCDate() !== Number(dayOfMonth)) return null;
  if ([...check!].some((character) => !CHECK_ALPHABET.includes(character))) return null;
  return { contactId: Number(id), letterDate, version: `EW-${version}`, check: check! };
}
