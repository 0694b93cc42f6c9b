import { foldForSearch } from '../search';

/**
 * Country names and codes as address books write them, to tell a foreign address (country printed
 * last, in capitals, as DIN 5008 and the Deutsche Post ask) from a domestic one (no country line).
 */
const countryNames: Record<string, { de: string; en: string }> = {
  DE: { de: 'Deutschland', en: 'Germany' },
  AT: { de: 'Österreich', en: 'Austria' },
  CH: { de: 'Schweiz', en: 'Switzerland' },
  LI: { de: 'Liechtenstein', en: 'Liechtenstein' },
  LU: { de: 'Luxemburg', en: 'Luxembourg' },
  NL: { de: 'Niederlande', en: 'Netherlands' },
  BE: { de: 'Belgien', en: 'Belgium' },
  FR: { de: 'Frankreich', en: 'France' },
  IT: { de: 'Italien', en: 'Italy' },
  ES: { de: 'Spanien', en: 'Spain' },
  PT: { de: 'Portugal', en: 'Portugal' },
  PL: { de: 'Polen', en: 'Poland' },
  CZ: { de: 'Tschechien', en: 'Czech Republic' },
  DK: { de: 'Dänemark', en: 'Denmark' },
  SE: { de: 'Schweden', en: 'Sweden' },
  GB: { de: 'Vereinigtes Königreich', en: 'United Kingdom' },
  US: { de: 'Vereinigte Staaten', en: 'United States' },
  TR: { de: 'Türkei', en: 'Turkey' },
  GR: { de: 'Griechenland', en: 'Greece' },
  HR: { de: 'Kroatien', en: 'Croatia' },
};

const aliases: Record<string, string> = {
  germany: 'DE',
  deutschland: 'DE',
  brd: 'DE',
  'federal republic of germany': 'DE',
  'bundesrepublik deutschland': 'DE',
  osterreich: 'AT',
  oesterreich: 'AT',
  austria: 'AT',
  schweiz: 'CH',
  switzerland: 'CH',
  suisse: 'CH',
  svizzera: 'CH',
  luxemburg: 'LU',
  luxembourg: 'LU',
  niederlande: 'NL',
  netherlands: 'NL',
  holland: 'NL',
  nederland: 'NL',
  belgien: 'BE',
  belgium: 'BE',
  belgique: 'BE',
  frankreich: 'FR',
  france: 'FR',
  italien: 'IT',
  italy: 'IT',
  italia: 'IT',
  spanien: 'ES',
  spain: 'ES',
  espana: 'ES',
  polen: 'PL',
  poland: 'PL',
  polska: 'PL',
  tschechien: 'CZ',
  'czech republic': 'CZ',
  czechia: 'CZ',
  danemark: 'DK',
  denmark: 'DK',
  schweden: 'SE',
  sweden: 'SE',
  'vereinigtes konigreich': 'GB',
  'united kingdom': 'GB',
  uk: 'GB',
  england: 'GB',
  grossbritannien: 'GB',
  usa: 'US',
  'united states': 'US',
  'united states of america': 'US',
  'vereinigte staaten': 'US',
  turkei: 'TR',
  turkey: 'TR',
  turkiye: 'TR',
  griechenland: 'GR',
  greece: 'GR',
  kroatien: 'HR',
  croatia: 'HR',
};

const fold = (text: string) => foldForSearch(text).replace(/\./g, '').trim();

/** The ISO code of a country as written in an address ("Österreich", "AT", "Germany"), or null. */
export function countryCode(written: string | null | undefined): string | null {
  if (!written?.trim()) return null;
  const upper = written.trim().toUpperCase();
  if (upper in countryNames) return upper;
  return aliases[fold(written)] ?? null;
}

/** The country line of a foreign address: the name in the sender's language, in capitals. */
export function countryLine(written: string, language: 'de' | 'en'): string {
  const code = countryCode(written);
  return (code ? countryNames[code]![language] : written.trim()).toLocaleUpperCase(language);
}
