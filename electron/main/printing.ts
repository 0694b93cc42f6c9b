import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The part of Electron's BrowserWindow the printer uses (passed in, so the printer is testable without Electron). */
export interface PrintWindow {
  loadFile(file: string): Promise<void>;
  webContents: {
    executeJavaScript(code: string): Promise<unknown>;
    printToPDF(options: Record<string, unknown>): Promise<Uint8Array>;
    print(options: Record<string, unknown>, callback: (success: boolean, failureReason: string) => void): void;
  };
  destroy(): void;
}

export type PrintWindowFactory = () => PrintWindow;

/**
 * Prints the letters' HTML with Electron's own Chromium: a hidden, sandboxed window loads the page,
 * waits for its fonts (not for a timer) and prints to PDF; the window and the temporary file always go,
 * whatever happened.
 */
export function createElectronPrinter(openWindow: PrintWindowFactory): (html: string) => Promise<Uint8Array> {
  return async (html) => {
    const work = mkdtempSync(path.join(tmpdir(), 'umzugshelfer-print-'));
    let window: PrintWindow | null = null;
    try {
      const file = path.join(work, 'letters.html');
      writeFileSync(file, html);
      window = openWindow();
      await window.loadFile(file);
      await window.webContents.executeJavaScript('document.fonts.ready.then(() => true)');
      return await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true, margins: { marginType: 'none' } });
    } finally {
      window?.destroy();
      rmSync(work, { recursive: true, force: true });
    }
  };
}

/**
 * Shows the system print dialog for the letters' HTML (the same page as the PDF); resolves true once
 * the user sent the job to a printer, false when the dialog was cancelled. The window always goes.
 */
export function createElectronPrintDialog(openWindow: PrintWindowFactory): (html: string) => Promise<boolean> {
  return async (html) => {
    const work = mkdtempSync(path.join(tmpdir(), 'umzugshelfer-print-'));
    let window: PrintWindow | null = null;
    try {
      const file = path.join(work, 'letters.html');
      writeFileSync(file, html);
      window = openWindow();
      await window.loadFile(file);
      await window.webContents.executeJavaScript('document.fonts.ready.then(() => true)');
      const shown = window;
      return await new Promise<boolean>((resolve) => shown.webContents.print({ silent: false, printBackground: true }, (success) => resolve(success)));
    } finally {
      window?.destroy();
      rmSync(work, { recursive: true, force: true });
    }
  };
}
