import { describe, expect, it } from 'vitest';
import { returnCheck } from '../../../electron/services/return-codes';
import { formatReturnCode, parseReturnCode, printedReturnCode } from '../../../shared/scan/return-code';

const key = Buffer.alloc(32, 7);
const otherKey = Buffer.alloc(32, 8);
const parts = { contactId: 1234, letterDate: '2026-11-26', version: 'EW-A5B5C681' };

describe('the Rückläufer-Code', () => {
  it('reads back what it printed, in the QR code and as typed by a person (spaces, small letters, O for 0)', () => {
    const code = { ...parts, check: returnCheck(key, parts) };
    expect(code.check).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(parseReturnCode(formatReturnCode(code))).toEqual(code);
    const [first, second] = printedReturnCode(code);
    expect(first).toBe('1234-20261126');
    expect(parseReturnCode(`${first} ${second}`.toLowerCase())).toEqual(code);
    expect(parseReturnCode(`${first}-${second.replace(/0/g, 'O')}`)).toEqual(code);
  });

  it('is refused with another business’s key, and for any one character mistyped', () => {
    const code = { ...parts, check: returnCheck(key, parts) };
    expect(returnCheck(otherKey, parts)).not.toBe(code.check);
    const text = formatReturnCode(code);
    let refused = 0;
    let changes = 0;
    for (let i = 4; i < text.length; i += 1) {
      if (text[i] === '-') continue;
      for (const replacement of '0123456789ABCDEF') {
        if (replacement === text[i]) continue;
        const typo = parseReturnCode(text.slice(0, i) + replacement + text.slice(i + 1));
        changes += 1;
        if (!typo || returnCheck(key, typo) !== typo.check) refused += 1;
      }
    }
    expect(changes).toBeGreaterThan(300);
    expect(refused).toBe(changes);
  });

  it('is no code at all for other texts: a messenger link, a date that does not exist, a wrong shape', () => {
    expect(parseReturnCode('https://signal.me/#p/+491719876543')).toBeNull();
    expect(parseReturnCode('UH1-12-20261331-A5B5C681-7QK2M')).toBeNull();
    expect(parseReturnCode('UH1-12-20260230-A5B5C681-7QK2M')).toBeNull();
    expect(parseReturnCode('UH1-12-20261126-A5B5C68-7QK2M')).toBeNull();
  });
});
