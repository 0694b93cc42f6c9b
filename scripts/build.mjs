// Builds the app into out/: the main process, preload, loopback host and CLI with esbuild, the
// renderer with Vite. `--if-needed` skips the work when nothing changed since the last build.
// Everything it says goes to stderr, so `npm run --silent cli -- … --json` keeps a clean stdout.
import { build as esbuild } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'out');
const stamp = path.join(out, '.build-stamp');
const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');
const say = (text) => quiet || process.stderr.write(`${text}\n`);

const inputs = ['electron', 'shared', 'renderer', 'vite.config.ts', 'package.json', 'package-lock.json', 'scripts/build.mjs'];

function newestChange(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(full).reduce((newest, name) => Math.max(newest, newestChange(path.join(entry, name))), stat.mtimeMs);
}

function upToDate() {
  if (!existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  return inputs.every((entry) => newestChange(entry) <= built);
}

// Reading scanned forms in the CLI (electron/importers/scan-pages.ts): pdf.js loads its worker from
// beside itself and the canvas is native, so both are loaded from node_modules at run time.
const scanReaderModules = ['pdfjs-dist', '@napi-rs/canvas'];

const nodeBundle = (entry, outfile, extra = {}) =>
  esbuild({
    entryPoints: [path.join(root, entry)],
    outfile: path.join(out, outfile),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    // Native or Electron-provided: loaded at run time, never bundled.
    external: ['electron', 'better-sqlite3', ...scanReaderModules],
    // Tests name their own build of the import reader; the app only ever runs its own (read-isolated.ts).
    define: { 'process.env.UMZUGSHELFER_READER': 'undefined' },
    logLevel: 'warning',
    ...extra,
  });

async function buildRenderer() {
  const { build, createLogger } = await import('vite');
  const logger = createLogger('warn');
  await build({
    configFile: path.join(root, 'vite.config.ts'),
    configLoader: 'runner',
    logLevel: 'warn',
    customLogger: {
      ...logger,
      info: () => {},
      warn: (m) => process.stderr.write(`${m}\n`),
      warnOnce: (m) => process.stderr.write(`${m}\n`),
    },
  });
}

if (args.has('--if-needed') && upToDate()) process.exit(0);

const started = Date.now();
say('Umzugshelfer wird gebaut …');
await Promise.all([
  nodeBundle('electron/main/index.ts', 'main/index.cjs'),
  // The sandboxed preload may only require 'electron'; everything else is bundled in.
  nodeBundle('electron/preload/index.ts', 'preload/index.cjs', { target: 'chrome120' }),
  nodeBundle('electron/host/serve.ts', 'host/serve.cjs'),
  nodeBundle('electron/cli/index.ts', 'cli/index.cjs'),
  // The import reader's worker thread, beside each bundle that imports (see read-isolated.ts).
  ...['main', 'host', 'cli'].map((dir) => nodeBundle('electron/importers/read-worker.ts', `${dir}/read-worker.cjs`)),
  buildRenderer(),
]);
mkdirSync(out, { recursive: true });
writeFileSync(stamp, new Date().toISOString());
say(`Fertig in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
