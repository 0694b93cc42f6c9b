import qrcode from 'qrcode-generator';

/**
 * A QR code as an <img> with a GIF data URL: the same in preview, PDF and print, and since every letter
 * of a batch carries the same image, the PDF holds it once (an inline SVG per letter made 1,000 letters
 * 17 MB and slow to print). Eight pixels a module keep it sharp at print size.
 */
export function qrImage(text: string, sizeMm: number, alt: string): string {
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  return `<img src="${code.createDataURL(8, 16)}" alt="${alt.replace(/"/g, '&quot;')}" style="width:${sizeMm}mm;height:${sizeMm}mm;image-rendering:pixelated">`;
}

/**
 * The Rückläufer-Code's QR code (issue 18): its symbol exactly `symbolMm` wide, with the quiet zone of four
 * modules the standard asks for around it (inside the image, so nothing printed can come closer),
 * error correction Q (a quarter of it may be smudged or written over), alphanumeric mode.
 */
export function returnQrImage(text: string, symbolMm: number, alt: string): string {
  const code = qrcode(0, 'Q');
  code.addData(text, 'Alphanumeric');
  code.make();
  const modules = code.getModuleCount();
  const quiet = 4;
  const sideMm = ((modules + 2 * quiet) * symbolMm) / modules;
  return `<img src="${code.createDataURL(8, 8 * quiet)}" alt="${alt.replace(/"/g, '&quot;')}" style="display:block;width:${sideMm.toFixed(2)}mm;height:${sideMm.toFixed(2)}mm;image-rendering:pixelated">`;
}

/** A short, stable id of a text (FNV-1a), for the version a contact consented to. */
export function textId(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0').toUpperCase();
}
