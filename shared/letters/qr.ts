import qrcode from 'qrcode-generator';

/** A QR code as an SVG element (no script, no image file): the same in preview, PDF and print. */
export function qrSvg(text: string, sizeMm: number): string {
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  return code.createSvgTag({ cellSize: 1, margin: 2, scalable: true }).replace('<svg ', `<svg width="${sizeMm}mm" height="${sizeMm}mm" `);
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
