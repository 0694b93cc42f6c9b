import { describe, expect, it } from 'vitest';
import { contactSearchDigits, contactSearchText, foldForSearch, queryDigits } from '../../../shared/search';

describe('search folding', () => {
  it('drops accents and case, spells ß as ss, squeezes spaces', () => {
    expect(foldForSearch('  Jürgen  ÖZDEMİR ')).toBe('jurgen ozdemir');
    expect(foldForSearch('Weiß')).toBe('weiss');
    expect(foldForSearch('Renée')).toBe('renee');
  });
});

describe('numbers as a person types them', () => {
  it.each([
    ['0171 123', '171123'],
    ['0171/123 45', '17112345'],
    ['+49 171 123', '171123'],
    ['0049 (171) 123', '171123'],
    ['+43 664 1234', '6641234'],
    ['1234567', '1234567'],
    ['+4', '4'],
    ['+49', '49'],
  ])('%s → %s', (typed, digits) => {
    expect(queryDigits(typed)).toBe(digits);
  });

  it('signs without digits ask for no filter yet; text is not a number', () => {
    expect(queryDigits('+')).toBe('');
    expect(queryDigits('( ')).toBe('');
    expect(queryDigits('Müller')).toBeNull();
    expect(queryDigits('0171 Müller')).toBeNull();
  });

  it('stores numbers once, in a form every query form is part of', () => {
    const stored = contactSearchDigits([{ e164: '+491711234567', raw: '0171 / 123 45 67' }]);
    expect(stored).toBe('491711234567');
    for (const typed of ['0171 123', '+49 171 1234567', '0049171', '1234567', '491711']) expect(stored).toContain(queryDigits(typed));
    // Raw digits stay where they add something: an extension, a number that could not be read.
    expect(contactSearchDigits([{ e164: '+49561123450', raw: '0561 12345-0 Durchwahl 17' }])).toBe('49561123450 056112345017');
    expect(contactSearchDigits([{ e164: null, raw: '(0800) 33 44' }])).toBe('08003344');
    expect(contactSearchDigits([{ e164: null, raw: 'abc' }])).toBe('');
  });

  it('stores names without repeating what the display name already says', () => {
    expect(
      contactSearchText({
        displayName: 'Jürgen Müller',
        givenName: 'Jürgen',
        familyName: 'Müller',
        organization: 'Dachdeckerei Müller',
        emails: [{ address: 'J.Mueller@example.de' }],
      }),
    ).toBe('jurgen muller dachdeckerei muller j.mueller@example.de');
    expect(contactSearchText({ displayName: 'Elektro Meier KG', organization: 'Elektro Meier KG', customerNumber: 'K-1001' })).toBe(
      'elektro meier kg k-1001',
    );
  });
});
