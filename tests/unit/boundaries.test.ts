import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The process boundaries, enforced: shared/ runs anywhere, the renderer sees only shared/ and the
// preload's types, and only the Electron shell itself may import `electron`.
const root = path.resolve(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const relative = path.join(dir, name);
    if (statSync(path.join(root, relative)).isDirectory()) return sourceFiles(relative);
    return /\.(ts|tsx|mts|cts)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [relative] : [];
  });
}

const importPattern =
  /(?:^|[^\w.])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[^\w.])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/gm;

function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
  return [...text.matchAll(importPattern)].map((match) => match[1] ?? match[2] ?? match[3] ?? match[4]!);
}

const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const isNodeBuiltin = (specifier: string) => specifier.startsWith('node:') || nodeBuiltins.has(specifier.split('/')[0]!);
const resolveRelative = (file: string, specifier: string) => path.normalize(path.join(path.dirname(file), specifier));

interface Violation {
  file: string;
  specifier: string;
}

function violations(dir: string, allowed: (file: string, specifier: string) => boolean): Violation[] {
  return sourceFiles(dir).flatMap((file) =>
    importsOf(file)
      .filter((specifier) => !allowed(file, specifier))
      .map((specifier) => ({ file, specifier })),
  );
}

/** Packages shared/ may use: they run unchanged in Node.js, Electron and the browser. */
const sharedPackages = new Set([
  'zod',
  'zod/locales',
  'libphonenumber-js/core',
  'libphonenumber-js/metadata.max.json',
  'qrcode-generator',
  'fflate',
  // The QR reader (WebAssembly): its .wasm is handed in by each side (shared/scan/decode-qr.ts).
  'zxing-wasm/reader',
]);
/** Packages the main side uses that a renderer must never load. */
const mainOnlyPackages = new Set(['electron', 'better-sqlite3', 'esbuild', 'vite']);

describe('process boundaries', () => {
  it('the import scanner sees every form of import', () => {
    expect(importsOf('tests/unit/fixtures/imports-sample.ts')).toEqual(['a', 'b', 'c', 'd', 'e', 'node:fs', 'g']);
  });

  it('shared/ imports nothing from electron, node: or the DOM side, and stays inside shared/', () => {
    const found = violations('shared', (file, specifier) =>
      specifier.startsWith('.') ? resolveRelative(file, specifier).startsWith(`shared${path.sep}`) : sharedPackages.has(specifier),
    );
    expect(found).toEqual([]);
  });

  it('renderer/ imports only itself, shared/ and the preload’s type declarations', () => {
    const found = violations('renderer', (file, specifier) => {
      if (specifier.startsWith('.')) {
        const target = resolveRelative(file, specifier);
        return (
          target.startsWith(`renderer${path.sep}`) ||
          target.startsWith(`shared${path.sep}`) ||
          target === path.join('electron', 'preload', 'api')
        );
      }
      return !isNodeBuiltin(specifier) && !mainOnlyPackages.has(specifier.split('/')[0]!);
    });
    expect(found).toEqual([]);
  });

  it('only the Electron shell (main/, preload/) imports `electron`: every other folder runs under plain Node.js', () => {
    // Every folder of electron/ but the shell's two, so that a new folder is checked from its first file.
    const nodeOnly = readdirSync(path.join(root, 'electron'))
      .filter((name) => statSync(path.join(root, 'electron', name)).isDirectory() && name !== 'main' && name !== 'preload')
      .map((name) => `electron/${name}`);
    expect(nodeOnly).toEqual(expect.arrayContaining(['electron/services', 'electron/db', 'electron/cli']));
    const found = nodeOnly.flatMap((dir) =>
      violations(dir, (file, specifier) => {
        if (!specifier.startsWith('.')) return specifier !== 'electron' && !specifier.startsWith('electron/');
        const target = resolveRelative(file, specifier);
        return ![path.join('electron', 'main'), path.join('electron', 'preload')].some(
          (shell) => target === shell || target.startsWith(`${shell}${path.sep}`),
        );
      }),
    );
    expect(found).toEqual([]);
  });

  it('electron/README.md names every folder of electron/ and whether it needs Electron', () => {
    const readme = readFileSync(path.join(root, 'electron', 'README.md'), 'utf8');
    const folders = readdirSync(path.join(root, 'electron')).filter((name) => statSync(path.join(root, 'electron', name)).isDirectory());
    expect(folders.filter((name) => !readme.includes(`| \`${name}/\` |`))).toEqual([]);
    const needElectron = [...readme.matchAll(/^\| `(\w+)\/` \| \*\*Electron\*\*/gm)].map((match) => match[1]);
    expect(needElectron.sort()).toEqual(['main', 'preload']);
  });

  it('the preload imports only electron and the contract’s name list (type imports aside)', () => {
    const found = violations(
      'electron/preload',
      (file, specifier) =>
        specifier === 'electron' ||
        resolveRelative(file, specifier) === path.join('shared', 'contract', 'names') ||
        /^import type/m.test(
          readFileSync(path.join(root, file), 'utf8')
            .split('\n')
            .find((line) => line.includes(`'${specifier}'`)) ?? '',
        ),
    );
    expect(found).toEqual([]);
  });
});

/** The source file a relative import names (with or without its extension, or a folder's index), or null for a package. */
function resolvedImport(file: string, specifier: string, known: Set<string>): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolveRelative(file, specifier).replace(/\.js$/, '');
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')];
  return candidates.find((candidate) => known.has(candidate)) ?? null;
}

/**
 * The import cycles among files (type imports included: a type cycle binds the files as much as any),
 * as the strongly connected components of the import graph with more than one file (Tarjan).
 */
function importCycles(files: string[], groupOf: (file: string) => string = (file) => file): string[][] {
  const known = new Set(files);
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const from = groupOf(file);
    const targets = graph.get(from) ?? new Set<string>();
    graph.set(from, targets);
    for (const specifier of importsOf(file)) {
      const target = resolvedImport(file, specifier, known);
      if (target !== null && groupOf(target) !== from) targets.add(groupOf(target));
    }
  }
  let counter = 0;
  const order = new Map<string, number>();
  const lowest = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    order.set(node, counter);
    lowest.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!order.has(next)) {
        visit(next);
        lowest.set(node, Math.min(lowest.get(node)!, lowest.get(next)!));
      } else if (onStack.has(next)) lowest.set(node, Math.min(lowest.get(node)!, order.get(next)!));
    }
    if (lowest.get(node) !== order.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!order.has(node)) visit(node);
  return cycles;
}

const appSources = () => ['electron', 'shared', path.join('renderer', 'src')].flatMap(sourceFiles);

/**
 * The folders whose files depend on each other as layers: a lower one (db) never imports a higher one
 * (services). Repositories and migrations belong to db, every command to the CLI, every view to the renderer.
 */
const layerOf = (file: string) => path.dirname(file).replace(/^(electron[\\/](?:db|cli)|renderer[\\/]src)(?:[\\/].*)?$/, '$1');

describe('no import cycles', () => {
  it('the cycle finder finds a cycle closed by a type import, and only its members', () => {
    const fixture = path.join('tests', 'unit', 'fixtures', 'import-cycle');
    const files = ['first', 'second', 'third', 'outside'].map((name) => path.join(fixture, `${name}.ts`));
    expect(importCycles(files)).toEqual([files.slice(0, 3).sort()]);
    // Without the type import that closes it, there is none.
    expect(importCycles(files.filter((file) => !file.endsWith('third.ts')))).toEqual([]);
  });

  it('no file of the app imports itself through others, type imports included', () => {
    expect(importCycles(appSources())).toEqual([]);
  });

  it('db/ is the bottom of the main side: it imports only itself and shared/', () => {
    const found = violations(path.join('electron', 'db'), (file, specifier) => {
      if (!specifier.startsWith('.')) return true;
      const target = resolveRelative(file, specifier);
      return target.startsWith(`${path.join('electron', 'db')}${path.sep}`) || target.startsWith(`shared${path.sep}`);
    });
    expect(found).toEqual([]);
  });

  it('no folder of the app imports one that imports it back (db never reaches up to services or importers)', () => {
    expect(importCycles(appSources(), layerOf)).toEqual([]);
  });
});

/**
 * The UTC date of a moment: what `toISOString()` cut to its first ten characters gives. At 00:30 in
 * Germany that is yesterday, so no date the office sees may be made this way (shared/local-date.ts).
 */
const utcDatePatterns = [
  /\.toISOString\(\)\s*\.(?:slice|substring|substr)\(\s*0\s*,\s*10\s*\)/,
  /\.toISOString\(\)\s*\.split\(\s*['"`]T['"`]\s*\)\s*\[\s*0\s*\]/,
];

/** Every source file of a folder, scripts (.mjs, .cjs, .js) and tests inside it included. */
function allSourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const relative = path.join(dir, name);
    if (statSync(path.join(root, relative)).isDirectory()) return allSourceFiles(relative);
    return /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(name) ? [relative] : [];
  });
}

const utcDateUses = (text: string): string[] => text.split('\n').filter((line) => utcDatePatterns.some((pattern) => pattern.test(line)));

describe('dates are the office computer’s local date', () => {
  it('the scanner finds every way of cutting the UTC date from a moment', () => {
    const lines = [
      'const a = new Date().toISOString().slice(0, 10);',
      'const b = date.toISOString().substring(0, 10);',
      "const c = now.toISOString().split('T')[0];",
      'const d = when.toISOString() .slice(0,10);',
      'const e = new Date().toISOString();', // a full moment in UTC is fine: it is stored, not shown as a date
      'const f = localDate(new Date());',
    ];
    expect(utcDateUses(lines.join('\n'))).toEqual(lines.slice(0, 4));
  });

  it('no file in electron/, shared/, renderer/src or scripts/ takes the UTC date for today or any day', () => {
    const found = ['electron', 'shared', path.join('renderer', 'src'), 'scripts'].flatMap((dir) =>
      allSourceFiles(dir).flatMap((file) =>
        utcDateUses(readFileSync(path.join(root, file), 'utf8')).map((line) => `${file}: ${line.trim()}`),
      ),
    );
    expect(found).toEqual([]);
  });
});

describe('the repository stands on its own', () => {
  const texts = () =>
    ['electron', 'shared', path.join('renderer', 'src'), 'scripts', 'tests']
      .flatMap(allSourceFiles)
      .concat(['README.md', path.join('electron', 'README.md')])
      .map((file) => ({ file, text: readFileSync(path.join(root, file), 'utf8') }));

  it('no comment cites the handouts beside the project (DOMAIN.md): the fact itself or a page in docs/', () => {
    const self = path.join('tests', 'unit', 'boundaries.test.ts');
    expect(
      texts()
        .filter(({ file, text }) => file !== self && /DOMAIN\.md/.test(text))
        .map(({ file }) => file),
    ).toEqual([]);
  });

  it('every docs/ page cited exists', () => {
    const cited = new Set(texts().flatMap(({ text }) => [...text.matchAll(/\bdocs\/([\w-]+\.md)/g)].map((match) => match[1]!)));
    expect(cited.size).toBeGreaterThan(0);
    expect([...cited].filter((page) => !existsSync(path.join(root, 'docs', page)))).toEqual([]);
  });
});

/**
 * The files and packages a module loads when it runs: static imports and re-exports of values, followed
 * file by file (type-only imports are erased; `import()` loads on demand, in a chunk of its own).
 */
function loadedAtStart(entry: string): { files: Set<string>; packages: Set<string> } {
  const known = new Set(appSources());
  const files = new Set<string>();
  const packages = new Set<string>();
  const valueImport = /^\s*(?:import|export)\s+(?!type\b)(?:[^'"`;]*?\sfrom\s*)?['"]([^'"]+)['"]/gm;
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    if (!/\.tsx?$/.test(file)) return;
    const text = readFileSync(path.join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
    for (const [, specifier] of text.matchAll(valueImport)) {
      if (!specifier!.startsWith('.')) {
        packages.add(specifier!);
        continue;
      }
      const json = resolveRelative(file, specifier!);
      const target = specifier!.endsWith('.json') ? json : resolvedImport(file, specifier!, known);
      if (target) visit(target);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('the renderer’s first download', () => {
  const heavy = (specifier: string) => /^(zod|libphonenumber-js|pdfjs-dist|zxing-wasm)(\/|$)/.test(specifier);

  it('the walk follows value imports and stops at type imports and import()', () => {
    // The contact model's schemas need zod; its terms do not.
    expect([...loadedAtStart(path.join('shared', 'model', 'contact.ts')).packages].filter(heavy)).toContain('zod');
    expect([...loadedAtStart(path.join('shared', 'model', 'contact-terms.ts')).packages].filter(heavy)).toEqual([]);
    const app = loadedAtStart(path.join('renderer', 'src', 'App.tsx')).files;
    expect(app).toContain(path.join('renderer', 'src', 'views', 'contacts', 'ContactsView.tsx'));
    expect(app).not.toContain(path.join('renderer', 'src', 'views', 'settings', 'SettingsView.tsx'));
  });

  it('Kontakte starts without zod, libphonenumber, pdf.js, the QR reader or the English catalogue (issue 20)', () => {
    const start = loadedAtStart(path.join('renderer', 'src', 'main.tsx'));
    expect([...start.packages].filter(heavy)).toEqual([]);
    expect(start.files).toContain(path.join('shared', 'i18n', 'de.json'));
    expect(start.files).not.toContain(path.join('shared', 'i18n', 'en.json'));
  });
});
