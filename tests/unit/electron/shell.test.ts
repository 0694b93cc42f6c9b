import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { contract, ipcChannel } from '../../../shared/contract';
import { contentSecurityPolicy } from '../../../shared/security';
import { tempDatabasePath, tempDir } from '../../helpers/temp';

// Electron's binary cannot run here: the shell is tested against a recording stand-in of the
// `electron` module. Every assertion is about what the shell asks Electron to do.
const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  const emitter = () => {
    const listeners = new Map<string, Listener[]>();
    return {
      listeners,
      on(event: string, listener: Listener) {
        listeners.set(event, [...(listeners.get(event) ?? []), listener]);
        return this;
      },
      once(event: string, listener: Listener) {
        return this.on(event, listener);
      },
      emit(event: string, ...args: unknown[]) {
        for (const listener of listeners.get(event) ?? []) listener(...args);
      },
    };
  };
  const state = {
    lock: true,
    windows: [] as { options: Record<string, any>; url?: string; webContents?: { emit: (event: string, ...args: unknown[]) => void } }[],
    messageBoxes: [] as Record<string, any>[],
    messageBoxAnswer: 1,
    handlers: new Map<string, Listener>(),
    protocolHandler: undefined as undefined | ((request: Request) => Promise<Response>),
    privilegedSchemes: [] as unknown[],
    permissionRequest: undefined as undefined | Listener,
    permissionCheck: undefined as undefined | Listener,
    devicePermission: undefined as undefined | Listener,
    beforeRequest: undefined as undefined | { filter: { urls: string[] }; listener: Listener },
    menu: undefined as unknown,
    errorBoxes: [] as [string, string][],
    quit: 0,
    app: emitter(),
    openExternal: [] as string[],
  };
  return { state, emitter };
});

vi.mock('electron', () => {
  const { state, emitter } = fake;
  class BrowserWindow {
    private events = emitter();
    webContents = emitter();
    constructor(options: Record<string, any>) {
      state.windows.push({ options, webContents: this.webContents });
    }
    once(event: string, listener: () => void) {
      this.events.once(event, listener);
      return this;
    }
    on(event: string, listener: () => void) {
      this.events.on(event, listener);
      return this;
    }
    loadURL(url: string) {
      state.windows[state.windows.length - 1]!.url = url;
      return Promise.resolve();
    }
    show() {}
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
  }
  const app = Object.assign(state.app, {
    isPackaged: false,
    setPath: vi.fn(),
    requestSingleInstanceLock: () => state.lock,
    whenReady: () => Promise.resolve(),
    quit: () => {
      state.quit += 1;
    },
  });
  return {
    app,
    BrowserWindow,
    ipcMain: { handle: (channel: string, listener: (...args: unknown[]) => unknown) => state.handlers.set(channel, listener) },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: (menu: unknown) => (state.menu = menu) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.privilegedSchemes.push(...schemes),
      handle: (_scheme: string, handler: (request: Request) => Promise<Response>) => (state.protocolHandler = handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: (...args: unknown[]) => void) => (state.permissionRequest = handler),
        setPermissionCheckHandler: (handler: (...args: unknown[]) => boolean) => (state.permissionCheck = handler),
        setDevicePermissionHandler: (handler: (...args: unknown[]) => boolean) => (state.devicePermission = handler),
        webRequest: { onBeforeRequest: (filter: { urls: string[] }, listener: (...args: unknown[]) => void) => (state.beforeRequest = { filter, listener }) },
      },
    },
    shell: { openExternal: (url: string) => (state.openExternal.push(url), Promise.resolve()) },
    dialog: {
      showErrorBox: (title: string, message: string) => state.errorBoxes.push([title, message]),
      showMessageBoxSync: (_window: unknown, options: Record<string, any>) => (state.messageBoxes.push(options), state.messageBoxAnswer),
    },
  };
});

const { startDesktopApp } = await import('../../../electron/main/app');
const { state } = fake;

function outDir(): string {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'renderer'), { recursive: true });
  writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>Umzugshelfer</title>');
  return dir;
}

async function start(databasePath = tempDatabasePath()) {
  const dir = outDir();
  startDesktopApp({ outDir: dir, argv: ['--db', databasePath] });
  await new Promise((resolve) => setTimeout(resolve, 0));
  return dir;
}

const trustedEvent = { senderFrame: { url: 'app://umzugshelfer/index.html', parent: null } };

beforeEach(() => {
  state.app.emit('will-quit'); // closes the previous test's database
  state.lock = true;
  state.windows = [];
  state.handlers.clear();
  state.errorBoxes = [];
  state.quit = 0;
  state.openExternal = [];
  state.app.listeners.clear();
  state.protocolHandler = undefined;
});

describe('Electron shell', () => {
  it('asks before closing the window over unsaved edits, and closes only when the office discards them', async () => {
    await start();
    const [main] = state.windows;
    const closing = () => {
      const event = { preventDefault: vi.fn() };
      main!.webContents!.emit('will-prevent-unload', event);
      return event.preventDefault.mock.calls.length > 0;
    };
    state.messageBoxes = [];
    state.messageBoxAnswer = 1;
    expect(closing()).toBe(false);
    state.messageBoxAnswer = 0;
    expect(closing()).toBe(true);
    expect(state.messageBoxes[0]).toMatchObject({ title: 'Ungespeicherte Änderungen verwerfen?', buttons: ['Verwerfen', 'Weiter bearbeiten'], cancelId: 1 });
  });

  it('creates the window with every security setting in place', async () => {
    const dir = await start();
    expect(state.windows).toHaveLength(1);
    const preferences = state.windows[0]!.options.webPreferences;
    expect(preferences).toEqual({
      preload: path.join(dir, 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(state.windows[0]!.url).toBe('app://umzugshelfer/index.html');
  });

  it('prints letters in a hidden window with the same settings, without a preload, in a session of its own', async () => {
    const { createPrintWindow } = await import('../../../electron/main/security');
    createPrintWindow();
    const { options } = state.windows.at(-1)!;
    expect(options.show).toBe(false);
    expect(options.webPreferences).toEqual({
      partition: 'umzugshelfer-print',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('registers exactly one IPC handler per contract entry', async () => {
    await start();
    expect([...state.handlers.keys()].sort()).toEqual(Object.keys(contract).map((name) => ipcChannel(name as never)).sort());
  });

  it('validates IPC input: a wrong-typed argument gets invalid_input and the handler keeps working', async () => {
    await start();
    const update = state.handlers.get(ipcChannel('settings.update'))!;
    expect(await update(trustedEvent, { letterReminderDays: 'viele' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await update(trustedEvent, { letterReminderDays: 28 })).toMatchObject({ ok: true, value: { letterReminderDays: 28 } });
  });

  it('refuses IPC from any frame but the app’s own top-level page', async () => {
    await start();
    const get = state.handlers.get(ipcChannel('settings.get'))!;
    const strangers = [
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      { senderFrame: { url: 'app://umzugshelfer/index.html', parent: {} } },
      { senderFrame: null },
    ];
    for (const event of strangers) expect(await get(event, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('denies every permission request and check, and cancels requests to the network', async () => {
    await start();
    const callback = vi.fn();
    state.permissionRequest!({}, 'media', callback);
    state.permissionRequest!({}, 'notifications', callback);
    expect(callback.mock.calls).toEqual([[false], [false]]);
    expect(state.permissionCheck!({}, 'clipboard-read')).toBe(false);
    expect(state.devicePermission!({})).toBe(false);
    expect(state.beforeRequest!.filter.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*']));
    const cancel = vi.fn();
    state.beforeRequest!.listener({ url: 'https://tracker.example/' }, cancel);
    expect(cancel).toHaveBeenCalledWith({ cancel: true });
  });

  it('blocks navigation, new windows and webviews; hands only allowlisted links to the system', async () => {
    await start();
    const contents = fake.emitter() as ReturnType<typeof fake.emitter> & { setWindowOpenHandler: (h: (d: { url: string }) => unknown) => void; openHandler?: (d: { url: string }) => unknown };
    contents.setWindowOpenHandler = (handler) => (contents.openHandler = handler);
    state.app.emit('web-contents-created', {}, contents);

    const navigate = (url: string) => {
      const event = { preventDefault: vi.fn() };
      contents.emit('will-navigate', event, url);
      return event.preventDefault;
    };
    expect(navigate('https://evil.example/')).toHaveBeenCalled();
    expect(navigate('file:///etc/passwd')).toHaveBeenCalled();
    expect(navigate('https://wa.me/491701234567?text=Hallo')).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();

    for (const url of ['https://signal.me/#p/+491701234567', 'mailto:info@example.de', 'https://evil.example', 'https://wa.me.evil.example/', 'javascript:alert(1)', 'https://threema.id/ABCD1234', 'https://matrix.to/#/@a:b.de', 'http://wa.me/49']) {
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(state.openExternal).toEqual([
      'https://wa.me/491701234567?text=Hallo',
      'https://signal.me/#p/+491701234567',
      'mailto:info@example.de',
      'https://threema.id/ABCD1234',
      'https://matrix.to/#/@a:b.de',
    ]);
  });

  it('serves the renderer from app:// with the CSP header and nothing outside it', async () => {
    await start();
    expect(state.privilegedSchemes).toContainEqual(expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }));
    const page = await state.protocolHandler!(new Request('app://umzugshelfer/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect((await state.protocolHandler!(new Request('app://umzugshelfer/../../package.json'))).status).toBe(404);
    expect((await state.protocolHandler!(new Request('app://elsewhere/index.html'))).status).toBe(404);
  });

  it('quits a second instance without opening a window', async () => {
    state.lock = false;
    await start();
    expect(state.quit).toBe(1);
    expect(state.windows).toHaveLength(0);
  });

  it('shows a clear German message and quits for a database from a newer version', async () => {
    const file = tempDatabasePath();
    const raw = new BetterSqlite3(file);
    raw.pragma('user_version = 999');
    raw.close();
    await start(file);
    expect(state.errorBoxes).toEqual([[expect.any(String), expect.stringContaining('stammt aus einer neueren Version von Umzugshelfer')]]);
    expect(state.windows).toHaveLength(0);
    expect(state.quit).toBe(1);
  });

  it('sets a German native menu', async () => {
    await start();
    expect((state.menu as { label: string }[]).map((item) => item.label)).toEqual(expect.arrayContaining(['Datei', 'Bearbeiten', 'Ansicht', 'Hilfe']));
  });
});
