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
  interface SessionRecord {
    permissionRequest?: Listener;
    permissionCheck?: Listener;
    devicePermission?: Listener;
    beforeRequest?: { filter: { urls: string[] }; listener: Listener };
  }
  const state = {
    lock: true,
    windows: [] as {
      options: { webPreferences: Record<string, unknown> } & Record<string, unknown>;
      url?: string;
      webContents?: { emit: (event: string, ...args: unknown[]) => void };
    }[],
    messageBoxes: [] as Record<string, unknown>[],
    messageBoxAnswer: 1,
    handlers: new Map<string, Listener>(),
    protocolHandler: undefined as undefined | ((request: Request) => Promise<Response>),
    privilegedSchemes: [] as unknown[],
    /** What the shell installed on each session: 'default', or the partition's name. */
    sessions: new Map<string, SessionRecord>(),
    menu: undefined as unknown,
    errorBoxes: [] as [string, string][],
    quit: 0,
    app: emitter(),
    openExternal: [] as string[],
  };
  // A stand-in for an Electron Session that records its handlers under its name in state.sessions.
  const fakeSession = (name: string) => {
    const record = () => {
      if (!state.sessions.has(name)) state.sessions.set(name, {});
      return state.sessions.get(name)!;
    };
    return {
      setPermissionRequestHandler: (handler: Listener) => (record().permissionRequest = handler),
      setPermissionCheckHandler: (handler: Listener) => (record().permissionCheck = handler),
      setDevicePermissionHandler: (handler: Listener) => (record().devicePermission = handler),
      webRequest: { onBeforeRequest: (filter: { urls: string[] }, listener: Listener) => (record().beforeRequest = { filter, listener }) },
    };
  };
  return { state, emitter, fakeSession };
});

vi.mock('electron', () => {
  const { state, emitter } = fake;
  class BrowserWindow {
    private events = emitter();
    webContents = emitter();
    constructor(options: { webPreferences: Record<string, unknown> } & Record<string, unknown>) {
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
      defaultSession: fake.fakeSession('default'),
      fromPartition: (partition: string) => fake.fakeSession(partition),
    },
    shell: { openExternal: (url: string) => (state.openExternal.push(url), Promise.resolve()) },
    dialog: {
      showErrorBox: (title: string, message: string) => state.errorBoxes.push([title, message]),
      showMessageBoxSync: (_window: unknown, options: Record<string, unknown>) => (
        state.messageBoxes.push(options), state.messageBoxAnswer
      ),
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

beforeEach(async () => {
  // Closes the previous test's database once its writes are done, then quits (counted before the reset below).
  state.app.emit('will-quit', { preventDefault: () => undefined });
  await new Promise((resolve) => setTimeout(resolve, 0));
  state.lock = true;
  state.windows = [];
  state.handlers.clear();
  state.errorBoxes = [];
  state.quit = 0;
  state.openExternal = [];
  state.app.listeners.clear();
  state.protocolHandler = undefined;
  state.sessions.clear();
});

/** Every permission request and check refused, every request to the network cancelled, on this session. */
function expectLockedDown(name: string) {
  const session = state.sessions.get(name);
  expect(session, `no handlers on session ${name}`).toBeDefined();
  const callback = vi.fn();
  session!.permissionRequest!({}, 'media', callback);
  session!.permissionRequest!({}, 'notifications', callback);
  expect(callback.mock.calls).toEqual([[false], [false]]);
  expect(session!.permissionCheck!({}, 'clipboard-read')).toBe(false);
  expect(session!.devicePermission!({})).toBe(false);
  expect(session!.beforeRequest!.filter.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']));
  const cancel = vi.fn();
  session!.beforeRequest!.listener({ url: 'https://tracker.example/' }, cancel);
  expect(cancel).toHaveBeenCalledWith({ cancel: true });
}

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
    expect(state.messageBoxes[0]).toMatchObject({
      title: 'Ungespeicherte Änderungen verwerfen?',
      buttons: ['Verwerfen', 'Weiter bearbeiten'],
      cancelId: 1,
    });
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
    expect([...state.handlers.keys()].sort()).toEqual(
      Object.keys(contract)
        .map((name) => ipcChannel(name as never))
        .sort(),
    );
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
    expectLockedDown('default');
  });

  it('locks the print window’s own session down the same way, before any print window exists', async () => {
    const { createPrintWindow } = await import('../../../electron/main/security');
    await start();
    expect(state.windows.filter((window) => window.options.webPreferences.partition)).toEqual([]);
    expectLockedDown('umzugshelfer-print');
    // The print window opens exactly that partition.
    createPrintWindow();
    expect(state.windows.at(-1)!.options.webPreferences.partition).toBe('umzugshelfer-print');
    expect([...state.sessions.keys()].sort()).toEqual(['default', 'umzugshelfer-print']);
  });

  it('blocks navigation, new windows and webviews; hands only allowlisted links to the system', async () => {
    await start();
    const contents = fake.emitter() as ReturnType<typeof fake.emitter> & {
      setWindowOpenHandler: (h: (d: { url: string }) => unknown) => void;
      openHandler?: (d: { url: string }) => unknown;
    };
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

    for (const url of [
      'https://signal.me/#p/+491701234567',
      'mailto:info@example.de',
      'https://evil.example',
      'https://wa.me.evil.example/',
      'javascript:alert(1)',
      'https://threema.id/ABCD1234',
      'https://matrix.to/#/@a:b.de',
      'http://wa.me/49',
    ]) {
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

  it('hands the system the normalised link that passed the allowlist, never the text it was given', async () => {
    await start();
    const contents = fake.emitter() as ReturnType<typeof fake.emitter> & {
      setWindowOpenHandler: (h: (d: { url: string }) => unknown) => void;
      openHandler?: (d: { url: string }) => unknown;
    };
    contents.setWindowOpenHandler = (handler) => (contents.openHandler = handler);
    state.app.emit('web-contents-created', {}, contents);
    const open = (url: string) => contents.openHandler!({ url });
    const navigate = (url: string) => contents.emit('will-navigate', { preventDefault: vi.fn() }, url);

    // The parser's normal form differs from what was passed in: the system gets the normal form.
    open("https://wa.me/491701234567?text=Wie's%20geht");
    navigate('https://wa.me?text=Hallo');
    expect(state.openExternal).toEqual(['https://wa.me/491701234567?text=Wie%27s%20geht', 'https://wa.me/?text=Hallo']);

    // Links that parse to an allowed host only after repair, and mailto: with more than subject and body.
    const hostile = [
      'https://wa.me\\@evil.example/49',
      'https://wa.me\\evil.example',
      'https:wa.me/491701234567',
      'https:/wa.me/491701234567',
      ' https://wa.me/491701234567',
      'https://wa.me/491701234567 ',
      '\thttps://wa.me/491701234567',
      'https://ｗａ．ｍｅ/491701234567',
      'https://w%61.me/491701234567',
      'mailto:info@example.de?attach=/etc/passwd',
      'mailto:info@example.de?subject=Hallo&cc=chef@evil.example',
      'mailto:info@example.de?body=Hallo&bcc=chef@evil.example',
      'mailto:info@example.de,chef@evil.example',
    ];
    state.openExternal = [];
    for (const url of hostile) {
      expect(open(url)).toEqual({ action: 'deny' });
      navigate(url);
    }
    expect(state.openExternal).toEqual([]);
  });

  it('serves the renderer from app:// with the CSP header and nothing outside it', async () => {
    await start();
    expect(state.privilegedSchemes).toContainEqual(
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    );
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
    expect((state.menu as { label: string }[]).map((item) => item.label)).toEqual(
      expect.arrayContaining(['Datei', 'Bearbeiten', 'Ansicht', 'Hilfe']),
    );
  });
});
