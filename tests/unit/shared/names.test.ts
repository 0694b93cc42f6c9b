import { describe, expect, it } from 'vitest';
import { displayNameOf, namesCompatible, nameTokens, splitFullName } from '../../../shared/names';

describe('splitFullName', () => {
  it.each([
    ['Bernd Schulze', { givenName: 'Bernd', familyName: 'Schulze' }],
    ['Schulze, Bernd', { givenName: 'Bernd', familyName: 'Schulze' }],
    ['  Schulze ,  Bernd  ', { givenName: 'Bernd', familyName: 'Schulze' }],
    ['Herr Dr. Bernd Schulze', { givenName: 'Bernd', familyName: 'Schulze', title: 'Dr.', gender: 'male' }],
    ['Frau Prof. Dr. Anna Maria Schmidt', { givenName: 'Anna Maria', familyName: 'Schmidt', title: 'Prof. Dr.', gender: 'female' }],
    ['Schmidt, Frau Dr. Anna', { givenName: 'Anna', familyName: 'Schmidt', title: 'Dr.', gender: 'female' }],
    ['Richard von Weizsäcker', { givenName: 'Richard', familyName: 'von Weizsäcker' }],
    ['Anne van der Berg', { givenName: 'Anne', familyName: 'van der Berg' }],
    ['Maria Gonçalves da Silva', { givenName: 'Maria Gonçalves', familyName: 'da Silva' }],
    ['Müller', { givenName: null, familyName: 'Müller' }],
    ['Elektro Meier GmbH & Co. KG', { organization: 'Elektro Meier GmbH & Co. KG', givenName: null, familyName: null }],
    ['Dachdeckerei Schulze', { organization: 'Dachdeckerei Schulze' }],
    ['', { givenName: null, familyName: null, organization: null }],
  ])('%j', (text, expected) => {
    expect(splitFullName(text)).toMatchObject(expected);
  });
});

describe('displayNameOf', () => {
  it('prefers the formatted name, then given + family, then company, then a fallback', () => {
    expect(displayNameOf({ formattedName: 'Dr. B. Schulze', givenName: 'Bernd', familyName: 'Schulze' })).toBe('Dr. B. Schulze');
    expect(displayNameOf({ givenName: 'Bernd', familyName: 'Schulze' })).toBe('Bernd Schulze');
    expect(displayNameOf({ organization: 'Meier KG' })).toBe('Meier KG');
    expect(displayNameOf({ fallbacks: [null, 'info@meier.de'] })).toBe('info@meier.de');
  });
});

describe('namesCompatible', () => {
  it('matches the same person written differently', () => {
    expect(namesCompatible('Bernd Schulze', 'Schulze, Bernd')).toBe(true);
    expect(namesCompatible('Dr. Jürgen Müller', 'Juergen Muller')).toBe(true); // shares "muller"
    expect(namesCompatible('Jürgen Müller', 'jurgen mueller')).toBe(true); // shares "jurgen"
    expect(namesCompatible(null, 'Anything')).toBe(true);
  });
  it('tells clearly different names apart', () => {
    expect(namesCompatible('Mama', 'Maria Schulze')).toBe(false);
    expect(namesCompatible('Herr Meier', 'Frau Schmidt')).toBe(false);
  });
  it('ignores accents, ß, salutations and titles', () => {
    expect(nameTokens('Herr Dr. Jürgen Groß-Özdemir')).toEqual(['jurgen', 'gross', 'ozdemir']);
  });
});
