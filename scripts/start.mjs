// `npm start`: builds the app, provides better-sqlite3 for Electron's ABI (scripts/electron-native.mjs)
// and launches the desktop app. Arguments after `--` go to the app, e.g. `npm start -- --db x.sqlite`.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronNative } from './electron-native.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--if-needed'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

let nativeBinding;
let electronBinary;
try {
  nativeBinding = ensureElectronNative();
  // Resolves the Electron executable, downloading it on first use.
  electronBinary = require('electron');
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

const env = { ...process.env, UMZUGSHELFER_NATIVE_BINDING: nativeBinding };
delete env.ELECTRON_RUN_AS_NODE;
const app = spawn(electronBinary, [root, ...process.argv.slice(2)], { stdio: 'inherit', env });
app.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
