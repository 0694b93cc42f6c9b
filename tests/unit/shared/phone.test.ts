import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayNumber, lacksTrunkPrefix, normalizePhone, normalizePhoneSlow } from '../../../shared/phone';

describe('normalizePhone', () => {
  it.each([
    ['0171 1234567', 'DE', '+491711234567', 'mobile'],
    ['0171/1234567', 'DE', '+491711234567', 'mobile'],
    ['+49 (0) 171 1234567', 'DE', '+491711234567', 'mobile'],
    ['0049 171 1234567', 'DE', '+491711234567', 'mobile'],
    ['+49\u00a0171\u00a01234567', 'DE', '+491711234567', 'mobile'],
    ['030 1234567', 'DE', '+49301234567', 'landline'],
    ['0 30 / 12 34 56-7', 'DE', '+49301234567', 'landline'],
    ['089-12345678', 'DE', '+498912345678', 'landline'],
    ['0664 1234567', 'AT', '+436641234567', 'mobile'],
    ['079 123 45 67', 'CH', '+41791234567', 'mobile'],
    ['+41 79 123 45 67', 'DE', '+41791234567', 'mobile'],
    ['+1 650 253 0000', 'DE', '+16502530000', 'other'],
    ['0800 1234567', 'DE', '+498001234567', 'other'],
  ])('%s (%s) → %s, %s', (raw, region, e164, kind) => {
    expect(normalizePhone(raw, region)).toEqual({ e164, kind });
  });

  it.each(['+49 MOBIL', '', '12', '0171', 'keine Nummer', '+49 171 12345678901234'])('keeps %j as invalid', (raw) => {
    expect(normalizePhone(raw, 'DE')).toEqual({ e164: null, kind: 'invalid' });
  });

  // Without +, 00 or the leading 0 a number is incomplete where every national number has the 0:
  // libphonenumber-js alone would read "3333333" as +49 333 3333 and "9876 /11223344" as +49 9876 ….
  it.each([
    ['3333333', 'DE'],
    ['9876 /11223344', 'DE'],
    ['(650) 555-1212', 'DE'],
    ['1805 112233', 'DE'],
    ['110', 'DE'],
    ['116117', 'DE'],
    ['664 1234567', 'AT'],
    ['79 123 45 67', 'CH'],
    ['6 12 34 56 78', 'FR'],
  ])('%s (%s) lacks the leading 0: flagged, never completed', (raw, region) => {
    expect(lacksTrunkPrefix(raw, region)).toBe(true);
    expect(normalizePhone(raw, region)).toEqual({ e164: null, kind: 'invalid' });
  });

  it('a German mobile number without its 0 is completed: no area code or local number starts with 1', () => {
    expect(lacksTrunkPrefix('171 1234567', 'DE')).toBe(true);
    expect(normalizePhone('171 1234567', 'DE')).toEqual({ e164: '+491711234567', kind: 'mobile' });
    expect(normalizePhone('1711234567', 'DE')).toEqual({ e164: '+491711234567', kind: 'mobile' });
    expect(normalizePhone('171 1234567', 'AT')).toEqual({ e164: null, kind: 'invalid' });
  });

  it.each([
    ['333 123 4567', 'IT', '+393331234567'],
    ['06 1234 5678', 'IT', '+390612345678'],
    ['512 345 678', 'PL', '+48512345678'],
    ['20 12 34 56', 'DK', '+4520123456'],
    ['(0561) 99 88 77', 'DE', '+49561998877'],
    ['Tel. 0561 998877', 'DE', '+49561998877'],
  ])('%s (%s): a region without that 0, or a number with it, reads as before → %s', (raw, region, e164) => {
    expect(lacksTrunkPrefix(raw, region)).toBe(false);
    expect(normalizePhone(raw, region).e164).toBe(e164);
  });

  it('the fast path never disagrees with libphonenumber-js (property test)', () => {
    const separator = fc.constantFrom('', ' ', '-', '/', '  ');
    const digitGroup = fc.stringMatching(/^\d{1,5}$/);
    const prefix = fc.constantFrom(
      '0',
      '+49',
      '0049',
      '+43',
      '0043',
      '+41',
      '0041',
      '00',
      '',
      '+',
      '+490',
      '01',
      '015',
      '017',
      '0151',
      '030',
      '089',
      '1',
      '15',
      '17',
      '30',
      '9',
    );
    const number = fc
      .tuple(prefix, fc.array(fc.tuple(separator, digitGroup), { minLength: 1, maxLength: 5 }))
      .map(([start, groups]) => start + groups.map(([sep, digits]) => sep + digits).join(''));
    fc.assert(
      fc.property(number, fc.constantFrom('DE', 'AT', 'CH'), (raw, region) => {
        expect(normalizePhone(raw, region)).toEqual(normalizePhoneSlow(raw, region));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('displayNumber', () => {
  it('shows German numbers in the national form and others internationally, the same on every call', () => {
    const expected = [
      ['+491711234567', '0171 1234567'],
      ['+49301234567', '030 1234567'],
      ['+436641234567', '+43 664 1234567'],
    ] as const;
    for (const [e164, shown] of expected) expect(displayNumber(e164, 'roh')).toBe(shown);
    // More numbers than are kept formatted: the first ones are formatted afresh, not confused.
    for (let i = 0; i < 12_000; i += 1) expect(displayNumber(`+49171${1_000_000 + i}`, '')).toBe(`0171 ${1_000_000 + i}`);
    for (const [e164, shown] of expected) expect(displayNumber(e164, 'roh')).toBe(shown);
    expect(displayNumber(null, '0171 12 34')).toBe('0171 12 34');
    expect(displayNumber('+49', 'x')).toBe('+49');
  });
});
