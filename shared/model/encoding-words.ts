import { legacyEncodings } from './import';

type Translate = (key: string, vars?: Record<string, string>) => string;

const isLegacy = (encoding: string): encoding is (typeof legacyEncodings)[number] =>
  (legacyEncodings as readonly string[]).includes(encoding);

/** One encoding's short name: "UTF-8", "Windows", "Shift_JIS"; one the app has no words for as the file named it. */
function shortName(encoding: string, t: Translate): string {
  if (encoding === 'utf-8') return t('import.encoding.short.utf-8');
  if (encoding.startsWith('utf-16')) return t('import.encoding.short.utf-16');
  if (isLegacy(encoding)) return t(`import.encoding.short.${encoding}`);
  return encoding.toUpperCase();
}

/**
 * The character set a file was read in, in the office's words. The reader reports what it met, joined
 * with "+" when a vCard mixes them ("utf-8+windows-1252": UTF-8 with a few values in Windows-1252);
 * shown raw that reads like an error code, so: "Westeuropäisch (Windows-1252)", "UTF-8 mit einzelnen
 * Windows-Zeichen".
 */
export function encodingInWords(encoding: string, t: Translate): string {
  const parts = encoding.toLowerCase().split('+').filter(Boolean);
  if (parts.length <= 1) {
    const [only = encoding] = parts;
    return isLegacy(only) ? t(`import.encoding.names.${only}`) : shortName(only, t);
  }
  // UTF-8 carries the file when it is there; the others are the odd values in it.
  const main = parts.includes('utf-8') ? 'utf-8' : parts[0]!;
  const others = parts.filter((part) => part !== main).map((part) => shortName(part, t));
  return t('import.encoding.mixed', { main: shortName(main, t), other: others.join('/') });
}
