import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const built: string[] = [];

/**
 * A script for a child process of its own (one that is killed, or runs under a file size limit),
 * bundled from TypeScript `contents` that may `require` the project's sources by absolute path.
 * Removed after the test file.
 */
export async function childScript(contents: string, name: string, external: string[] = []): Promise<string> {
  const script = path.join(mkdtempSync(path.join(tmpdir(), 'umzugshelfer-child-')), `${name}.cjs`);
  built.push(path.dirname(script));
  await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: script,
    external,
    logLevel: 'warning',
  });
  return script;
}

/** The absolute path of a source file, for `require` in a child script. */
export const sourcePath = (relative: string): string => JSON.stringify(path.join(root, relative));

afterAll(() => {
  for (const dir of built.splice(0)) rmSync(dir, { recursive: true, force: true });
});
