// electron-builder configuration, used by scripts/dist.mjs (which sets UMZUGSHELFER_NATIVE_DIR).
/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'de.umzugshelfer.desktop',
  productName: 'Umzugshelfer',
  copyright: 'Umzugshelfer',
  directories: { output: 'release', buildResources: 'build' },
  // Only the built app; the renderer's libraries are bundled into out/renderer already.
  files: [
    'out/main/**',
    'out/preload/**',
    'out/renderer/**',
    'package.json',
    '!**/*.map',
    // better-sqlite3's JavaScript stays; its Node.js build and sources do not (Electron's comes below).
    '!node_modules/better-sqlite3/{build,deps,src}/**',
  ],
  extraResources: [{ from: process.env.UMZUGSHELFER_NATIVE_DIR ?? 'out/native/missing', to: 'native', filter: ['better_sqlite3.node'] }],
  asar: true,
  asarUnpack: ['**/*.node'],
  // Electron fuses, flipped in the packaged binary right before signing (electron-builder runs
  // @electron/fuses itself; tests/unit/electron/packaging.test.ts flips a stand-in binary with them).
  electronFuses: {
    // No `ELECTRON_RUN_AS_NODE=1 Umzugshelfer.exe script.js`: the app's own binary never runs as a
    // plain Node.js. Nothing in the app forks with it (imports run in worker threads).
    runAsNode: false,
    // NODE_OPTIONS (--require a script) and --inspect would let anyone who can start the app run
    // code in its main process, which holds the database.
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    // Only resources/app.asar, and only when its hash matches the one electron-builder writes into
    // the signed executable (Info.plist on macOS, a resource on Windows): no app/ folder beside it.
    onlyLoadAppFromAsar: true,
    enableEmbeddedAsarIntegrityValidation: true,
    // The app serves its pages from app://; the print window's file:// page loads nothing beside it
    // (its logo and QR codes are data: URLs), so file:// needs no privileges beyond a browser's.
    grantFileProtocolExtraPrivileges: false,
    // Left off: the app keeps no cookies (no network, app:// sets none), and encrypting them would tie
    // the profile to the keychain (macOS) or a keyring (Linux) for nothing to protect.
    enableCookieEncryption: false,
  },
  // Never rebuild node_modules in place: the tests keep using the Node.js build there.
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  win: {
    target: [{ target: 'nsis' }],
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    shortcutName: 'Umzugshelfer',
    // Keep the user's database when the app is removed.
    deleteAppDataOnUninstall: false,
  },
  mac: {
    target: [{ target: 'dmg' }],
    category: 'public.app-category.business',
    hardenedRuntime: true,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
  },
  dmg: {
    title: 'Umzugshelfer',
  },
};
