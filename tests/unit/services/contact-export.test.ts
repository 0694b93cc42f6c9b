import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../electron/importers/csv';
import { bufferSource } from '../../../electron/importers/source';
import { recordConsent, withdrawConsent } from '../../../electron/services/consents';
import { listContacts } from '../../../electron/services/contacts';
import { contactListFile } from '../../../electron/services/export';
import { analyseFile, needsMapping } from '../../../electron/services/import-analysis';
import { commitAnalyses } from '../../../electron/services/import-commit';
import { updateSettings } from '../../../electron/services/settings';
import { bulkChange } from '../../../electron/services/tracking';
import type { RequestInput } from '../../../shared/contract';
import type { Contact, Phone } from '../../../shared/model/contact';
import type { Language } from '../../../shared/model/settings';
import { normalizePhone } from '../../../shared/phone';
import { testSession } from '../../helpers/session';

type Session = ReturnType<typeof testSession>;
type Format = 'xlsx' | 'csv';
type ExportSelection = RequestInput<'export.contacts'>['selection'];

const phone = (raw: string, label: string | null = null): Phone => ({ raw, label, ...normalizePhone(raw, 'DE') });

/** Contacts as offices have them, and some whose every field starts a formula (OWASP payloads). */
function seed(session: Session) {
  const { contacts } = session.ctx.repos;
  const ids = {
    gross: contacts.insert({
      displayName: 'Jürgen Groß',
      givenName: 'Jürgen',
      familyName: 'Groß',
      title: 'Dr.',
      gender: 'male',
      organization: 'Dachdeckerei Groß GmbH',
      department: 'Bauleitung',
      jobTitle: 'Meister',
      customerNumber: 'K-1001',
      birthday: '1980-03-22',
      note: 'Tür klemmt; "dringend"\nZweite Zeile',
      phones: [phone('0171 1234567'), phone('+49 561 123456'), phone('0561/998877')],
      emails: [
        { address: 'juergen@gross-dach.de', label: null },
        { address: 'info@gross-dach.de', label: null },
      ],
      addresses: [
        { street: 'Mühlenweg 3', postalCode: '34117', city: 'Kassel', region: 'Hessen', country: 'Deutschland', label: null },
        { street: 'Lager, Hafenstraße 1', postalCode: '34125', city: 'Kassel', region: null, country: null, label: 'work' },
      ],
    }),
    payload: contacts.insert({
      displayName: '=HYPERLINK("http://evil.example";"Klick") +Müller',
      givenName: '=HYPERLINK("http://evil.example";"Klick")',
      familyName: '+Müller',
      organization: '@Firma',
      department: '-Abteilung',
      jobTitle: '=1+1',
      customerNumber: "=cmd|' /C calc'!A0",
      note: '-2+3',
      phones: [phone('+49 170 7654321'), phone('+43 664 1234567')],
      emails: [{ address: 'a@b.de', label: null }],
      addresses: [{ street: '=Straße 1', postalCode: '12345', city: '@Ort', region: null, country: null, label: null }],
    }),
    // Kind "other" (Sonstige) is what a contact gets when nothing says otherwise.
    anna: contacts.insert({
      displayName: 'Anna Nowak',
      givenName: 'Anna',
      familyName: 'Nowak',
      gender: 'female',
      language: 'en',
      birthday: '--07-14',
      phones: [phone('0151 22223333')],
    }),
    holzbau: contacts.insert({
      displayName: 'Holzbau Weiß',
      organization: 'Holzbau Weiß',
      isCompany: true,
      kind: 'supplier',
      phones: [phone('0561 445566')],
    }),
    consented: contacts.insert({
      displayName: 'Mehmet Yılmaz',
      givenName: 'Mehmet',
      familyName: 'Yılmaz',
      phones: [phone('0160 5556667')],
    }),
    withdrawn: contacts.insert({ displayName: 'Sabine Koch', givenName: 'Sabine', familyName: 'Koch', phones: [phone('0176 1112223')] }),
    binned: contacts.insert({
      displayName: 'Klaus Papierkorb',
      givenName: 'Klaus',
      familyName: 'Papierkorb',
      phones: [phone('0176 9998887')],
    }),
  };
  bulkChange(session.ctx, { ids: [ids.gross] }, { kind: 'addTag', tag: 'Baustelle Nord' });
  for (const id of [ids.consented, ids.withdrawn]) {
    contacts.updateFields(id, { stage: 'consent_requested', target: 'whatsapp_consent' });
    recordConsent(session.ctx, id, {
      purposes: ['appointments', 'site_photos'],
      givenAt: '2026-11-20',
      textVersion: 'EW-2026-11',
      method: 'signed_letter',
      evidence: { kind: 'note', note: 'unterschrieben im Büro' },
    });
  }
  withdrawConsent(session.ctx, ids.withdrawn, { date: '2026-11-28' });
  bulkChange(session.ctx, { ids: [ids.binned] }, { kind: 'delete' });
  return ids;
}

const exportOf = (session: Session, format: Format, selection: ExportSelection) =>
  contactListFile(session.ctx, { format, selection: selection as never });

async function csvTable(base64: string): Promise<Record<string, string>[]> {
  const text = Buffer.from(base64, 'base64').toString('utf8');
  expect(text.startsWith('\ufeff')).toBe(true);
  const rows: string[][] = [];
  for await (const batch of parseCsv(
    (async function* () {
      yield text.slice(1);
    })(),
    ';',
  ))
    rows.push(...batch.map((row) => row.cells));
  const [headers, ...data] = rows;
  return data.map((cells) => Object.fromEntries(headers!.map((header, i) => [header, cells[i] ?? ''])));
}

/** The file imported as the app imports (read, plan, commit) into a fresh database: the contacts it gives. */
async function importedFrom(fileName: string, base64: string): Promise<Contact[]> {
  const fresh = testSession();
  const analysis = await analyseFile(fresh.ctx, bufferSource(fileName, Buffer.from(base64, 'base64')));
  expect(analysis.reading.rejected).toBe(false);
  // The page asks nothing: every column is known.
  expect(needsMapping(analysis.reading)).toBe(false);
  commitAnalyses(fresh.ctx, [analysis]);
  return fresh.ctx.repos.contacts.all();
}

/** What an import can carry over: the person, numbers, e-mails, the first address. */
const essence = (contact: Contact) => ({
  displayName: contact.displayName,
  givenName: contact.givenName,
  familyName: contact.familyName,
  title: contact.title,
  gender: contact.gender,
  organization: contact.organization,
  department: contact.department,
  jobTitle: contact.jobTitle,
  customerNumber: contact.customerNumber,
  birthday: contact.birthday,
  note: contact.note,
  kind: contact.kind,
  language: contact.language,
  phones: contact.phones.map((p) => ({ e164: p.e164, raw: p.raw, kind: p.kind })),
  emails: contact.emails.map((e) => e.address),
  address: contact.addresses[0] ? { ...contact.addresses[0], label: null } : null,
});

const byName = (contacts: Contact[]) => [...contacts].sort((a, b) => a.displayName.localeCompare(b.displayName)).map(essence);

describe('export.contacts: which contacts', () => {
  it.each(['csv', 'xlsx'] as const)('all, a filter of the list, chosen ones, a filter but some (%s); never the bin', async (format) => {
    const session = testSession();
    const ids = seed(session);
    expect((await exportOf(session, format, { filter: { search: '' } })).count).toBe(6);
    // "Consent given" as the list's stage filter counts it: only a valid consent.
    expect((await exportOf(session, format, { filter: { search: '', stages: ['consent_given'] } })).count).toBe(1);
    expect((await exportOf(session, format, { filter: { search: 'Groß' } })).count).toBe(1);
    expect((await exportOf(session, format, { filter: { search: '', kinds: ['supplier'] } })).count).toBe(1);
    expect((await exportOf(session, format, { ids: [ids.anna, ids.holzbau, ids.binned] })).count).toBe(2);
    expect((await exportOf(session, format, { filter: { search: '' }, except: [ids.gross, ids.anna] })).count).toBe(4);
    const file = await exportOf(session, format, { filter: { search: '' } });
    expect(file.fileName).toMatch(new RegExp(`^Kontakte-\\d{4}-\\d{2}-\\d{2}\\.${format}$`));
  });

  it('the rows are in the list’s order (by name as shown) and name exactly the contacts the filter finds', async () => {
    const session = testSession();
    seed(session);
    const rows = await csvTable(
      (await exportOf(session, 'csv', { filter: { search: '', stages: ['consent_requested', 'consent_given'] } })).data,
    );
    expect(rows.map((row) => row.Nachname)).toEqual(['Yılmaz']);
    const all = await csvTable((await exportOf(session, 'csv', { filter: { search: '' } })).data);
    // The list's first page, sorted by name as it opens: the same contacts in the same order.
    const listed = listContacts(session.ctx, { search: '', offset: 0, limit: 100, sort: 'name', descending: false }).rows;
    const byId = session.ctx.repos.contacts.byIds(listed.map((row) => row.id));
    const names = listed.map((row) => byId.get(row.id)!.familyName ?? byId.get(row.id)!.organization!);
    expect(names).toHaveLength(6);
    expect(all.map((row) => row.Nachname || row.Firma)).toEqual(names.map((name) => (/^[=+\-@]/.test(name) ? `'${name}` : name)));
  });
});

describe('export.contacts: the columns', () => {
  it('stage, target, consent purposes, dates and text version; a withdrawal with its day; dates as TT.MM.JJJJ', async () => {
    const session = testSession();
    seed(session);
    const rows = await csvTable((await exportOf(session, 'csv', { filter: { search: '' } })).data);
    const row = (family: string) => rows.find((r) => r.Nachname === family)!;
    expect(row('Yılmaz')).toMatchObject({
      Stand: 'Einwilligung erteilt',
      Ziel: 'WhatsApp mit Einwilligung',
      'Einwilligung: Zwecke': 'Terminabsprachen, Fotos von Baustelle oder Schaden',
      'Einwilligung am': '20.11.2026',
      Textversion: 'EW-2026-11',
      'Widerrufen am': '',
      Art: 'Sonstige',
    });
    expect(row('Koch')).toMatchObject({
      Stand: 'Einwilligung widerrufen',
      'Einwilligung: Zwecke': 'Terminabsprachen, Fotos von Baustelle oder Schaden',
      'Einwilligung am': '20.11.2026',
      'Widerrufen am': '28.11.2026',
    });
    expect(row('Groß')).toMatchObject({
      Geschlecht: 'Herr',
      Titel: 'Dr.',
      Handy: '0171 1234567',
      Telefon: "'+49 561 123456; 0561/998877",
      'E-Mail': 'juergen@gross-dach.de; info@gross-dach.de',
      Straße: 'Mühlenweg 3',
      PLZ: '34117',
      'Weitere Adressen': 'Lager, Hafenstraße 1, 34125 Kassel',
      Geburtstag: '22.03.1980',
      Schlagwörter: 'Baustelle Nord',
      Stand: 'Neu',
      'Einwilligung: Zwecke': '',
      Sprache: 'Deutsch',
    });
    expect(row('Nowak')).toMatchObject({ Geburtstag: '14.07.', Art: 'Sonstige', Sprache: 'Englisch', Geschlecht: 'Frau' });
    for (const r of rows) expect(r['Zuletzt geändert']).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
  });

  it('headers and words in English when the app is set to English; still recognised by the importer', async () => {
    const session = testSession();
    seed(session);
    updateSettings(session.ctx, { language: 'en' });
    const file = await exportOf(session, 'csv', { filter: { search: 'Yılmaz' } });
    expect(file.fileName).toMatch(/^Contacts-/);
    const [row] = await csvTable(file.data);
    expect(row).toMatchObject({ 'Last Name': 'Yılmaz', Stage: 'Consent given', 'Consent Given On': '20.11.2026' });
  });
});

describe('export.contacts → the app’s own importer: the same contacts', () => {
  it.each([
    ['csv', 'de'],
    ['xlsx', 'de'],
    ['csv', 'en'],
    ['xlsx', 'en'],
  ] as const)(
    '%s (%s): names, numbers, e-mails, address, customer number, birthday, kind, language; formula payloads exact',
    async (format, language: Language) => {
      const session = testSession();
      seed(session);
      if (language === 'en') updateSettings(session.ctx, { language });
      const file = await exportOf(session, format, { filter: { search: '' } });
      const imported = await importedFrom(file.fileName, file.data);
      expect(byName(imported)).toEqual(byName(session.ctx.repos.contacts.all()));
    },
  );
});
