import { app, type BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { translate } from '../../shared/i18n';
import { resolveDatabasePath, userDataDir } from '../db/paths';
import { getSettings } from '../services/settings';
import { describeError, openSession, type Session } from '../services/session';
import { registerIpcHandlers } from './ipc';
import { createElectronPrintDialog, createElectronPrinter } from './printing';
import { menuTemplate } from './menu';
import { registerAppScheme, serveRenderer } from './protocol';
import {
  APP_ENTRY,
  createPrintWindow,
  createSecureWindow,
  hardenWebContents,
  isTrustedSender,
  lockDownSession,
  PRINT_PARTITION,
} from './security';

export interface DesktopOptions {
  /** out/ of the build: main/, preload/ and renderer/ lie below it. */
  outDir: string;
  argv: string[];
  /** The better-sqlite3 addon compiled for Electron (see scripts/electron-native.mjs). */
  nativeBinding?: string;
}

function databaseOption(argv: string[]): string | undefined {
  const { values } = parseArgs({ args: argv, options: { db: { type: 'string' } }, strict: false, allowPositionals: true });
  return typeof values.db === 'string' ? values.db : undefined;
}

function createMainWindow(outDir: string): BrowserWindow {
  const window = createSecureWindow(
    { width: 1280, height: 820, minWidth: 960, minHeight: 600, show: false, title: 'Umzugshelfer', backgroundColor: '#f8f9fa' },
    path.join(outDir, 'preload', 'index.cjs'),
  );
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY);
  return window;
}

/** The desktop adapter: one window over the same services the web host and the CLI use. */
export function startDesktopApp(options: DesktopOptions): void {
  registerAppScheme(protocol);
  // Electron's own caches go to the same folder as the database the CLI and the host use.
  app.setPath('userData', userDataDir());

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let mainWindow: BrowserWindow | null = null;
  let current: Session | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  // An import being written finishes first (all or nothing either way, but the office expects it in).
  app.on('will-quit', (event) => {
    const closing = current;
    if (!closing) return;
    current = null;
    event.preventDefault();
    void closing.closeWhenWritten().finally(() => app.quit());
  });

  void app.whenReady().then(() => {
    lockDownSession(session.defaultSession);
    // Before any print window exists: it opens its partition's session, which is then locked already.
    lockDownSession(session.fromPartition(PRINT_PARTITION));
    serveRenderer(protocol, path.join(options.outDir, 'renderer'));

    try {
      current = openSession({
        databasePath: resolveDatabasePath(databaseOption(options.argv)),
        adapter: 'desktop',
        nativeBinding: options.nativeBinding,
        // Letters are printed by a hidden window of our own: sandboxed, no preload, no network.
        openPrinter: createElectronPrinter(createPrintWindow),
        printDialog: createElectronPrintDialog(createPrintWindow),
      });
    } catch (error) {
      dialog.showErrorBox(translate('de', 'errors.title'), describeError(error));
      app.quit();
      return;
    }
    const opened = current;
    registerIpcHandlers(ipcMain, opened.dispatch, isTrustedSender, (key) => opened.message(key));
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(getSettings(opened.ctx).language, process.platform)));
    mainWindow = createMainWindow(options.outDir);
    const window = mainWindow;
    // The page refuses to close while a form holds unsaved edits: ask, as the page does on leaving a form.
    window.webContents.on('will-prevent-unload', (event) => {
      const choice = dialog.showMessageBoxSync(window, {
        type: 'question',
        buttons: [opened.message('unsaved.discard'), opened.message('unsaved.keepEditing')],
        defaultId: 1,
        cancelId: 1,
        title: opened.message('unsaved.title'),
        message: opened.message('unsaved.text'),
      });
      if (choice === 0) event.preventDefault();
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  });
}
