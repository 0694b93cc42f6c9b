import type { ByteSource } from './source';
import { listZip, readZipEntry, ZipError, type ZipEntry } from './zip';

/**
 * The first worksheet of an Excel workbook (.xlsx) as rows of text, the way an office manager sees
 * it: shared and inline strings, numbers as Excel shows them without a number format.
 */

const decoder = new TextDecoder('utf-8');

const xmlText = (xml: string) =>
  xml.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (_m, hex: string, dec: string, named: string) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[named.toLowerCase()]!,
  );

/** All text runs of a string item (<t>…</t>, also inside rich-text <r>), without phonetic <rPh>. */
const itemText = (item: string) =>
  [...item.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => xmlText(m[1]!)).join('');

const columnIndex = (reference: string) => {
  let index = 0;
  for (const c of reference.replace(/\d+$/, '')) index = index * 26 + (c.charCodeAt(0) - 64);
  return index - 1;
};

/** 1.70123456E+9 (a phone number stored as a number) → "1701234560". */
function numberText(value: string): string {
  if (!/e/i.test(value)) return value;
  const number = Number(value);
  return Number.isFinite(number) && Number.isInteger(number) ? BigInt(number).toString() : value;
}

async function entryText(source: ByteSource, entries: ZipEntry[], name: string): Promise<string | null> {
  const entry = entries.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
  return entry ? decoder.decode(await readZipEntry(source, entry)) : null;
}

export const isWorkbook = (entries: ZipEntry[]) => entries.some((entry) => entry.name.toLowerCase() === 'xl/workbook.xml');

/** Rows of the first sheet, each with the sheet's row number. */
export async function readFirstSheet(source: ByteSource): Promise<{ cells: string[]; line: number }[]> {
  const entries = await listZip(source);
  const workbook = await entryText(source, entries, 'xl/workbook.xml');
  if (!workbook) throw new ZipError('no workbook');
  const firstSheet = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook)?.[1];
  const relations = (await entryText(source, entries, 'xl/_rels/workbook.xml.rels')) ?? '';
  const target = [...relations.matchAll(/<Relationship\b[^>]*>/g)]
    .map((m) => m[0])
    .find((tag) => tag.includes(`Id="${firstSheet}"`))
    ?.match(/Target="([^"]+)"/)?.[1];
  const sheetPath = target ? (target.startsWith('/') ? target.slice(1) : `xl/${target}`) : 'xl/worksheets/sheet1.xml';
  const sheet = await entryText(source, entries, sheetPath);
  if (!sheet) throw new ZipError('no worksheet');
  const sharedXml = (await entryText(source, entries, 'xl/sharedStrings.xml')) ?? '';
  const shared = [...sharedXml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => itemText(m[1]!));

  const rows: { cells: string[]; line: number }[] = [];
  for (const row of sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const line = Number(/\br="(\d+)"/.exec(row[1]!)?.[1] ?? rows.length + 1);
    const cells: string[] = [];
    for (const cell of (row[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attributes = cell[1]!;
      const reference = /\br="([A-Z]+\d+)"/.exec(attributes)?.[1];
      const index = reference ? columnIndex(reference) : cells.length;
      const type = /\bt="(\w+)"/.exec(attributes)?.[1];
      const inner = cell[2] ?? '';
      const raw = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      let value = '';
      if (type === 's' && raw !== undefined) value = shared[Number(raw)] ?? '';
      else if (type === 'inlineStr') value = itemText(inner);
      else if (type === 'b') value = raw === '1' ? 'WAHR' : 'FALSCH';
      else if (raw !== undefined) value = type === 'str' || type === 'e' ? xmlText(raw) : numberText(raw);
      while (cells.length < index) cells.push('');
      cells[index] = value;
    }
    rows.push({ cells, line });
  }
  return rows;
}
