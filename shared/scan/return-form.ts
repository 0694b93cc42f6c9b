/**
 * Where the return copy of the consent form carries what a scan is read by (issue 18), in mm from the
 * page's top left corner: three solid square corner marks (top left, top right, bottom left; the fourth
 * corner stays empty, so a page turned any way round is put upright again), the QR code with the
 * Rückläufer-Code, and the tick boxes' size. The letter (shared/letters/consent-letter.ts) prints them
 * from here and the scan reader (shared/scan/read-page.ts) looks for them from here.
 */
export const CORNER_MARK_MM = 7;

/** The corner marks' centres. */
export const cornerMarks = {
  topLeft: { x: 11.5, y: 11.5 },
  topRight: { x: 198.5, y: 11.5 },
  bottomLeft: { x: 11.5, y: 285.5 },
} as const;

/** The QR code's side without its quiet zone: at least 20 mm (issue 18). */
export const RETURN_QR_MM = 20;

/** The side of a tick box on the form, border included (the form's styles: 5 mm, border-box). */
export const TICK_BOX_MM = 5;

/** The corner marks as positioned elements of the page, and their styles. */
export const cornerMarkElements =
  '<div class="corner-mark top-left"></div><div class="corner-mark top-right"></div><div class="corner-mark bottom-left"></div>';

export const cornerMarkStyles = `
.corner-mark { position: absolute; width: ${CORNER_MARK_MM}mm; height: ${CORNER_MARK_MM}mm; background: #000; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.corner-mark.top-left { left: ${cornerMarks.topLeft.x - CORNER_MARK_MM / 2}mm; top: ${cornerMarks.topLeft.y - CORNER_MARK_MM / 2}mm; }
.corner-mark.top-right { left: ${cornerMarks.topRight.x - CORNER_MARK_MM / 2}mm; top: ${cornerMarks.topRight.y - CORNER_MARK_MM / 2}mm; }
.corner-mark.bottom-left { left: ${cornerMarks.bottomLeft.x - CORNER_MARK_MM / 2}mm; top: ${cornerMarks.bottomLeft.y - CORNER_MARK_MM / 2}mm; }`;
