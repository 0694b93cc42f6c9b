// `npm run dist [-- --win|--mac] [--x64|--arm64]`: installers with electron-builder (Windows NSIS,
// macOS DMG). better-sqlite3 for Electron comes from scripts/electron-native.mjs and travels as an
// extra resource (resources/native), so electron-builder never rebuilds node_modules in place.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronNative } from './electron-native.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = new Set(process.argv.slice(2));
const platform = args.has('--win') ? 'win32' : args.has('--mac') ? 'darwin' : process.platform;
const arch = args.has('--arm64') ? 'arm64' : args.has('--x64') ? 'x64' : process.arch;

const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

let binding;
try {
  binding = ensureElectronNative({ platform, arch });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

const target = platform === 'win32' ? '--win' : platform === 'darwin' ? '--mac' : '--linux';
const builder = spawnSync(
  process.execPath,
  [require.resolve('electron-builder/cli.js'), target, `--${arch}`, '--config', path.join(root, 'build', 'electron-builder.config.cjs')],
  { stdio: 'inherit', cwd: root, env: { ...process.env, UMZUGSHELFER_NATIVE_DIR: path.dirname(binding) } },
);
process.exit(builder.status ?? 1);
