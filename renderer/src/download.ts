import { base64ToBytes } from './base64';

/** Hands a file from the app to the user as a download (the browser or Electron asks where to save it). */
export function saveFile(fileName: string, base64: string, type: string): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(base64)], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A PDF from the app as an address a tab can show (kept while the app is open: the tab may print it later). */
export const pdfUrl = (base64: string): string => URL.createObjectURL(new Blob([base64ToBytes(base64)], { type: 'application/pdf' }));
