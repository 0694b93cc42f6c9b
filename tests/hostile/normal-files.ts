import { zipSync, strToU8 } from 'fflate';
import { statSync, writeFileSync } from 'node:fs';
import { contacts, writeCsv, writeVcard } from '../bench/generate';

/**
 * Files of ordinary contacts, as large as a hostile file, in the same format: what the hostile file's
 * time and memory are measured against.
 */

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function xlsxBytes(count: number): Uint8Array {
  const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(text)}</t></is></c>`;
  const rows = [`<row r="1">${cell('A1', 'Vorname')}${cell('B1', 'Nachname')}${cell('C1', 'Handy')}${cell('D1', 'E-Mail')}</row>`];
  let line = 2;
  for (const c of contacts(count)) {
    rows.push(
      `<row r="${line}">${cell(`A${line}`, c.given)}${cell(`B${line}`, c.family)}${cell(`C${line}`, c.mobile)}${cell(`D${line}`, c.email)}</row>`,
    );
    line += 1;
  }
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    ),
    'xl/workbook.xml': strToU8(
      '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Kontakte" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
    'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData>${rows.join('')}</sheetData></worksheet>`),
  });
}

function chatText(count: number): string {
  const lines: string[] = [];
  let i = 0;
  for (const c of contacts(count)) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(`${day}.03.26, 08:${String(i % 60).padStart(2, '0')} - ${c.given} ${c.family}: Passt, bis morgen auf der Baustelle.`);
    i += 1;
  }
  return `${lines.join('\n')}\n`;
}

type Kind = 'vcard' | 'csv' | 'xlsx' | 'chat-zip' | 'chat';

export function kindOf(name: string): Kind {
  if (/\.vcf$/i.test(name)) return 'vcard';
  if (/\.csv$/i.test(name)) return 'csv';
  if (/\.xlsx$/i.test(name)) return 'xlsx';
  if (/\.zip$/i.test(name)) return 'chat-zip';
  return 'chat';
}

async function writeCount(file: string, kind: Kind, count: number): Promise<void> {
  if (kind === 'vcard') await writeVcard(file, count);
  else if (kind === 'csv') await writeCsv(file, count);
  else if (kind === 'xlsx') writeFileSync(file, xlsxBytes(count));
  else if (kind === 'chat-zip') writeFileSync(file, zipSync({ 'WhatsApp Chat mit Baustelle.txt': strToU8(chatText(count)) }));
  else writeFileSync(file, chatText(count));
}

/** Writes ordinary contacts of the kind into `file`, about `bytes` large (at least 20 contacts). */
export async function writeNormalLike(file: string, kind: Kind, bytes: number): Promise<void> {
  const probe = 2000;
  await writeCount(file, kind, probe);
  const perContact = statSync(file).size / probe;
  await writeCount(file, kind, Math.max(20, Math.round(bytes / perContact)));
}
