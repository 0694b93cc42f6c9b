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
