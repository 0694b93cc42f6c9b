// Provides better-sqlite3 compiled for Electron in out/native/, leaving node_modules/better-sqlite3
// as npm built it for Node.js, so `npm test` and `npm start` both work on one checkout, in either
// order. It copies the package to a staging folder and there fetches the matching prebuilt binary
// (prebuild-install, as better-sqlite3's own install does) or, failing that, compiles it against
// Electron's headers with node-gyp. Needs the internet the first time; later starts reuse the file.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const readVersion = (name) => JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
  return result.status === 0;
}

function nodeGyp() {
  // npm names its own node-gyp for scripts; otherwise the one in node_modules.
  return process.env.npm_config_node_gyp ?? require.resolve('node-gyp/bin/node-gyp.js');
}

/**
 * Returns the path of better_sqlite3.node for the given Electron target, building it if needed.
 * `runtime`/`target` default to Electron and its installed version.
 */
export function ensureElectronNative({
  platform = process.platform,
  arch = process.arch,
  runtime = 'electron',
  target = readVersion('electron'),
} = {}) {
  const sqliteVersion = readVersion('better-sqlite3');
  const name = `better-sqlite3-${sqliteVersion}-${runtime}-${target}-${platform}-${arch}`;
  const dir = path.join(root, 'out', 'native', name);
  const binary = path.join(dir, 'better_sqlite3.node');
  if (existsSync(binary)) return binary;

  const staging = path.join(root, 'out', 'native', `staging-${name}`);
  rmSync(staging, { recursive: true, force: true });
  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  cpSync(source, staging, { recursive: true, filter: (file) => !file.startsWith(path.join(source, 'build')) });

  process.stderr.write(`better-sqlite3 ${sqliteVersion} für ${runtime} ${target} (${platform}-${arch}) wird bereitgestellt …\n`);
  const common = [`--runtime=${runtime}`, `--target=${target}`, `--arch=${arch}`];
  const fetched = run(process.execPath, [require.resolve('prebuild-install/bin.js'), ...common, `--platform=${platform}`], staging);
  const built =
    fetched ||
    (platform === process.platform &&
      run(
        process.execPath,
        [nodeGyp(), 'rebuild', '--release', ...common, ...(runtime === 'electron' ? ['--dist-url=https://electronjs.org/headers'] : [])],
        staging,
      ));
  const produced = path.join(staging, 'build', 'Release', 'better_sqlite3.node');
  if (!built || !existsSync(produced)) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(
      `better-sqlite3 konnte nicht für ${runtime} ${target} (${platform}-${arch}) bereitgestellt werden. ` +
        'Beim ersten Start braucht es eine Internetverbindung (fertige Datei von GitHub oder Electron-Header für den Compiler).',
    );
  }
  mkdirSync(dir, { recursive: true });
  copyFileSync(produced, binary);
  rmSync(staging, { recursive: true, force: true });
  return binary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    console.log(ensureElectronNative());
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
