import { parse } from '@babel/parser';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogues, translate } from '../../../shared/i18n';

const keys = (node: unknown, prefix = ''): string[] =>
  node && typeof node === 'object'
    ? Object.entries(node).flatMap(([key, value]) => keys(value, prefix ? `${prefix}.${key}` : key))
    : [prefix];

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const components = (dir: string): string[] =>
  readdirSync(path.join(root, dir)).flatMap((name) => {
    const relative = path.join(dir, name);
    return statSync(path.join(root, relative)).isDirectory() ? components(relative) : name.endsWith('.tsx') ? [relative] : [];
  });

const textAttributes = new Set(['label', 'placeholder', 'title', 'aria-label', 'description', 'alt']);

/** Words a user would read that are written in a component instead of the catalogue. */
function visibleLiterals(file: string): string[] {
  const ast = parse(readFileSync(path.join(root, file), 'utf8'), { sourceType: 'module', plugins: ['typescript', 'jsx'] });
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    const n = node as { type?: string; value?: unknown; name?: { name?: string } };
    if (n.type === 'JSXText' && /\p{L}{2,}/u.test(String(n.value))) found.push(String(n.value).trim());
    if (n.type === 'JSXAttribute' && textAttributes.has(String(n.name?.name))) {
      const value = n.value as { type?: string; value?: string } | null;
      if (value?.type === 'StringLiteral' && /\p{L}/u.test(value.value ?? '')) found.push(value.value!);
    }
    for (const [key, child] of Object.entries(n)) if (key !== 'loc' && key !== 'start' && key !== 'end') visit(child);
  };
  visit(ast.program);
  return found;
}

describe('catalogues', () => {
  it('German and English have the same keys, none empty', () => {
    expect(keys(catalogues.en).sort()).toEqual(keys(catalogues.de).sort());
    for (const language of ['de', 'en'] as const) {
      for (const key of keys(catalogues[language])) expect(translate(language, key), `${language}:${key}`).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of keys(catalogues.de)) expect(placeholders(translate('en', key)), key).toEqual(placeholders(translate('de', key)));
  });

  it('translate() interpolates, and falls back to German and then to the key', () => {
    expect(translate('de', 'settings.version', { version: '1.2.3' })).toBe('Version 1.2.3');
    expect(translate('en', 'errors.unknown_request', { request: 'x' })).toBe('There is no request “x”.');
    expect(translate('en', 'does.not.exist')).toBe('does.not.exist');
  });

  it('components hold no UI text of their own: every word comes from the catalogue', () => {
    const offenders = components('renderer/src').flatMap((file) => visibleLiterals(file).map((text) => `${file}: ${text}`));
    expect(offenders).toEqual([]);
  });

  it('the literal finder sees JSX text and text attributes', () => {
    expect(visibleLiterals('tests/unit/fixtures/hardcoded-text.tsx')).toEqual(['Speichern', 'Suche', 'Kontakte']);
  });
});
