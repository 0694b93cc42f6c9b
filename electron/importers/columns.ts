import { foldForSearch } from '../../shared/search';
import type { ColumnTarget } from '../../shared/model/import';
import { honorificParts, splitFullName, genderFromSalutation } from '../../shared/names';
import { normalizeBirthday } from './dates';
import { emptyContact, type ParsedAddress, type ParsedContact } from './types';
import { contactLanguageNamed } from './language';
import { isEmailAddress } from '../../shared/email';
import { headerSynonyms, ignoredHeaders } from './column-headers';

/**
 * The columns of contact lists (CSV, Excel) recognised by their headers, and their rows read into
 * contacts. The headers the offices' programs write are in column-headers.ts; this is the matching.
 */

/** "Straße geschäftlich 2" → "strasse geschaftlich 2". */
export const normalizeHeader = (header: string): string =>
  foldForSearch(header)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Headers to targets, in the order of column-headers.ts (so a later synonym wins over an ignored header). */
const dictionary = new Map<string, ColumnTarget>([
  ...ignoredHeaders.map((header): [string, ColumnTarget] => [normalizeHeader(header), 'ignore']),
  ...headerSynonyms.flatMap(([target, headers]) => headers.map((header): [string, ColumnTarget] => [normalizeHeader(header), target])),
]);

/** Google's numbered columns: "Phone 2 - Value" with its "Phone 2 - Type" (old) or "- Label" (current). */
const googlePair =
  /^(phone|e mail|address|organization) (\d+) (value|type|label|formatted|street|city|postal code|region|country|extended address|po box|name|title|department)$/;

function googleTarget(normalized: string): ColumnTarget | null {
  const match = googlePair.exec(normalized);
  if (!match) return null;
  const [, kind, , part] = match;
  if (part === 'type' || part === 'label') return 'ignore';
  if (kind === 'phone' && part === 'value') return 'phone:other';
  if (kind === 'e mail' && part === 'value') return 'email';
  if (kind === 'organization')
    return part === 'name' ? 'organization' : part === 'title' ? 'jobTitle' : part === 'department' ? 'department' : 'ignore';
  if (kind === 'address') {
    // "Formatted" repeats the structured parts: the parts are read, grouped per address number.
    const field: Record<string, ColumnTarget> = {
      street: 'street',
      city: 'city',
      'postal code': 'postalCode',
      region: 'region',
      country: 'country',
      'extended address': 'street',
    };
    return field[part!] ?? 'ignore';
  }
  return null;
}

export interface RecognisedColumns {
  mapping: ColumnTarget[];
  /** Column indexes no header name matched (mapped to `ignore` until the user decides). */
  unknown: number[];
}

/** "Stra\ufffde gesch\ufffdftlich": each destroyed character stands for one umlaut or ß. */
function damagedHeaderTarget(header: string): ColumnTarget | null {
  if (!header.includes('\ufffd')) return null;
  const marked = normalizeHeader(header.replace(/\ufffd/g, 'qqq'));
  const pattern = new RegExp(`^${marked.replace(/qqq/g, '(?:ss|[aou])')}$`);
  for (const [key, target] of dictionary) if (pattern.test(key)) return target;
  return null;
}

/**
 * Headers whose meaning depends on the other headers of the file:
 * - Thunderbird in German calls the day of the month "Geburtstag", beside "Geburtsjahr" and
 *   "Geburtsmonat"; elsewhere (Outlook, Apple) "Geburtstag" is the whole date.
 * - German Outlook calls its "Location" field "Ort", beside "Ort geschäftlich" and "Ort privat".
 * - Thunderbird in German names its chat-name column "Anzeigename" as well: the second
 *   "Anzeigename" is not the name.
 */
function inContext(headers: string[], mapping: ColumnTarget[]): void {
  const normalized = headers.map(normalizeHeader);
  const has = (name: string) => normalized.includes(name);
  normalized.forEach((header, index) => {
    if (header === 'geburtstag' && mapping[index] === 'birthday' && (has('geburtsjahr') || has('geburtsmonat')))
      mapping[index] = 'birthDay';
    else if (header === 'ort' && mapping[index] === 'city' && (has('ort geschaftlich') || has('ort privat'))) mapping[index] = 'ignore';
    else if (header === 'anzeigename' && mapping[index] === 'fullName' && normalized.indexOf(header) < index) mapping[index] = 'ignore';
  });
}

export function recogniseHeaders(headers: string[]): RecognisedColumns {
  const mapping: ColumnTarget[] = [];
  const unknown: number[] = [];
  headers.forEach((header, index) => {
    const normalized = normalizeHeader(header);
    const target = dictionary.get(normalized) ?? googleTarget(normalized) ?? damagedHeaderTarget(header);
    if (target) mapping.push(target);
    else {
      mapping.push('ignore');
      if (normalized !== '') unknown.push(index);
    }
  });
  inContext(headers, mapping);
  return { mapping, unknown };
}

/** The same set of headers, in any file: the key a remembered mapping is stored under. */
export const headerSignature = (headers: string[]): string => headers.map(normalizeHeader).join('\u241f');

export interface SideColumns {
  /** For each Google value column, the column that holds its label ("Mobile", "Work"). */
  labels: Map<number, number>;
  /** For each Google address column, which address it belongs to ("Address 2 - City" → 2). */
  groups: Map<number, string>;
}

export function sideColumns(headers: string[]): SideColumns {
  const groups = new Map<number, string>();
  headers.forEach((header, index) => {
    const match = googlePair.exec(normalizeHeader(header));
    if (match && match[1] === 'address') groups.set(index, `address${match[2]}`);
  });
  return { labels: labelColumns(headers), groups };
}

function labelColumns(headers: string[]): Map<number, number> {
  const byKey = new Map<string, number>();
  headers.forEach((header, index) => {
    const match = googlePair.exec(normalizeHeader(header));
    if (match && (match[3] === 'type' || match[3] === 'label')) byKey.set(`${match[1]} ${match[2]}`, index);
  });
  const pairs = new Map<number, number>();
  headers.forEach((header, index) => {
    const match = googlePair.exec(normalizeHeader(header));
    if (match && match[3] !== 'type' && match[3] !== 'label') {
      const label = byKey.get(`${match[1]} ${match[2]}`);
      if (label !== undefined) pairs.set(index, label);
    }
  });
  return pairs;
}

/** Outlook's "keine Angabe", Google's "* myContacts" and empty cells mean nothing. */
const meaningless = /^(?:0[./]0[./]00|unspecified|keine angabe|normal|false|\* ?my ?contacts)$/i;
/**
 * The apostrophe a CSV export puts before a cell that Excel would otherwise run as a formula
 * ("'+49 171 1234567", "'=…"; OWASP, and the app's own export: exporters/contacts-csv.ts). It is not
 * part of the value: taken off here, so that such a number reads as the number.
 */
const formulaGuard = /^'(?=[=+\-@\t\r])/;
const cellValue = (cell: string | undefined): string | null => {
  const text = cell?.charCodeAt(0) === 39 ? cell.replace(formulaGuard, '') : (cell ?? '');
  const value = text.replace(/\u00a0/g, ' ').trim();
  return value === '' || meaningless.test(value) ? null : value;
};

const targetLabels = new Map<string, string | null>();
/** "phone:work" → "work", one string shared by every row. */
const labelOf = (target: ColumnTarget): string | null => {
  let label = targetLabels.get(target);
  if (label === undefined) targetLabels.set(target, (label = target.split(':')[1] ?? null));
  return label;
};
const join = (a: string | null, b: string | null, separator: string) => (a && b ? `${a}${separator}${b}` : (a ?? b));

function genderOfCell(value: string): ParsedContact['gender'] {
  const word = value.toLowerCase();
  if (['male', 'männlich', 'mannlich', 'm', 'mann', 'herr'].includes(word)) return 'male';
  if (['female', 'weiblich', 'w', 'f', 'frau'].includes(word)) return 'female';
  if (['divers', 'diverse', 'd', 'other'].includes(word)) return 'diverse';
  return null;
}

function kindOfCell(value: string): ParsedContact['kind'] {
  const word = normalizeHeader(value);
  if (/^(kunde|kundin|kunden|customer|client|privatkunde|geschaftskunde)/.test(word)) return 'customer';
  if (/^(lieferant|supplier|vendor|handler|zulieferer|dienstleister)/.test(word)) return 'supplier';
  if (/^(mitarbeiter|employee|angestellte|personal|azubi|geselle|meister)/.test(word)) return 'employee';
  if (/^(sonstige|other)$/.test(word)) return 'other';
  return null;
}

interface CompiledColumn {
  index: number;
  field: string;
  group: string;
  label: string | null;
  /** The column holding this column's label (Google "Phone 1 - Type"), if any. */
  labelColumn: number | undefined;
  /** Google address columns carry their address's label in their type column. */
  labelsAddress: boolean;
}

const newAddress = (group: string): ParsedAddress & { group: string } => ({
  group,
  street: null,
  postalCode: null,
  city: null,
  region: null,
  country: null,
  label: group === 'default' || group.startsWith('address') ? null : group,
});

function addressIn(list: (ParsedAddress & { group: string })[], group: string) {
  let found = list.find((a) => a.group === group);
  if (!found) list.push((found = newAddress(group)));
  return found;
}

/** Several values in one cell: "0171 1234567; 030 987654", and Google's "a@x.de ::: b@x.de". */
const listSeparators = /[;,\n]|:::/;
/**
 * The parts of a cell between list separators, trimmed. Split first and trimmed after: a splitter
 * with \s* around the separator tried again at each space of a long run of them (the square of a
 * 10,000-character cell).
 */
const listParts = (value: string): string[] => value.split(listSeparators).map((part) => part.trim());

/**
 * The e-mail texts of a cell. It is split at the list separators; at spaces only where every part
 * is an address ("a@x.de b@x.de"), so "business 3@example.de" stays one (invalid) text and never
 * becomes the different, valid "3@example.de".
 */
function emailsOfCell(value: string): string[] {
  const hasSpace = /\s/.test(value);
  if (!hasSpace && !listSeparators.test(value)) return [value];
  const texts: string[] = [];
  for (const part of listParts(value)) {
    if (!part) continue;
    const words = hasSpace ? part.split(/\s+/) : [];
    if (words.length > 1 && words.every(isEmailAddress)) texts.push(...words);
    else texts.push(part);
  }
  return texts;
}

/**
 * Turns a confirmed mapping into a reader of rows: the mapping is worked out once per file, not
 * once per cell (a list of 100,000 rows has a million cells).
 */
export type ParsedRow = (cells: string[], line: number) => ParsedContact;

export function rowReader(mapping: ColumnTarget[], side: SideColumns, dayFirst = true): ParsedRow {
  const columns: CompiledColumn[] = [];
  mapping.forEach((target, index) => {
    if (target === 'ignore') return;
    const [field, targetGroup] = target.split(':') as [string, string | undefined];
    columns.push({
      index,
      field,
      group: side.groups.get(index) ?? targetGroup ?? 'default',
      label: labelOf(target),
      labelColumn: side.labels.get(index),
      labelsAddress: side.groups.has(index),
    });
  });

  return (cells, line) => {
    const contact = emptyContact(line);
    const addresses: (ParsedAddress & { group: string })[] = [];
    let fullName: string | null = null;
    let middleName: string | null = null;
    let birthYear: string | null = null;
    let birthMonth: string | null = null;
    let birthDay: string | null = null;

    for (const column of columns) {
      const value = cellValue(cells[column.index]);
      if (!value) continue;
      const sideLabel = column.labelColumn !== undefined ? (cellValue(cells[column.labelColumn])?.replace(/^\*\s*/, '') ?? null) : null;
      if (sideLabel && column.labelsAddress) addressIn(addresses, column.group).label = sideLabel;
      switch (column.field) {
        case 'fullName':
          fullName = join(fullName, value, ' ');
          break;
        case 'givenName':
          contact.givenName = join(contact.givenName, value, ' ');
          break;
        case 'middleName':
          middleName = join(middleName, value, ' ');
          break;
        case 'familyName':
          contact.familyName = join(contact.familyName, value, ' ');
          break;
        case 'salutation': {
          const parts = honorificParts(value);
          contact.gender = parts.gender ?? contact.gender;
          contact.title = parts.title ?? contact.title;
          break;
        }
        case 'title':
          contact.title = join(contact.title, value, ' ');
          break;
        case 'organization':
          contact.organization = join(contact.organization, value, ' ');
          break;
        case 'department':
          contact.department = join(contact.department, value, ', ');
          break;
        case 'jobTitle':
          contact.jobTitle = join(contact.jobTitle, value, ', ');
          break;
        case 'phone': {
          // A cell may hold several numbers: "0171 1234567; 030 987654", Google's "… ::: …" (a slash is part of "0561 / 445566").
          const label = sideLabel ?? column.label;
          if (!listSeparators.test(value)) contact.phones.push({ raw: value, label });
          else for (const raw of listParts(value)) if (raw) contact.phones.push({ raw, label });
          break;
        }
        case 'email': {
          const label = sideLabel ?? column.label;
          for (const address of emailsOfCell(value)) contact.emails.push({ address, label });
          break;
        }
        case 'street':
        case 'addressFull': {
          const address = addressIn(addresses, column.group);
          address.street = join(address.street, value, '\n');
          break;
        }
        case 'postalCode':
        case 'city':
        case 'region':
        case 'country':
          addressIn(addresses, column.group)[column.field] = value;
          break;
        case 'note':
          contact.note = join(contact.note, value, '\n');
          break;
        case 'birthday':
          contact.birthday = normalizeBirthday(value, dayFirst);
          break;
        case 'birthYear':
          birthYear = value;
          break;
        case 'birthMonth':
          birthMonth = value;
          break;
        case 'birthDay':
          birthDay = value;
          break;
        case 'gender':
          contact.gender = genderOfCell(value) ?? genderFromSalutation(value) ?? contact.gender;
          break;
        case 'customerNumber':
          contact.customerNumber = value;
          break;
        case 'kind':
          contact.kind = kindOfCell(value) ?? contact.kind;
          break;
        case 'language':
          contact.language = contactLanguageNamed(value) ?? contact.language;
          break;
      }
    }

    if (birthMonth && birthDay) {
      const monthDay = `${birthMonth.padStart(2, '0')}-${birthDay.padStart(2, '0')}`;
      contact.birthday = normalizeBirthday(birthYear ? `${birthYear.padStart(4, '0')}-${monthDay}` : `--${monthDay}`);
    }
    if (middleName) contact.givenName = join(contact.givenName, middleName, ' ');
    if (fullName) {
      if (!contact.givenName && !contact.familyName) {
        const split = splitFullName(fullName);
        contact.givenName = split.givenName;
        contact.familyName = split.familyName;
        contact.title = contact.title ?? split.title;
        contact.gender = contact.gender ?? split.gender;
        if (split.organization) {
          contact.organization = contact.organization ?? split.organization;
          contact.isCompany = !contact.organization || contact.organization === split.organization;
        }
      } else contact.formattedName = fullName;
    }
    for (const { group: _group, ...address } of addresses)
      if (address.street || address.city || address.postalCode) contact.addresses.push(address);
    return contact;
  };
}
