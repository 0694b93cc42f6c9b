import { app } from 'electron';
import path from 'node:path';
import { startDesktopApp } from './app';

// Packaged, the Electron build of better-sqlite3 sits in resources/native; during development
// `npm start` builds it into out/native and names it here, leaving node_modules for the tests.
const nativeBinding = app.isPackaged
  ? path.join(process.resourcesPath, 'native', 'better_sqlite3.node')
  : process.env.UMZUGSHELFER_NATIVE_BINDING;

startDesktopApp({
  outDir: path.join(__dirname, '..'),
  argv: process.argv.slice(app.isPackaged ? 1 : 2),
  nativeBinding,
});
