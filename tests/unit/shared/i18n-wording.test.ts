import { describe, expect, it } from 'vitest';
import { encodingInWords } from '../../../shared/model/encoding-words';
import { catalogues, translate } from '../../../shared/i18n';
import { parseTypedDate } from '../../../shared/local-date';
import { labelFromWords, labelInWords } from '../../../shared/model/labels';

type Catalogue = Record<string, unknown>;

/** Every text of a catalogue by its full key. */
const entries = (node: unknown, prefix = ''): [string, string][] =>
  node && typeof node === 'object'
    ? Object.entries(node).flatMap(([key, value]) => entries(value, prefix ? `${prefix}.${key}` : key))
    : [[prefix, String(node)]];

/**
 * English words that have no place in a German text: a value carried over from a file or an enum
 * ("mobile"), a literal left untranslated ("Loading"). Lower-case words are found in any case; the
 * capitalised ones only as written, so the CLI's own command names ("delete <ID>") and German words
 * that happen to share letters pass. Not listed because they are German too: Import, Export, Status,
 * Scan, Handy, Backup, Chat, Link, Tab.
 */
const notGerman = [
  'mobile',
  'home',
  'work',
  'other',
  'true',
  'false',
  'null',
  'undefined',
  'Error',
  'Loading',
  'Cancel',
  'Save',
  'Delete',
  'Settings',
  'Contacts',
  'Email',
];

/** The English words in a German text, outside its placeholders ({{count}}) and command-line options (--include-settled). */
function englishWords(text: string): string[] {
  const prose = text.replace(/\{\{[^}]*\}\}/g, ' ').replace(/--[a-z][\w-]*/g, ' ');
  return notGerman.filter((word) => {
    const flags = word === word.toLowerCase() ? 'iu' : 'u';
    // Letters on either side make it part of another word ("Netzwerk", "Homepage" aside, which are not listed).
    return new RegExp(`(?<![\\p{L}_-])${word}(?![\\p{L}_-])`, flags).test(prose);
  });
}

/**
 * Keys that end like a plural form but are none: the import's column targets ("phone:other" is
 * import.targets.phone_other), which are never looked up with a count.
 */
const notPlurals = /^import\.targets\./;

/** Plural keys missing their other form: `x_one` without `x_other`, or `x_other` without `x_one`. */
function unpairedPlurals(catalogue: Catalogue): string[] {
  const keys = new Set(entries(catalogue).map(([key]) => key));
  return [...keys].flatMap((key) => {
    const form = /_(one|other)$/.exec(key);
    if (!form || notPlurals.test(key)) return [];
    const partner = `${key.slice(0, -form[0].length)}_${form[1] === 'one' ? 'other' : 'one'}`;
    return keys.has(partner) ? [] : [`${key} (no ${partner})`];
  });
}

describe('the German catalogue reads as German', () => {
  it('holds no English word from the list in its texts', () => {
    const found = entries(catalogues.de).flatMap(([key, text]) => englishWords(text).map((word) => `${key}: ${word}`));
    expect(found).toEqual([]);
  });

  it('the finder sees English words, not placeholders, options or German words around them', () => {
    expect(englishWords('Bezeichnung: mobile')).toEqual(['mobile']);
    expect(englishWords('Loading …')).toEqual(['Loading']);
    expect(englishWords('Bezeichnung: Home, Work')).toEqual(['home', 'work']);
    expect(englishWords('{{other}} Zeichen, --other-file, Netzwerk, Homepage')).toEqual([]);
    expect(englishWords('delete <ID> [--json]')).toEqual([]);
  });

  it('every plural has both forms, in both languages', () => {
    for (const language of ['de', 'en'] as const) expect(unpairedPlurals(catalogues[language]), language).toEqual([]);
    expect(unpairedPlurals({ a_one: '1', b: { c_other: 'n' }, d_one: '1', d_other: 'n' })).toEqual([
      'a_one (no a_other)',
      'b.c_other (no b.c_one)',
    ]);
  });

  it('counts read right for one and for many', () => {
    expect(translate('de', 'import.counts.duplicates', { count: 1 })).toBe('1 mögliche Dublette');
    expect(translate('de', 'import.counts.duplicates', { count: 2 })).toBe('2 mögliche Dubletten');
    expect(translate('de', 'import.reasons.chatLastMessage', { date: '21.03.2024', count: 1 })).toBe(
      'Letzte Nachricht am 21.03.2024 (1 Nachricht)',
    );
    expect(translate('de', 'contacts.bulk.deleted', { count: 2 })).toBe('2 Kontakte in den Papierkorb gelegt.');
    expect(translate('en', 'contacts.bulk.deleted', { count: 1 })).toBe('1 contact moved to the bin.');
  });
});

describe('words for what files and forms hold', () => {
  const de = (key: string, vars?: Record<string, string>) => translate('de', key, vars);

  it('a character set in words, a mixed one as "UTF-8 mit einzelnen Windows-Zeichen"', () => {
    expect(encodingInWords('utf-8', de)).toBe('UTF-8');
    expect(encodingInWords('utf-16le', de)).toBe('UTF-16');
    expect(encodingInWords('windows-1252', de)).toBe('Westeuropäisch (Windows-1252)');
    expect(encodingInWords('utf-8+windows-1252', de)).toBe('UTF-8 mit einzelnen Windows-Zeichen');
    expect(encodingInWords('shift_jis+utf-8', de)).toBe('UTF-8 mit einzelnen Shift_JIS-Zeichen');
    expect(encodingInWords('iso-8859-15', de)).toBe('ISO-8859-15');
    expect(encodingInWords('utf-8+windows-1252', (key, vars) => translate('en', key, vars))).toBe('UTF-8 with a few Windows characters');
  });

  it('labels from files in the reader’s language; the office’s own as typed', () => {
    const inGerman = (key: string) => translate('de', key);
    expect(labelInWords('mobile', inGerman)).toBe('Mobil');
    expect(labelInWords('cell,work', inGerman)).toBe('Mobil, Geschäftlich');
    expect(labelInWords('* Mobile', inGerman)).toBe('Mobil');
    expect(labelInWords('HomeFAX', inGerman)).toBe('Fax privat');
    expect(labelInWords('Work Fax', inGerman)).toBe('Fax geschäftlich');
    expect(labelInWords('Baustelle', inGerman)).toBe('Baustelle');
    expect(labelInWords(null, inGerman)).toBe('');
    expect(labelInWords('home', (key) => translate('en', key))).toBe('Home');
    // Typed or picked: a known word is kept as its key, so that English reads it too.
    expect(labelFromWords('mobil', inGerman)).toBe('mobile');
    expect(labelFromWords('Privat', inGerman)).toBe('home');
    expect(labelFromWords('Baustelle Nord', inGerman)).toBe('Baustelle Nord');
  });

  it('a date typed as TT.MM.JJJJ is stored as YYYY-MM-DD; a birthday without a year as --MM-DD', () => {
    expect(parseTypedDate('22.03.1980')).toBe('1980-03-22');
    expect(parseTypedDate(' 2.3.1980 ')).toBe('1980-03-02');
    expect(parseTypedDate('22/03/1980')).toBe('1980-03-22');
    expect(parseTypedDate('1980-03-22')).toBe('1980-03-22');
    expect(parseTypedDate('29.02.2024')).toBe('2024-02-29');
    expect(parseTypedDate('22.03.', { withoutYear: true })).toBe('--03-22');
    expect(parseTypedDate('29.02', { withoutYear: true })).toBe('--02-29');
    for (const wrong of ['22.03.', '31.04.1980', '29.02.2023', '22.03.80', '1980', '22.13.1980', 'morgen', '2026-02-31']) {
      expect(parseTypedDate(wrong), wrong).toBeNull();
    }
  });
});
