import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The part of Electron's BrowserWindow the printer uses (passed in, so the printer is testable without Electron). */
export interface PrintWindow {
  loadFile(file: string): Promise<void>;
  webContents: {
    executeJavaScript(code: string): Promise<unknown>;
    printToPDF(options: Record<string, unknown>): Promise<Uint8Array>;
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
