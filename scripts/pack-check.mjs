// `npm run test:pack`: packs the built app (out/) with electron-builder for Linux as a folder, offline,
// and checks what a user's installer would carry. Electron's real binary cannot be downloaded here, so
// a stand-in folder plays Electron's distribution (`electronDist`): a file with Electron's fuse wire in
// place of the executable, which electron-builder flips as it would the real one. What this proves:
// the configuration passes electron-builder's own schema check, its globs pick the app's files,
// app.asar is packed with the renderer's assets (pdf.js's worker, the QR reader's .wasm), source maps
// stay out, better-sqlite3's JavaScript is in and its native file (built for Electron, here a stand-in)
// lies unpacked under resources/native. Windows (NSIS) and Mac (DMG) need their own machines (README).
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar');

const work = mkdtempSync(path.join(tmpdir(), 'umzugshelfer-pack-'));
const fail = (message) => {
  console.error(`Pack check: ${message}`);
  process.exitCode = 1;
};
try {
  if (!existsSync(path.join(root, 'out', 'renderer', 'index.html'))) throw new Error('out/ is not built (npm run build)');
  // Electron's distribution as electron-builder expects it for Linux: the executable named "electron".
  const electronDist = path.join(work, 'electron-dist');
  mkdirSync(electronDist);
  const wire = '101100011';
  writeFileSync(
    path.join(electronDist, 'electron'),
    Buffer.concat([
      Buffer.from('#!/bin/false\n'),
      Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
      Buffer.from([1, wire.length]),
      Buffer.from(wire),
    ]),
  );
  chmodSync(path.join(electronDist, 'electron'), 0o755);
  // Stands in for better-sqlite3 built for Electron (scripts/electron-native.mjs needs the internet).
  const native = path.join(work, 'native');
  mkdirSync(native);
  copyFileSync(require.resolve('better-sqlite3/build/Release/better_sqlite3.node'), path.join(native, 'better_sqlite3.node'));
  const output = path.join(work, 'release');
  const builder = spawnSync(
    process.execPath,
    [
      require.resolve('electron-builder/cli.js'),
      '--linux',
      'dir',
      '--config',
      path.join(root, 'build', 'electron-builder.config.cjs'),
      `-c.electronDist=${electronDist}`,
      `-c.electronVersion=${require('electron/package.json').version}`,
      `-c.directories.output=${output}`,
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, UMZUGSHELFER_NATIVE_DIR: native, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  );
  if (builder.status !== 0) throw new Error(`electron-builder failed:\n${builder.stdout}\n${builder.stderr}`);
  const unpacked = path.join(output, 'linux-unpacked');
  const resources = path.join(unpacked, 'resources');
  const files = new Set(asar.listPackage(path.join(resources, 'app.asar')).map((file) => file.split(path.sep).join('/')));
  const expected = [
    '/package.json',
    '/out/main/index.cjs',
    '/out/main/read-worker.cjs',
    '/out/preload/index.cjs',
    '/out/renderer/index.html',
    '/node_modules/better-sqlite3/package.json',
    '/node_modules/better-sqlite3/lib/index.js',
  ];
  for (const file of expected) if (!files.has(file)) fail(`app.asar lacks ${file}`);
  const assets = [...files].filter((file) => file.startsWith('/out/renderer/assets/'));
  if (!assets.some((file) => file.endsWith('.wasm'))) fail('app.asar lacks the QR reader’s .wasm');
  if (!assets.some((file) => /pdf\.worker.*\.m?js$/.test(file))) fail('app.asar lacks pdf.js’s worker');
  const maps = [...files].filter((file) => file.endsWith('.map'));
  if (maps.length) fail(`source maps packed: ${maps.slice(0, 3).join(', ')}`);
  const sources = [...files].filter(
    (file) => /^\/(electron|shared|renderer|tests)\//.test(file) || file.startsWith('/node_modules/better-sqlite3/src/'),
  );
  if (sources.length) fail(`sources packed: ${sources.slice(0, 3).join(', ')}`);
  if (!existsSync(path.join(resources, 'native', 'better_sqlite3.node'))) fail('resources/native/better_sqlite3.node is missing');
  if (!existsSync(path.join(unpacked, 'umzugshelfer')) && !readdirSync(unpacked).some((name) => /^umzugshelfer$/i.test(name)))
    fail(`no executable in ${readdirSync(unpacked).join(', ')}`);
  if (!process.exitCode)
    console.log(`Pack check: app.asar with ${files.size} entries, ${assets.length} renderer assets, native module beside it.`);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
} finally {
  rmSync(work, { recursive: true, force: true });
}
