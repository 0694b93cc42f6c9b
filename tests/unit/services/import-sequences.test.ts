import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../electron/importers/source';
import { keepApart, mergeContacts } from '../../../electron/services/duplicates';
import { analyseFile } from '../../../electron/services/import-analysis';
import { commitAnalyses } from '../../../electron/services/import-commit';
import { testSession } from '../../helpers/session';

/**
 * Random import sequences (issue 12): the same contact files imported in any order, each sequence
 * twice, with the office keeping apart every pair the first round suggests. The record must not
 * depend on the order, people kept apart must never be merged, and importing again changes nothing.
 */

const givenNames = ['Anna', 'Bernd', 'Claudia', 'Dieter', 'Erika', 'Frank', 'Gisela', 'Hans'];
// Couples share a family name, and the landline of persons 0+1, 2+3 …: two people, one surname, one number.
const familyNames = ['Bauer', 'Bauer', 'Schulze', 'Schulze', 'Krüger', 'Krüger', 'Wagner', 'Wagner'];
const streets = [
  'Hafenstraße 4',
  'Am Markt 1',
  'Mühlenweg 3',
  'Kirchgasse 12',
  'Lindenallee 7',
  'Bahnhofstraße 20',
  'Gartenweg 2',
  'Schulstraße 9',
];

interface Person {
  given: string;
  family: string;
  mobile: string;
  /** A landline the person shares with another (a couple, a small office): two people, one number. */
  shared: string | null;
  email: string | null;
  organization: string | null;
  street: string | null;
}

/** Which of a person's facts one file knows (the name always; at least one way to reach them). */
interface Mention {
  person: number;
  mobile: boolean;
  shared: boolean;
  email: boolean;
  organization: boolean;
  street: boolean;
}

const ascii = (text: string) => text.toLowerCase().replace(/ü/g, 'ue').replace(/ö/g, 'oe').replace(/ä/g, 'ae');

const personArbitrary = (count: number) =>
  fc.record({
    persons: fc.tuple(
      ...Array.from({ length: count }, (_, i) =>
        fc.record({ email: fc.boolean(), organization: fc.boolean(), street: fc.boolean() }).map(
          (has): Person => ({
            given: givenNames[i]!,
            family: familyNames[i]!,
            mobile: `0170 ${1_000_000 + i * 111_111}`,
            shared: null,
            email: has.email ? `${ascii(givenNames[i]!)}.${ascii(familyNames[i]!)}@example.de` : null,
            organization: has.organization ? `${familyNames[i]} Haustechnik GmbH` : null,
            street: has.street ? streets[i]! : null,
          }),
        ),
      ),
    ),
    // Pairs of people sharing a landline (disjoint: persons 0+1, 2+3 …).
    sharedPairs: fc.integer({ min: 0, max: Math.floor(count / 2) }),
  });

const mentionArbitrary = (persons: number) =>
  fc
    .record({
      person: fc.integer({ min: 0, max: persons - 1 }),
      mobile: fc.boolean(),
      shared: fc.boolean(),
      email: fc.boolean(),
      organization: fc.boolean(),
      street: fc.boolean(),
    })
    .filter((m) => m.mobile || m.email || m.shared);

const scenario = fc.integer({ min: 3, max: 6 }).chain((count) =>
  fc.record({
    people: personArbitrary(count),
    files: fc.array(
      fc.record({
        format: fc.constantFrom('csv', 'vcf'),
        mentions: fc.uniqueArray(mentionArbitrary(count), { minLength: 1, maxLength: count, selector: (m) => m.person }),
      }),
      { minLength: 2, maxLength: 3 },
    ),
    orderKeys: fc.tuple(fc.array(fc.integer(), { minLength: 3, maxLength: 3 }), fc.array(fc.integer(), { minLength: 3, maxLength: 3 })),
  }),
);

function withSharedNumbers({ persons, sharedPairs }: { persons: Person[]; sharedPairs: number }): Person[] {
  return persons.map((person, i) => ({ ...person, shared: Math.floor(i / 2) < sharedPairs ? `0561 99887${Math.floor(i / 2)}` : null }));
}

/** What a file says about a person: only the facts it mentions, always in the same spelling. */
function facts(person: Person, mention: Mention) {
  return {
    phones: [...(mention.mobile ? [person.mobile] : []), ...(mention.shared && person.shared ? [person.shared] : [])],
    email: mention.email ? person.email : null,
    organization: mention.organization ? person.organization : null,
    street: mention.street ? person.street : null,
  };
}

function fileText(format: 'csv' | 'vcf', persons: Person[], mentions: Mention[]): string {
  const usable = mentions.filter((m) => {
    const f = facts(persons[m.person]!, m);
    return f.phones.length > 0 || f.email;
  });
  if (format === 'csv') {
    const rows = usable.map((m) => {
      const person = persons[m.person]!;
      const f = facts(person, m);
      return [
        person.given,
        person.family,
        f.organization ?? '',
        f.phones.join(', '),
        f.email ?? '',
        f.street ?? '',
        f.street ? '34117' : '',
        f.street ? 'Kassel' : '',
      ].join(';');
    });
    return `${['Vorname;Nachname;Firma;Telefon;E-Mail;Straße;PLZ;Ort', ...rows].join('\n')}\n`;
  }
  return usable
    .map((m) => {
      const person = persons[m.person]!;
      const f = facts(person, m);
      return [
        'BEGIN:VCARD',
        'VERSION:3.0',
        `N:${person.family};${person.given};;;`,
        `FN:${person.given} ${person.family}`,
        ...(f.organization ? [`ORG:${f.organization}`] : []),
        ...f.phones.map((phone) => `TEL;TYPE=${phone.startsWith('0170') ? 'CELL' : 'WORK'}:${phone}`),
        ...(f.email ? [`EMAIL:${f.email}`] : []),
        ...(f.street ? [`ADR;TYPE=WORK:;;${f.street};Kassel;;34117;`] : []),
        'END:VCARD',
      ].join('\r\n');
    })
    .join('\r\n');
}

type Session = ReturnType<typeof testSession>;

async function importFile(session: Session, name: string, content: string) {
  const analysis = await analyseFile(session.ctx, bufferSource(name, Buffer.from(content, 'utf8')));
  return commitAnalyses(session.ctx, [analysis]);
}

/** The record in a form that does not depend on ids, row order or times. */
function canonical(session: Session) {
  return session.ctx.repos.contacts
    .all()
    .map((contact) => ({
      name: contact.displayName,
      organization: contact.organization,
      phones: contact.phones.map((phone) => phone.e164).sort(),
      emails: contact.emails.map((email) => email.address.toLowerCase()).sort(),
      streets: contact.addresses.map((address) => address.street).sort(),
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

const orderOf = (keys: number[], files: number) => [...Array(files).keys()].sort((a, b) => keys[a]! - keys[b]! || a - b);

async function runSequence(files: { name: string; text: string }[], first: number[], second: number[]) {
  const session = testSession();
  for (const index of first) await importFile(session, files[index]!.name, files[index]!.text);
  // The office looks at every suggested pair: the same name is one person (merged), another name another person (kept apart).
  for (const contact of session.ctx.repos.contacts.all()) {
    for (const pair of session.ctx.repos.imports.duplicatesOf(contact.id)) {
      const [a, b] = [pair.contactId, pair.otherId].map((id) => session.ctx.repos.contacts.byIds([id]).get(id));
      if (!a || !b) continue;
      if (a.displayName === b.displayName) mergeContacts(session.ctx, Math.min(a.id, b.id), Math.max(a.id, b.id));
      else keepApart(session.ctx, a.id, b.id);
    }
  }
  for (const index of second) await importFile(session, files[index]!.name, files[index]!.text);
  return session;
}

describe('import sequences (property)', () => {
  it('any order gives the same contacts, kept-apart people stay apart, and importing again changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ people, files: fileSpecs, orderKeys }) => {
        const persons = withSharedNumbers(people);
        const files = fileSpecs.map((spec, i) => ({
          name: `liste-${i}.${spec.format}`,
          text: fileText(spec.format as 'csv' | 'vcf', persons, spec.mentions),
        }));
        const orderA = orderOf(orderKeys[0], files.length);
        const orderB = orderOf(orderKeys[1], files.length);

        const one = await runSequence(files, orderA, orderB);
        const two = await runSequence(files, orderB, orderA);
        expect(canonical(one)).toEqual(canonical(two));

        for (const session of [one, two]) {
          // Everyone mentioned is exactly one contact, holding only their own facts.
          const contacts = session.ctx.repos.contacts.all();
          for (const person of persons) {
            const own = contacts.filter((c) => c.givenName === person.given && c.familyName === person.family);
            if (own.length === 0) continue;
            expect(own, `${person.given} ${person.family}`).toHaveLength(1);
            const contact = own[0]!;
            const mine = new Set([person.mobile, person.shared].filter(Boolean).map((raw) => `+49${raw!.replace(/\s/g, '').slice(1)}`));
            for (const phone of contact.phones) expect(mine.has(phone.e164!), `${contact.displayName} holds ${phone.raw}`).toBe(true);
            for (const email of contact.emails) expect(email.address).toBe(person.email);
            if (contact.organization) expect(contact.organization).toBe(person.organization);
            for (const address of contact.addresses) expect(address.street).toBe(person.street);
          }
          // Importing everything again changes nothing at all.
          const before = session.ctx.repos.contacts.all().map(({ updatedAt: _u, ...contact }) => contact);
          for (const file of files) {
            // A file that says nothing usable about anyone is refused and writes nothing.
            for (const committed of await importFile(session, file.name, file.text))
              expect(committed.record.counts).toMatchObject({ created: 0, updated: 0, duplicates: 0 });
          }
          expect(session.ctx.repos.contacts.all().map(({ updatedAt: _u, ...contact }) => contact)).toEqual(before);
          session.close();
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 25) },
    );
  }, 120_000);
});
