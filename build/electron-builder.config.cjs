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
