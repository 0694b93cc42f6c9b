import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePhone, normalizePhoneSlow } from '../../../shared/phone';

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

  it('the fast path never disagrees with libphonenumber-js (property test)', () => {
    const separator = fc.constantFrom('', ' ', '-', '/', '  ');
    const digitGroup = fc.stringMatching(/^\d{1,5}$/);
    const prefix = fc.constantFrom('0', '+49', '0049', '+43', '0043', '+41', '0041', '00', '', '+', '+490', '01', '015', '017', '0151', '030', '089');
    const number = fc.tuple(prefix, fc.array(fc.tuple(separator, digitGroup), { minLength: 1, maxLength: 5 })).map(
      ([start, groups]) => start + groups.map(([sep, digits]) => sep + digits).join(''),
    );
    fc.assert(
      fc.property(number, fc.constantFrom('DE', 'AT', 'CH'), (raw, region) => {
        expect(normalizePhone(raw, region)).toEqual(normalizePhoneSlow(raw, region));
      }),
      { numRuns: 20_000 },
    );
  });
});
