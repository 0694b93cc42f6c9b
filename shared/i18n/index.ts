import type { Language } from '../model/settings';
import de from './de.json';
import en from './en.json';

/** The catalogues: German first, English second (the renderer loads the same files, English only when chosen). */
export const catalogues = { de, en } as const;

type Vars = Record<string, string | number>;

const lookup = (catalogue: unknown, key: string): string | undefined => {
  let node: unknown = catalogue;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
};

/**
 * Translation outside React (main process, host, CLI): the same keys and the same `{{name}}`
 * interpolation as i18next, falling back to German and then to the key itself.
 */
export function translate(language: Language, key: string, vars: Vars = {}): string {
  // Plurals as i18next writes them: key_one, key_other.
  const plural = typeof vars.count === 'number' ? `${key}_${new Intl.PluralRules(language).select(vars.count)}` : null;
  const find = (catalogue: unknown) =>
    (plural ? (lookup(catalogue, plural) ?? lookup(catalogue, `${key}_other`)) : undefined) ?? lookup(catalogue, key);
  const text = find(catalogues[language]) ?? find(catalogues.de) ?? key;
  // Large numbers grouped as the office reads them ("1.000.000 Zeichen"); below 10,000 as they are.
  const shown = (value: string | number) =>
    typeof value === 'number' && Math.abs(value) >= 10_000 ? value.toLocaleString(language === 'de' ? 'de-DE' : 'en-GB') : String(value);
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in vars ? shown(vars[name]!) : whole));
}
