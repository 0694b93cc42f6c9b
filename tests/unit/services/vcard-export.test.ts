import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toVcard } from '../../../electron/exporters/vcard';
import { bufferSource, fileSource, type ByteSource } from '../../../electron/importers/source';
import { recordConsent } from '../../../electron/services/consents';
import { consentedContacts } from '../../../electron/services/export';
import { analyseFile } from '../../../electron/services/import-analysis';
import { commitAnalyses } from '../../../electron/services/import-commit';
import { localToday } from '../../../shared/local-date';
import type { Contact } from '../../../shared/model/contact';
import { testSession } from '../../helpers/session';
import { tempDir } from '../../helpers/temp';

type Session = ReturnType<typeof testSession>;

/** Imports one file as the app does (read, plan, commit), into the session's database. */
async function importInto(session: Session, source: ByteSource) {
  const analyses = [await analyseFile(session.ctx, source)];
  commitAnalyses(session.ctx, analyses);
  return analyses[0]!;
}

/** The exported text re-imported into a fresh database: the contacts a phone would get. */
async function reimport(vcard: string): Promise<Contact[]> {
  const file = path.join(tempDir(), 'Firmenhandy.vcf');
  writeFileSync(file, vcard);
  const fresh = testSession();
  await importInto(fresh, await fileSource(file));
  return fresh.ctx.repos.contacts.all();
}

/** The card's properties as a reader sees them: CRLF-separated lines, folds (CRLF + space) joined. */
const logicalLines = (vcard: string) => vcard.replace(/\r\n /g, '').split('\r\n').filter(Boolean);

const ownLines = /^(BEGIN:VCARD|VERSION:3\.0|N:|FN:|ORG:|TEL;TYPE=(CELL|VOICE):|EMAIL;TYPE=INTERNET:|END:VCARD)/;
// Everything that ends a line somewhere, and every control character but TAB.
const breaksOrControls = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/;

const mobile = (e164: string) => ({ e164, raw: e164, label: null, kind: 'mobile' as const });

/** Puts a contact at "consent given" with a valid consent, as the office would record it. */
function consent(session: Session, id: number) {
  session.ctx.repos.contacts.updateFields(id, { stage: 'consent_requested' });
  recordConsent(session.ctx, id, {
    purposes: ['appointments'],
    givenAt: localToday(),
    method: 'phone',
    evidence: { kind: 'note', note: 'mündlich am Telefon' },
  });
}

describe('vCard export: no field can start a property', () => {
  const breaks = { CR: '\r', LF: '\n', CRLF: '\r\n', NEL: '\u0085', LS: '\u2028', PS: '\u2029', NUL: '\u0000', VT: '\u000b', FF: '\u000c' };

  it.each(Object.entries(breaks))(
    '%s in every field: the consented-only export holds exactly the contact’s numbers and e-mails',
    async (_name, brk) => {
      const session = testSession();
      const injected = (text: string) =>
        `${text}${brk}TEL:+4917077777${brk}EMAIL:spion@evil.example${brk}END:VCARD${brk}BEGIN:VCARD${brk}FN:Geist`;
      const id = session.ctx.repos.contacts.insert({
        displayName: injected('Carl Maier'),
        givenName: injected('Carl'),
        familyName: injected('Maier'),
        title: injected('Dr.'),
        organization: injected('Maier Bau'),
        phones: [mobile('+491701234567'), { e164: null, raw: injected('0561 12'), label: null, kind: 'other' }],
        emails: [{ address: injected('carl@maier-bau.de'), label: null, valid: true }],
      });
      // A second contact without consent: the export must not gain it either.
      session.ctx.repos.contacts.insert({ displayName: 'Zoe Ohne', phones: [mobile('+491709999999')] });
      consent(session, id);

      const exported = toVcard(consentedContacts(session.ctx));
      const lines = logicalLines(exported);
      for (const line of lines) {
        expect(line, JSON.stringify(line)).toMatch(ownLines);
        expect(breaksOrControls.test(line), JSON.stringify(line)).toBe(false);
      }
      expect(lines.filter((line) => line.startsWith('TEL'))).toHaveLength(2);
      expect(lines.filter((line) => line.startsWith('EMAIL'))).toHaveLength(1);
      expect(lines.filter((line) => line === 'BEGIN:VCARD')).toHaveLength(1);

      const onPhone = await reimport(exported);
      expect(onPhone).toHaveLength(1);
      expect(onPhone[0]!.phones.map((phone) => phone.e164)).toEqual(['+491701234567', null]);
      expect(onPhone[0]!.phones.some((phone) => phone.e164 === '+4917077777')).toBe(false);
      expect(onPhone[0]!.emails).toHaveLength(1);
      expect(onPhone[0]!.emails[0]!.address).not.toBe('spion@evil.example');
      expect(onPhone[0]!.displayName).toContain('Carl Maier');
    },
  );

  // The case as the issue found it, end to end: it holds whichever step takes the CR out (today the
  // import turns it into a space as well; the tests above hold the export to it on its own).
  it('a CSV cell "Carl\\rTEL:+4917077777" adds no number to the consented-only export', async () => {
    const session = testSession();
    const csv = 'Vorname;Nachname;Handy\r\n"Carl\rTEL:+4917077777";Maier;0170 1234567\r\n';
    await importInto(session, bufferSource('kunden.csv', Buffer.from(csv, 'utf8')));
    const [carl] = session.ctx.repos.contacts.all();
    expect(carl!.phones.map((phone) => phone.e164)).toEqual(['+491701234567']);
    consent(session, carl!.id);

    const onPhone = await reimport(toVcard(consentedContacts(session.ctx)));
    expect(onPhone).toHaveLength(1);
    expect(onPhone[0]!.phones.map((phone) => phone.e164)).toEqual(['+491701234567']);
  });

  it('escapes backslash, comma, semicolon and line breaks as RFC 6350 says, and reads back the same text', async () => {
    const session = testSession();
    const organization = 'Müller, Maier; Söhne \\ Co';
    session.ctx.repos.contacts.insert({
      displayName: 'Anna Müller',
      givenName: 'Anna',
      familyName: 'Müller',
      organization,
      phones: [mobile('+491701234567')],
    });
    session.ctx.repos.contacts.insert({ displayName: 'Zweizeilig', organization: 'Bau GmbH\nNiederlassung Kassel\r\nHof 2' });
    const exported = toVcard(session.ctx.repos.contacts.all());
    expect(logicalLines(exported)).toContain('ORG:Müller\\, Maier\\; Söhne \\\\ Co');
    expect(logicalLines(exported)).toContain('ORG:Bau GmbH\\nNiederlassung Kassel\\nHof 2');
    const back = await reimport(exported);
    expect(back.find((contact) => contact.displayName === 'Anna Müller')!.organization).toBe(organization);
  });

  it('folds lines at 75 octets, never inside a UTF-8 character', () => {
    // Two-, three- and four-byte characters at every offset against the 75-octet boundary.
    const name = `${'Ä€😀'.repeat(40)}x${'ü'.repeat(60)}`;
    const exported = toVcard([
      {
        displayName: name,
        givenName: name,
        familyName: null,
        title: null,
        organization: name,
        phones: [],
        emails: [],
      } as unknown as Contact,
    ]);
    const bytes = Buffer.from(exported, 'utf8');
    const physical: Buffer[] = [];
    for (let start = 0; start < bytes.length; ) {
      const end = bytes.indexOf('\r\n', start);
      physical.push(bytes.subarray(start, end));
      start = end + 2;
    }
    expect(physical.length).toBeGreaterThan(10);
    const strict = new TextDecoder('utf-8', { fatal: true });
    for (const line of physical) {
      expect(line.length).toBeLessThanOrEqual(75);
      expect(() => strict.decode(line)).not.toThrow();
    }
    expect(logicalLines(exported)).toContain(`FN:${name}`);
  });
});

// The round trip over real exports: the corpus beside the project (../shared/corpus) when it is
// there, as tests/unit/importers/corpus.test.ts finds it, else this project's own import fixtures.
const corpus = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpus');
const fixtures = path.resolve(import.meta.dirname, '..', 'importers', 'fixtures');
const useCorpus = existsSync(path.join(corpus, 'MANIFEST.md'));
const sampleDir = useCorpus ? corpus : fixtures;
const notSamples = /(^|\/)(MANIFEST\.md|README\.md|manifest\.json|vcard-samples-license\.txt)$/;
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
const samples = walk(sampleDir)
  .map((file) => path.relative(sampleDir, file))
  .filter((file) => !notSamples.test(file))
  .sort();

/**
 * What the export writes of a contact, as the app holds it: names, organisation, numbers (E.164, or
 * the text as written where none could be read) and the valid e-mails. Addresses, notes and
 * birthdays are not exported (see toVcard).
 */
const exportedFields = (contact: Contact) => ({
  displayName: contact.displayName,
  givenName: contact.givenName,
  familyName: contact.familyName,
  title: contact.title,
  organization: contact.organization,
  numbers: contact.phones.map((phone) => phone.e164 ?? `raw: ${phone.raw}`),
  emails: contact.emails.filter((email) => email.valid).map((email) => email.address),
});
const byJson = <T>(list: T[]) => list.map((item) => JSON.stringify(item)).sort();

describe(`vCard export round trip (${useCorpus ? 'corpus ../shared/corpus' : 'import fixtures'})`, () => {
  it('has samples to go round', () => expect(samples.length).toBeGreaterThan(useCorpus ? 50 : 20));

  const roundTripped = { contacts: 0, numbers: 0, emails: 0, organizations: 0 };

  it.each(samples)('%s: import → export → import into a fresh database keeps every exported field', async (file) => {
    const first = testSession();
    await importInto(first, await fileSource(path.join(sampleDir, file)));
    const contacts = first.ctx.repos.contacts.all();
    const back = contacts.length ? await reimport(toVcard(contacts)) : [];
    expect(byJson(back.map(exportedFields))).toEqual(byJson(contacts.map(exportedFields)));
    roundTripped.contacts += contacts.length;
    for (const contact of contacts.map(exportedFields)) {
      roundTripped.numbers += contact.numbers.length;
      roundTripped.emails += contact.emails.length;
      roundTripped.organizations += contact.organization ? 1 : 0;
    }
  });

  // Runs after the samples (a file's tests run in order): the round trip above compared real data.
  it('went round with contacts, numbers, e-mails and organisations', () => {
    expect(roundTripped.contacts).toBeGreaterThan(samples.length);
    expect(roundTripped.numbers).toBeGreaterThan(samples.length);
    expect(roundTripped.emails).toBeGreaterThan(5);
    expect(roundTripped.organizations).toBeGreaterThan(5);
  });
});
