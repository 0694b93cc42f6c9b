import { BrowserWindow, shell, type BrowserWindowConstructorOptions, type Session, type WebContents, type WebFrameMain } from 'electron';
import { externalUrlToOpen } from '../../shared/security';

export const APP_ORIGIN = 'app://umzugshelfer';
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * The only way the app makes a window: the renderer gets no Node.js, runs in Chromium's sandbox, and
 * sees the preload only through contextBridge. The settings stay in this literal, where a reviewer
 * and Electronegativity can read them; a unit test fails if any of them is weakened.
 */
export function createSecureWindow(options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>, preload: string): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      preload,
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
      // A middle click would otherwise try to open links in a new window.
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

/** The print window's own session (not persisted: no "persist:" prefix); lockDownSession covers it too. */
export const PRINT_PARTITION = 'umzugshelfer-print';

/**
 * The hidden window that prints letters: the same locked-down settings (written out again, so that
 * Electronegativity reads them here too), no preload (the page needs no bridge), and a session of its
 * own so that nothing of the app's session is shared with it.
 */
export function createPrintWindow(): BrowserWindow {
  return new BrowserWindow({
    show: false,
    webPreferences: {
      partition: PRINT_PARTITION,
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
    },
  });
}

/** Only the app's own top-level page may call the contract. */
export function isTrustedSender(frame: WebFrameMain | null | undefined): boolean {
  return !!frame && frame.parent === null && frame.url.startsWith(`${APP_ORIGIN}/`);
}

/**
 * Hands a link to the system's browser or mail program, and only when it is on the allowlist
 * (mailto: with subject and body, sms: to one number, wa.me, signal.me, threema.id, matrix.to). The
 * app's only call of shell.openExternal; it opens the normalised link that passed the check, never
 * the text it was given.
 */
export function openExternalIfAllowed(url: string): boolean {
  const checked = externalUrlToOpen(url);
  if (checked === null) return false;
  void shell.openExternal(checked);
  return true;
}

/** No navigation away from the app, no new windows, no <webview>; allowlisted links go outside. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternalIfAllowed(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: 'deny' };
  });
}

/** Camera, microphone, notifications, geolocation …: the app needs none of them. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** The app sends nothing to any server: every request over the network is cancelled. */
export function blockNetwork(session: Session): void {
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_details, callback) =>
    callback({ cancel: true }),
  );
}

/**
 * Every session the app uses gets both: the default one (the app's window) and the print window's
 * (PRINT_PARTITION), whose letter pages hold names and addresses and must not reach out either.
 */
export function lockDownSession(session: Session): void {
  denyAllPermissions(session);
  blockNetwork(session);
}
