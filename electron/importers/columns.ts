import { foldForSearch } from '../../shared/search';
import type { ColumnTarget } from '../../shared/model/import';
import { honorificParts, splitFullName, genderFromSalutation } from '../../shared/names';
import { normalizeBirthday } from './dates';
import { emptyContact, type ParsedAddress, type ParsedContact } from './types';
import { languageOf } from './language';
import { isEmailAddress } from '../../shared/email';

/**
 * Column headers of the contact lists offices have: Outlook (English and German), Google (old and
 * current), Thunderbird, Apple, Yahoo, Windows Address Book, KAddressBook, and self-made Excel
 * lists ("Name;Firma;Handy;Telefon;E-Mail").
 */

/** "Straße geschäftlich 2" → "strasse geschaftlich 2". */
export const normalizeHeader = (header: string): string =>
  foldForSearch(header)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const names = (target: ColumnTarget, ...headers: string[]): [string, ColumnTarget][] =>
  headers.map((header) => [normalizeHeader(header), target]);

/** Headers known to hold nothing the app needs: recognised, so they ask for no mapping. */
const ignoredHeaders = `suffix;name suffix;honorific suffixes;namenszusatz;initials;initialen;nickname;nick name;spitzname;short name;maiden name;yomi name;given name yomi;additional name yomi;family name yomi;phonetic first name;phonetic middle name;phonetic last name;ausspracheform vorname;ausspracheform nachname;file as;location;billing information;abrechnungsinformation;directory server;verzeichnisserver;mileage;reisekilometer;occupation;hobby;sensitivity;vertraulichkeit;priority;prioritat;subject;group membership;labels;kategorien;categories;category;distribution lists;yahoo id;yahoo phone;screen name;web page;web page 1;web page 2;webseite;webseite 1;webseite 2;benutzerdef 1;benutzerdef 2;benutzerdef 3;benutzerdef 4;personal website;business website;personal web page;business web page;homepage;url;website 1 type;website 1 value;website 1 label;website 2 type;website 2 value;photo;anniversary;jahrestag;children;kinder;spouse;spouse s name;partner;assistant s name;assistent in;manager s name;name des r vorgesetzten;name des der vorgesetzten;name assistent;regierungsnr;account;konto;language;sprache;keywords;stichworter;internet free busy;internet frei gebucht;referred by;empfohlen von;government id number;sozialversicherungsnr;organizational id number;organisationsnr;office location;buro;office;private;privat;user 1;user 2;user 3;user 4;benutzer 1;benutzer 2;benutzer 3;benutzer 4;custom 1;custom 2;custom 3;custom 4;e mail type;e mail typ;e mail display name;e mail angezeigter name;e mail 2 type;e mail 2 typ;e mail 2 display name;e mail 2 angezeigter name;e mail 3 type;e mail 3 typ;e mail 3 display name;e mail 3 angezeigter name;telex;mail client;im address;profession;beruf;business address po box;home address po box;other address po box;postfach geschaftlich;postfach privat;weiteres postfach;ort;home address label;business address label;section 1 description;section 1 im;section 1 other;arbeit aim;privat aim;arbeit jabber;privat jabber;arbeit msn;privat msn;arbeit yahoo;privat yahoo;arbeit icq;privat icq;relation 1 type;relation 1 value;organization 1 type;organization 1 yomi name;organization 1 symbol;organization 1 location;organization 1 job description;address 1 type;address 2 type;address 3 type;address 1 label;address 2 label;address 1 po box;address 2 po box`
  .split(';')
  .map((header) => [normalizeHeader(header), 'ignore'] as [string, ColumnTarget]);

const dictionary = new Map<string, ColumnTarget>([
  ...ignoredHeaders,
  ...names('fullName', 'Name', 'Full Name', 'Display Name', 'Formatted Name', 'Anzeigename', 'Vollständiger Name', 'Kontakt', 'Kontaktname', 'Ansprechpartner', 'Kunde', 'Kundenname', 'Name, Vorname', 'Nachname, Vorname'),
  ...names('givenName', 'First Name', 'First', 'Given Name', 'Firstname', 'Vorname'),
  ...names('middleName', 'Middle Name', 'Middle', 'Additional Name', 'Additional Names', 'Weitere Vornamen', 'Zweiter Vorname'),
  ...names('familyName', 'Last Name', 'Last', 'Family Name', 'Surname', 'Lastname', 'Nachname', 'Familienname'),
  ...names('salutation', 'Anrede', 'Title', 'Name Prefix', 'Prefix', 'Honorific Prefixes', 'Salutation', 'Namenspräfix'),
  ...names('title', 'Titel', 'Akademischer Titel', 'Akad. Titel'),
  ...names('organization', 'Company', 'Firma', 'Organization', 'Organisation', 'Organization Name', 'Organization 1 - Name', 'Unternehmen', 'Company Name', 'Firmenname', 'Betrieb', 'Section 1 - Company'),
  ...names('department', 'Department', 'Abteilung', 'Organization 1 - Department', 'Organization Department'),
  ...names('jobTitle', 'Job Title', 'Position', 'Arbeitstitel', 'Organization 1 - Title', 'Organization Title', 'Berufsbezeichnung', 'Funktion', 'Section 1 - Title', 'Role'),
  ...names('phone:mobile', 'Mobile Phone', 'Mobile', 'Mobile Number', 'Mobiltelefon', 'Mobiltelefon 2', 'Handy', 'Handynummer', 'Mobil', 'Mobilnummer', 'Mobilfunk', 'Cell', 'Cell Phone', 'Cellphone', 'Section 1 - Mobile', 'Handy privat', 'Handy geschäftlich', 'Mobil privat', 'Mobil geschäftlich', 'Mobil-Tel.-Nr.'),
  ...names('phone:work', 'Business Phone', 'Business Phone 2', 'Work Phone', 'Work', 'Company Main Phone', 'Telefon geschäftlich', 'Telefon geschäftlich 2', 'Telefon Firma', 'Arbeit Telefon', 'Telefon (geschäftlich)', 'Telefon Arbeit', 'Tel. geschäftlich', 'Tel. dienstlich', 'Dienstlich', 'Büro Telefon'),
  ...names('phone:home', 'Home Phone', 'Home Phone 2', 'Home', 'Telefon privat', 'Telefon (privat)', 'Telefon (privat 2)', 'Telefon privat 2', 'Privat Telefon', 'Tel. privat', 'Festnetz'),
  ...names('phone:other', 'Phone', 'Telefon', 'Tel', 'Tel.', 'Telefonnummer', 'Phone Number', 'Other Phone', 'Weiteres Telefon', 'Primary Phone', 'Primary', 'Haupttelefon', 'Hauptnummer', 'Andere Telefonnummer', 'Other', 'Car Phone', 'Autotelefon', "Assistant's Phone", 'Telefon Assistent', 'Callback', 'Rückmeldung', 'Radio Phone', 'ISDN', 'TTY/TDD Phone', 'Telefon für Hörbehinderte', 'Pager', 'Pager Number', 'Pager Nummer', 'Section 1 - Phone', 'Section 1 - Pager', 'Telefon 1', 'Telefon 2', 'Rufnummer', 'Nummer'),
  ...names('phone:fax', 'Fax', 'Fax Number', 'Fax-Nummer', 'Business Fax', 'Home Fax', 'Other Fax', 'Fax geschäftlich', 'Fax privat', 'Weiteres Fax', 'Arbeit Fax', 'Privat Fax', 'Telefax', 'Section 1 - Fax'),
  ...names('email', 'E-Mail', 'Email', 'E-mail Address', 'E-Mail-Adresse', 'Email Address', 'Primary Email', 'Mail', 'E-Mail 2: Adresse', 'E-Mail 3: Adresse', 'E-mail 2 Address', 'E-mail 3 Address', 'Secondary Email', 'Alternate Email 1', 'Alternate Email 2', 'Andere E-Mail', 'Section 1 - Email', 'Emailadresse', 'E-Mail Adresse', 'Mailadresse', 'Primäre E-Mail-Adresse', 'Sekundäre E-Mail-Adresse'),
  ...names('email:work', 'Arbeit E-Mail', 'E-Mail geschäftlich', 'Work Email', 'Business Email'),
  ...names('email:home', 'Privat E-Mail', 'E-Mail privat', 'Home Email', 'Personal Email'),
  ...names('street', 'Straße', 'Strasse', 'Street', 'Adresse', 'Address', 'Anschrift', 'Straße und Hausnummer', 'Weitere Straße', 'Weitere Straße 2', 'Weitere Straße 3', 'Other Street', 'Other Street 2', 'Other Street 3', 'Andere Adr. Strasse', 'Straße/Hausnr.'),
  ...names('postalCode', 'PLZ', 'Postleitzahl', 'Postal Code', 'Zip', 'ZIP Code', 'Weitere Postleitzahl', 'Other Postal Code', 'Andere Adr. PLZ'),
  ...names('city', 'Ort', 'Stadt', 'City', 'Wohnort', 'Weiterer Ort', 'Other City', 'Andere Adr. Stadt'),
  ...names('region', 'Bundesland', 'Region', 'State', 'Kanton', 'Weiteres/r Bundesland/Kanton', 'Other State', 'Andere Adr. Bundesland'),
  ...names('country', 'Land', 'Country', 'Land/Region', 'Weiteres/e Land/Region', 'Other Country/Region', 'Other Country', 'Andere Adr. Land'),
  ...names('street:home', 'Home Street', 'Home Street 2', 'Home Street 3', 'Home Address', 'Home Address 2', 'Home Address Street', 'Straße privat', 'Straße privat 2', 'Straße privat 3', 'Privatadresse Strasse', 'Privat: Adresse', 'Privat: Adresse 2'),
  ...names('postalCode:home', 'Home Postal Code', 'Home ZipCode', 'Home Post Code', 'Home Address Postal Code', 'Postleitzahl privat', 'Privatadresse PLZ', 'Privat: PLZ'),
  ...names('city:home', 'Home City', 'Home Town', 'Home Address Locality', 'Ort privat', 'Privatadresse Stadt', 'Privat: Ort'),
  ...names('region:home', 'Home State', 'Home County', 'Home Address Region', 'Bundesland/Kanton privat', 'Privatadresse Bundesland', 'Privat: Bundesland'),
  ...names('country:home', 'Home Country', 'Home Country/Region', 'Home Address Country', 'Land/Region privat', 'Privatadresse Land', 'Privat: Land'),
  ...names('street:work', 'Business Street', 'Business Street 2', 'Business Street 3', 'Work Address', 'Work Address 2', 'Business Address Street', 'Straße geschäftlich', 'Straße geschäftlich 2', 'Straße geschäftlich 3', 'Arbeitsadresse Strasse', 'Dienstlich: Adresse', 'Dienstlich: Adresse 2'),
  ...names('postalCode:work', 'Business Postal Code', 'Work ZipCode', 'Work Post Code', 'Business Address Postal Code', 'Postleitzahl geschäftlich', 'Arbeitsadresse PLZ', 'Dienstlich: PLZ'),
  ...names('city:work', 'Business City', 'Work City', 'Business Address Locality', 'Ort geschäftlich', 'Arbeitsadresse Stadt', 'Dienstlich: Ort'),
  ...names('region:work', 'Business State', 'Work State', 'Work County', 'Business Address Region', 'Region geschäftlich', 'Arbeitsadresse Bundesland', 'Dienstlich: Bundesland'),
  ...names('country:work', 'Business Country/Region', 'Business Country', 'Work Country', 'Business Address Country', 'Land/Region geschäftlich', 'Arbeitsadresse Land', 'Dienstlich: Land'),
  ...names('addressFull', 'Section 1 - Address', 'Vollständige Adresse'),
  ...names('note', 'Notes', 'Note', 'Notizen', 'Notiz', 'Bemerkung', 'Bemerkungen', 'Kommentar', 'Comments', 'Anmerkungen', 'Hinweis'),
  ...names('birthday', 'Birthday', 'Geburtstag', 'Geburtsdatum', 'Date of Birth'),
  ...names('birthYear', 'Birth Year', 'Geburtsjahr'),
  ...names('birthMonth', 'Birth Month', 'Geburtsmonat'),
  ...names('birthDay', 'Birth Day'),
  ...names('gender', 'Gender', 'Geschlecht'),
  ...names('customerNumber', 'Kundennummer', 'Kundennr', 'Kundennr.', 'Kd.-Nr.', 'KdNr', 'Customer Number', 'Customer No', 'Customer ID', 'Kunden-Nr.'),
  ...names('language', 'Sprache', 'Korrespondenzsprache', 'Language', 'Preferred Language'),
  ...names('kind', 'Art', 'Kontaktart', 'Typ', 'Kategorie Kontakt', 'Kind', 'Contact Type', 'Gruppe'),
]);

/** Google's numbered columns: "Phone 2 - Value" with its "Phone 2 - Type" (old) or "- Label" (current). */
const googlePair = /^(phone|e mail|address|organization) (\d+) (value|type|label|formatted|street|city|postal code|region|country|extended address|po box|name|title|department)$/;

function googleTarget(normalized: string): ColumnTarget | null {
  const match = googlePair.exec(normalized);
  if (!match) return null;
  const [, kind, , part] = match;
  if (part === 'type' || part === 'label') return 'ignore';
  if (kind === 'phone' && part === 'value') return 'phone:other';
  if (kind === 'e mail' && part === 'value') return 'email';
  if (kind === 'organization') return part === 'name' ? 'organization' : part === 'title' ? 'jobTitle' : part === 'department' ? 'department' : 'ignore';
  if (kind === 'address') {
    // "Formatted" repeats the structured parts: the parts are read, grouped per address number.
    const field: Record<string, ColumnTarget> = { street: 'street', city: 'city', 'postal code': 'postalCode', region: 'region', country: 'country', 'extended address': 'street' };
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
    if (header === 'geburtstag' && mapping[index] === 'birthday' && (has('geburtsjahr') || has('geburtsmonat'))) mapping[index] = 'birthDay';
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
const cellValue = (cell: string | undefined): string | null => {
  const value = (cell ?? '').replace(/\u00a0/g, ' ').trim();
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
          contact.language = languageOf(value) ?? contact.language;
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
    for (const { group: _group, ...address } of addresses) if (address.street || address.city || address.postalCode) contact.addresses.push(address);
    return contact;
  };
}

/** One row into a contact (see rowReader, which should be preferred for whole files). */
export const rowToContact = (cells: string[], mapping: ColumnTarget[], side: SideColumns, line: number, dayFirst = true): ParsedContact =>
  rowReader(mapping, side, dayFirst)(cells, line);
