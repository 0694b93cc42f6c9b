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
