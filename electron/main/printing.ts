import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OpenPdfPrinter } from '../printing/printer';

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
 * Loads the letters' HTML into a hidden window from a temporary file and waits for its fonts (not for a
 * timer), then hands the window to `use`; the window and the file always go, whatever happened.
 */
async function withLoadedPage<T>(openWindow: PrintWindowFactory, html: string, use: (window: PrintWindow) => Promise<T>): Promise<T> {
  const work = mkdtempSync(path.join(tmpdir(), 'umzugshelfer-print-'));
  let window: PrintWindow | null = null;
  try {
    const file = path.join(work, 'letters.html');
    writeFileSync(file, html);
    window = openWindow();
    await window.loadFile(file);
    await window.webContents.executeJavaScript('document.fonts.ready.then(() => true)');
    return await use(window);
  } finally {
    window?.destroy();
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Prints the letters' HTML to PDF with Electron's own Chromium, each document in a hidden, sandboxed
 * window of its own (Electron's Chromium is running already, so a batch has nothing to start or stop).
 */
export function createElectronPrinter(openWindow: PrintWindowFactory): OpenPdfPrinter {
  const print = (html: string) =>
    withLoadedPage(openWindow, html, (window) =>
      window.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true, margins: { marginType: 'none' }, generateTaggedPDF: false }),
    );
  return async () => ({ print, close: async () => undefined });
}

/**
 * Shows the system print dialog for the letters' HTML (the same page as the PDF); resolves true once
 * the user sent the job to a printer, false when the dialog was cancelled.
 */
export function createElectronPrintDialog(openWindow: PrintWindowFactory): (html: string) => Promise<boolean> {
  return (html) =>
    withLoadedPage(openWindow, html, (window) => new Promise<boolean>((resolve) => window.webContents.print({ silent: false, printBackground: true }, (success) => resolve(success))));
}
