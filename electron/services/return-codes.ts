import { createHmac } from 'node:crypto';
import {
  CHECK_ALPHABET,
  CHECK_LENGTH,
  checkedText,
  parseReturnCode,
  type ReturnCode,
  type ReturnCodeParts,
} from '../../shared/scan/return-code';
import type { ServiceContext } from './context';

/**
 * The Rückläufer-Code's check value: the first 25 bits of an HMAC-SHA256 of the code's parts under the
 * database's own random key, in Crockford's base 32. A code from another business (another key) or with
 * a digit mistyped matches by chance once in 33 million.
 */
export function returnCheck(key: Buffer, parts: ReturnCodeParts): string {
  const digest = createHmac('sha256', key).update(checkedText(parts)).digest();
  let bits = digest.readUInt32BE(0) >>> (32 - CHECK_LENGTH * 5);
  let check = '';
  for (let i = 0; i < CHECK_LENGTH; i += 1) {
    check = CHECK_ALPHABET[bits & 31] + check;
    bits >>>= 5;
  }
  return check;
}

/** The check value of a contact's code on a letter of this database (for the letters). */
export const returnCheckOf =
  (ctx: ServiceContext) =>
  (contactId: number, letterDate: string, version: string): string =>
    returnCheck(ctx.repos.returnForms.identityKey(), { contactId, letterDate, version });

/** What a code read from a page (or typed) is: one of this database's, not one of the app's, or another's. */
export type CheckedCode = { kind: 'valid'; code: ReturnCode } | { kind: 'unreadable' } | { kind: 'foreign'; code: ReturnCode };

export function checkReturnCode(ctx: ServiceContext, text: string): CheckedCode {
  const code = parseReturnCode(text);
  if (!code) return { kind: 'unreadable' };
  const expected = returnCheck(ctx.repos.returnForms.identityKey(), code);
  return expected === code.check ? { kind: 'valid', code } : { kind: 'foreign', code };
}
