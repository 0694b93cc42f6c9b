import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp';

// Packaging cannot run here (it downloads Electron). What can be checked without it: the builder
// configuration as electron-builder 26.17.0 itself validates and reads it, its fuses flipped by
// electron-builder's own code into a stand-in binary, and the macOS entitlements.
const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..', '..', '..');
const config = require(path.join(root, 'build', 'electron-builder.config.cjs'));
// electron-builder's internals (pinned version): the schema check it runs on every build, and the two
// steps that turn `electronFuses` into @electron/fuses' wire and flip it right before signing.
const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
const { PlatformPackager } = require('app-builder-lib');
const { getCurrentFuseWire, FuseV1Options } = require('@electron/fuses');
const plist = require('plist');

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLED = '1'.charCodeAt(0);
const DISABLED = '0'.charCodeAt(0);
// Electron's defaults, in @electron/fuses' order (RunAsNode, CookieEncryption, NodeOptions,
// NodeCliInspect, AsarIntegrity, OnlyLoadAppFromAsar, V8Snapshot, FileProtocolExtraPrivileges), and
// a ninth fuse newer than @electron/fuses 1.8 knows (WasmTrapHandlers), which must stay as it is.
const electronDefaults = '101100011';

/** Bytes standing in for Electron's binary: code around the fuse wire as Electron lays it out. */
function standInBinary(): Buffer {
  return Buffer.concat([
    Buffer.alloc(4096, 0xcc),
    Buffer.from(SENTINEL, 'ascii'),
    Buffer.from([1, electronDefaults.length]),
    Buffer.from(electronDefaults, 'ascii'),
    Buffer.alloc(4096, 0xdd),
  ]);
}

async function flipWithBuilder(platform: 'win32' | 'darwin'): Promise<{ wire: Record<string, number>; file: string }> {
  const appOutDir = tempDir();
  const file =
    platform === 'win32'
      ? path.join(appOutDir, 'Umzugshelfer.exe')
      : path.join(appOutDir, 'Umzugshelfer.app', 'Contents', 'Frameworks', 'Electron Framework.framework', 'Electron Framework');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, standInBinary());
  const fuses = await PlatformPackager.prototype.generateFuseConfig.call(null, config.electronFuses);
  await PlatformPackager.prototype.addElectronFuses.call(
    { appInfo: { productFilename: config.productName } },
    { appOutDir, electronPlatformName: platform },
    fuses,
  );
  return { wire: await getCurrentFuseWire(platform === 'win32' ? file : path.join(appOutDir, 'Umzugshelfer.app')), file };
}

describe('the packaged app', () => {
  it('has a configuration electron-builder accepts, and the same check refuses a misspelt key', async () => {
    const quiet = { isEnabled: false, add: () => undefined };
    await expect(validateConfiguration(structuredClone(config), quiet)).resolves.toBeUndefined();
    // One letter off, at the top (the check names the key) and inside a platform's section (it names the section).
    const { asarUnpack, ...rest } = structuredClone(config);
    await expect(validateConfiguration({ ...rest, asarUnpak: asarUnpack }, quiet)).rejects.toThrow(/asarUnpak/);
    await expect(validateConfiguration({ ...structuredClone(config), nsis: { ...config.nsis, oneClik: false } }, quiet)).rejects.toThrow(
      /configuration\.nsis should be/,
    );
  });

  it.each(['win32', 'darwin'] as const)(
    'flips the fuses in the %s binary: no Node.js mode, no NODE_OPTIONS, no --inspect; only an intact app.asar',
    async (platform) => {
      const { wire, file } = await flipWithBuilder(platform);
      const fuse = (option: number) => wire[option];
      expect(fuse(FuseV1Options.RunAsNode)).toBe(DISABLED);
      expect(fuse(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(DISABLED);
      expect(fuse(FuseV1Options.EnableNodeCliInspectArguments)).toBe(DISABLED);
      expect(fuse(FuseV1Options.OnlyLoadAppFromAsar)).toBe(ENABLED);
      expect(fuse(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(ENABLED);
      expect(fuse(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(DISABLED);
      expect(fuse(FuseV1Options.EnableCookieEncryption)).toBe(DISABLED);
      // Untouched: the V8 snapshot fuse and the fuse @electron/fuses does not know; nothing else moved.
      expect(fuse(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot)).toBe(DISABLED);
      expect(fuse(8)).toBe(ENABLED);
      const after = readFileSync(file);
      expect(after.length).toBe(standInBinary().length);
      expect(after.subarray(0, 4096).equals(standInBinary().subarray(0, 4096))).toBe(true);
    },
  );

  it('signs macOS builds with the hardened runtime and no entitlement that loads foreign code', () => {
    expect(config.mac).toMatchObject({
      hardenedRuntime: true,
      entitlements: 'build/entitlements.mac.plist',
      entitlementsInherit: 'build/entitlements.mac.plist',
    });
    const entitlements = plist.parse(readFileSync(path.join(root, 'build', 'entitlements.mac.plist'), 'utf8'));
    // V8's JIT needs allow-jit; better_sqlite3.node is signed with the app, so library validation
    // stays on (no disable-library-validation), and nothing else weakens the hardened runtime.
    expect(entitlements).toEqual({ 'com.apple.security.cs.allow-jit': true });
  });
});
