import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
/** As scripts/build.mjs: loaded from node_modules at run time (pdf.js's own worker, a native canvas). */
const scanReaderModules = ['pdfjs-dist', '@napi-rs/canvas'];

/**
 * The tests run the sources, but two things need built scripts: the import reads files in a worker
 * thread (read-worker.cjs), and the hostile-file tests run the CLI as a process of its own to
 * measure its memory. Both are built once per test run into out/test-run-*, inside the project so
 * that the CLI finds better-sqlite3 in node_modules; the forked test processes inherit the names.
 */
export default async function buildBundles(): Promise<() => void> {
  mkdirSync(path.join(root, 'out'), { recursive: true });
  // Runs that were killed leave their folder behind; a day later it is nobody's.
  for (const name of readdirSync(path.join(root, 'out'))) {
    const old = path.join(root, 'out', name);
    if (name.startsWith('test-run-') && Date.now() - statSync(old).mtimeMs > 24 * 60 * 60 * 1000)
      rmSync(old, { recursive: true, force: true });
  }
  const dir = mkdtempSync(path.join(root, 'out', 'test-run-'));
  const bundle = (entry: string, name: string) =>
    build({
      entryPoints: [path.join(root, entry)],
      outfile: path.join(dir, name),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['electron', 'better-sqlite3', ...scanReaderModules],
      sourcemap: 'inline',
      logLevel: 'warning',
    });
  await Promise.all([bundle('electron/importers/read-worker.ts', 'read-worker.cjs'), bundle('electron/cli/index.ts', 'cli.cjs')]);
  process.env.UMZUGSHELFER_READER = path.join(dir, 'read-worker.cjs');
  process.env.UMZUGSHELFER_TEST_CLI = path.join(dir, 'cli.cjs');
  return () => rmSync(dir, { recursive: true, force: true });
}
