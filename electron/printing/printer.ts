/**
 * What prints the letters' HTML to PDF: opened for one batch and closed after it, so a browser started
 * for the first part serves all the others. The desktop app prints with Electron's own Chromium
 * (electron/main/printing.ts); the web host, the CLI and the tests with a Chrome, Edge or Chromium on
 * this computer (chromium.ts).
 */
export interface PdfPrinter {
  /** One HTML document as PDF bytes; may be called for several documents at once. */
  print(html: string): Promise<Uint8Array>;
  /** Ends the batch; always called, also after a failure. */
  close(): Promise<void>;
}

export type OpenPdfPrinter = () => Promise<PdfPrinter>;

/** Opens a printer, prints one document and closes the printer again. */
export async function printOnce(open: OpenPdfPrinter, html: string): Promise<Uint8Array> {
  const printer = await open();
  try {
    return await printer.print(html);
  } finally {
    await printer.close();
  }
}

/**
 * A printer opened ahead of time, so the browser starts while the caller still writes the documents
 * (1,000 letters: a fifth of a second). `open` hands it over, once; `release` closes it if nobody took
 * it (nothing to print, or a failure before printing), and does nothing otherwise.
 */
export function openAhead(open: OpenPdfPrinter): { open: OpenPdfPrinter; release: () => Promise<void> } {
  const opening = open();
  // A failure to open is reported to whoever takes the printer; released untaken, it does not matter.
  opening.catch(() => undefined);
  let taken = false;
  return {
    open: () => {
      if (taken) return Promise.reject(new Error('the printer opened ahead was already taken'));
      taken = true;
      return opening;
    },
    async release() {
      if (taken) return;
      taken = true;
      const printer = await opening.catch(() => null);
      await printer?.close();
    },
  };
}
