/**
 * How many SMS a text takes. Texts in the GSM alphabet fit 160 characters in one SMS (153 per part
 * when split); one character outside it ("–", "„", an emoji) makes the whole text UCS-2: 70 (67).
 * Characters of the GSM extension table (€, [, ], {, }, \, ~, ^, |) count twice.
 */
const gsmBasic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const gsmExtension = '€[]{}\\~^|\f';

export interface SmsLength {
  characters: number;
  parts: number;
  /** False when one character forces the shorter UCS-2 parts. */
  gsm: boolean;
}

export function smsLength(text: string): SmsLength {
  let units = 0;
  let gsm = true;
  for (const char of text) {
    if (gsmBasic.includes(char)) units += 1;
    else if (gsmExtension.includes(char)) units += 2;
    else gsm = false;
  }
  // UCS-2 counts UTF-16 code units: an emoji takes two.
  const length = gsm ? units : text.length;
  const [single, part] = gsm ? [160, 153] : [70, 67];
  return { characters: length, parts: length === 0 ? 0 : length <= single ? 1 : Math.ceil(length / part), gsm };
}
