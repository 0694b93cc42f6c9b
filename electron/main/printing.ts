import path from 'node:path';
import type { OpenPdfPrinter } from '../printing/printer';
import { writePrivateFile, type PrivateTempFolder } from '../db/temp-files';

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
 * Loads the letters' HTML into a hidden window from a temporary file (0600, in a run folder of the
 * session's private temp folder) and waits for its fonts (not for a timer), then hands the window to
 * `use`; the window and the file always go, whatever happened.
 */
async function withLoadedPage<T>(
  openWindow: PrintWindowFactory,
  tempFolder: PrivateTempFolder,
  html: string,
  use: (window: PrintWindow) => Promise<T>,
): Promise<T> {
  const work = tempFolder.newRunFolder('print');
  let window: PrintWindow | null = null;
  try {
    const file = path.join(work, 'letters.html');
    writePrivateFile(file, html);
    window = openWindow();
    await window.loadFile(file);
    await window.webContents.executeJavaScript('document.fonts.ready.then(() => true)');
    return await use(window);
  } finally {
    window?.destroy();
    tempFolder.removeRunFolder(work);
  }
}

/**
 * Prints the letters' HTML to PDF with Electron's own Chromium, each document in a hidden, sandboxed
 * window of its own (Electron's Chromium is running already, so a batch has nothing to start or stop).
 * Given the session's private temp folder, it returns the session's printer.
 */
export function createElectronPrinter(openWindow: PrintWindowFactory): (tempFolder: PrivateTempFolder) => OpenPdfPrinter {
  return (tempFolder) => {
    const print = (html: string) =>
      withLoadedPage(openWindow, tempFolder, html, (window) =>
        window.webContents.printToPDF({
          pageSize: 'A4',
          printBackground: true,
          preferCSSPageSize: true,
          margins: { marginType: 'none' },
          generateTaggedPDF: false,
        }),
      );
    return async () => ({ print, close: async () => undefined });
  };
}

/**
 * Shows the system print dialog for the letters' HTML (the same page as the PDF); resolves true once
 * the user sent the job to a printer, false when the dialog was cancelled.
 */
export function createElectronPrintDialog(
  openWindow: PrintWindowFactory,
): (tempFolder: PrivateTempFolder) => (html: string) => Promise<boolean> {
  return (tempFolder) => (html) =>
    withLoadedPage(
      openWindow,
      tempFolder,
      html,
      (window) =>
        new Promise<boolean>((resolve) =>
          window.webContents.print({ silent: false, printBackground: true }, (success) => resolve(success)),
        ),
    );
}
