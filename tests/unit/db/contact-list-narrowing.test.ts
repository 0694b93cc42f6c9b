import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createContactListRepository, type ContactListQuery } from '../../../electron/db/repositories/contact-list';
import type { Contact } from '../../../shared/model/contact';
import { contactEditOf } from '../../../shared/model/contact-edit';
import { contactViews, sortColumns } from '../../../shared/model/contact-terms';
import { call, previewImport } from '../../helpers/import-job';
import { testSession } from '../../helpers/session';
import { tempDatabasePath } from '../../helpers/temp';

// Typing on in the search box narrows the search: the contact list then looks only at what the last
// keystroke found (contact-list.ts). These tests compare every answer with a repository that
// remembers nothing, over the same database, also after writes between two keystrokes.

const given = ['Jürgen', 'Anna', 'Bernd', 'Özlem', 'Klaus', 'Sabine', 'René', 'Maria'];
const family = ['Schulze', 'Schulte', 'Müller', 'Groß', 'Schmidt', 'Yılmaz', 'Becker', 'Schuster'];
const companies = ['Holzbau Schulze', 'Dachdeckerei Groß', 'Elektro Becker', ''];

function contactsCsv(count: number): Buffer {
  const rows = ['Vorname;Nachname;Firma;Handy;E-Mail'];
  for (let i = 0; i < count; i += 1)
    rows.push(
      `${given[i % given.length]};${family[(i * 3) % family.length]};${companies[i % companies.length]};0171 02${String(10_000 + i)};p${i}@example.de`,
    );
  return Buffer.from(`${rows.join('\n')}\n`, 'utf8');
}

const opened: BetterSqlite3.Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

async function setUp(count = 400) {
  const path = tempDatabasePath();
  const session = testSession(path);
  const job = await previewImport(session, 'kunden.csv', contactsCsv(count));
  await call(session, 'import.commit', { jobId: job.jobId });
  // The reference: its own connection, and a repository made afresh for every question.
  const other = new BetterSqlite3(path);
  opened.push(other);
  const query = (search: string): ContactListQuery => ({ search, invitedBefore: '2026-01-01', letterSentBefore: '2026-01-01' });
  type PageOptions = Parameters<ReturnType<typeof createContactListRepository>['page']>[1];
  const page: PageOptions = { sort: 'name', descending: false, offset: 0, limit: 100 };
  const answer = (search: string, options: PageOptions = page) => {
    const { total, rows } = session.ctx.repos.contactList.page(query(search), options);
    return { total, ids: rows.map((row) => row.id) };
  };
  const expected = (search: string, options: PageOptions = page) => {
    const { total, rows } = createContactListRepository(other).page(query(search), options);
    return { total, ids: rows.map((row) => row.id) };
  };
  return { session, other, answer, expected, page };
}

describe('the contact search, narrowed keystroke by keystroke', () => {
  it('each keystroke of a name, a company and a number finds what a search from scratch finds', async () => {
    const { answer, expected } = await setUp();
    for (const text of ['schulze', 'holzbau schu', 'özlem', '0171 0210', '+49 171 021003', 'anna sch']) {
      for (let end = 1; end <= text.length; end += 1) {
        const search = text.slice(0, end);
        expect(answer(search), search).toEqual(expected(search));
      }
    }
    // The typed words narrow step by step (a real test of narrowing, not of empty results).
    expect(expected('schu').total).toBeGreaterThan(expected('schul').total);
    expect(expected('schulz').total).toBeGreaterThan(0);
  });

  it('with thousands of matches (only their count is kept), each keystroke finds what a search from scratch finds', async () => {
    const { session, other, answer, expected } = await setUp(12_000);
    const pages = [
      { sort: 'name', descending: false, offset: 0, limit: 100 },
      { sort: 'name', descending: true, offset: 5_200, limit: 100 },
      { sort: 'organization', descending: false, offset: 100, limit: 100 },
    ] as const;
    for (const options of pages)
      for (const text of ['0171 021', '+49 171 0211', 'sch', 'schmidt']) {
        for (let end = 1; end <= text.length; end += 1) {
          const search = text.slice(0, end);
          expect(answer(search, options), `${search} ${JSON.stringify(options)}`).toEqual(expected(search, options));
        }
      }
    // The same code answers the reference: in name order, plain SQL that no index decides says the same.
    for (const [search, digits, word] of [
      ['0171 021', '%49171021%', '%0171 021%'],
      ['sch', null, '%sch%'],
    ] as const)
      for (const descending of [false, true]) {
        const direction = descending ? 'DESC' : 'ASC';
        const plain = other
          .prepare(
            `SELECT id FROM contacts NOT INDEXED WHERE deleted_at IS NULL AND (search_text LIKE @word OR search_digits LIKE @digits)
             ORDER BY sort_name ${direction}, id ${direction}`,
          )
          .pluck()
          .all({ word, digits: digits ?? '' }) as number[];
        const options = { sort: 'name', descending, offset: 2_000, limit: 100 } as const;
        expect(answer(search, options)).toEqual({ total: plain.length, ids: plain.slice(2_000, 2_100) });
      }
    // More than are kept by id (5,000), fewer than one pass is made for (20,000), and fewer after narrowing.
    expect(expected('0171 02').total).toBe(12_000);
    expect(expected('sch').total).toBeGreaterThan(5_000);
    expect(expected('schmidt').total).toBeLessThan(5_000);
    // A write between two keystrokes: the count of the last search still leads to one pass, which sees it.
    answer('0171 021');
    const id = other.prepare("SELECT id FROM contacts WHERE search_digits NOT LIKE '%491710211%' LIMIT 1").pluck().get() as number;
    const { contact } = await call<{ contact: Contact }>(session, 'contacts.get', { id });
    await call(session, 'contacts.update', {
      id,
      edit: { ...contactEditOf(contact), phones: [{ raw: '0171 02119999', label: null }] },
    });
    expect(answer('0171 0211')).toEqual(expected('0171 0211'));
    expect(answer('0171 02119999').ids).toEqual([id]);
  });

  it('a search with any other filter, in name order, finds what the filter and the search find, in that order', async () => {
    const { session, other } = await setUp(600);
    const list = session.ctx.repos.contactList;
    // Some contacts further on their way, one of them in an import of their own.
    other.exec("UPDATE contacts SET status = 'invited', invited_at = '2025-12-01' WHERE id % 3 = 0");
    other.exec("UPDATE contacts SET target = 'signal', kind = 'customer', language = 'en', on_whatsapp = 1 WHERE id % 4 = 0");
    other.exec("INSERT INTO contact_tags (contact_id, tag) SELECT id, 'Baustelle' FROM contacts WHERE id % 5 = 0");
    const filters: Omit<ContactListQuery, 'search' | 'invitedBefore' | 'letterSentBefore'>[] = [
      {},
      { stages: ['new'] },
      { stages: ['invited', 'consent_given'] },
      { targets: ['signal', 'none'] },
      { kinds: ['customer'] },
      { languages: ['en'] },
      { tag: 'Baustelle' },
      { importId: 1 },
      { onWhatsapp: true },
      { consented: false },
      { duplicates: false },
      ...contactViews.map((view) => ({ view })),
      { stages: ['invited'], targets: ['signal'], kinds: ['customer'], tag: 'Baustelle', onWhatsapp: true },
    ];
    const sortNames = new Map(
      (other.prepare('SELECT id, sort_name FROM contacts').all() as { id: number; sort_name: string }[]).map((r) => [r.id, r.sort_name]),
    );
    const byName = (a: number, b: number) =>
      sortNames.get(a)! < sortNames.get(b)! ? -1 : sortNames.get(a)! > sortNames.get(b)! ? 1 : a - b;
    for (const filter of filters)
      for (const search of ['s', 'schu', '0171'])
        for (const descending of [false, true]) {
          const query = { ...filter, search, invitedBefore: '2026-01-01', letterSentBefore: '2026-01-01' };
          const all = list.ids(query).sort(byName);
          if (descending) all.reverse();
          const { total, rows } = list.page(query, { sort: 'name', descending, offset: 0, limit: 1_000 });
          expect({ total, ids: rows.map((row) => row.id) }, `${JSON.stringify(query)} ${descending}`).toEqual({
            total: all.length,
            ids: all,
          });
        }
  });

  it('a contact renamed between two keystrokes is found by the next one (a write in this session)', async () => {
    const { session, other, answer, expected } = await setUp();
    const before = answer('schu');
    // Found without the session's list (which would remember this search instead).
    const outside = other.prepare("SELECT id FROM contacts WHERE search_text NOT LIKE '%schu%' LIMIT 1").pluck().get() as number;
    expect(before.ids).not.toContain(outside);
    const { contact } = await call<{ contact: Contact }>(session, 'contacts.get', { id: outside });
    await call(session, 'contacts.update', { id: outside, edit: { ...contactEditOf(contact), familyName: 'Schulzendorf' } });
    const after = answer('schulz');
    expect(after).toEqual(expected('schulz'));
    expect(after.total).toBeGreaterThan(0);
    expect((await call<{ rows: { id: number }[] }>(session, 'contacts.list', { search: 'schulzendorf' })).rows.map((r) => r.id)).toEqual([
      outside,
    ]);
  });

  it('a contact changed by another program on the same file between two keystrokes is found too', async () => {
    const { other, answer, expected } = await setUp();
    answer('schu');
    const id = (other.prepare("SELECT id FROM contacts WHERE search_text NOT LIKE '%schu%' LIMIT 1").pluck().get() as number)!;
    other.prepare("UPDATE contacts SET search_text = search_text || ' schulzeweg' WHERE id = ?").run(id);
    const after = answer('schulzew');
    expect(after).toEqual(expected('schulzew'));
    expect(after.ids).toEqual([id]);
  });

  it('a search made inside a transaction that is then rolled back is not narrowed further (an import that failed)', async () => {
    const { session, other, answer, expected } = await setUp();
    const { contactList, contacts } = session.ctx.repos;
    const id = other
      .prepare("SELECT id FROM contacts WHERE family_name = 'Schulte' AND organization IS NULL LIMIT 1")
      .pluck()
      .get() as number;
    const query = { search: 'schu', invitedBefore: '2026-01-01', letterSentBefore: '2026-01-01' };
    const page = { sort: 'name', descending: false, offset: 0, limit: 500 } as const;
    expect(() =>
      session.ctx.repos.transaction(() => {
        // Renamed within the transaction: the search then (as between two slices of an import) misses it.
        contacts.updateFields(id, { givenName: null, familyName: 'Meier', displayName: 'Meier' });
        expect(contactList.page(query, page).rows.map((row) => row.id)).not.toContain(id);
        throw new Error('the import failed');
      }),
    ).toThrow('the import failed');
    // Rolled back: the contact is a Schulte again, and the next keystroke finds it.
    expect(answer('schul', page).ids).toContain(id);
    expect(answer('schult', page)).toEqual(expected('schult', page));
  });

  it('any sequence of searches, sorts and pages answers as a search from scratch', async () => {
    const { answer, expected } = await setUp(300);
    const texts = [
      's',
      'sc',
      'sch',
      'schu',
      'schul',
      'schulz',
      'm',
      'mü',
      'holz',
      'holzbau s',
      '0',
      '01',
      '0171',
      '0171 021',
      '+49',
      'anna',
      'an sch',
    ];
    await fc.assert(
      fc.property(
        fc.array(
          fc.record({
            search: fc.constantFrom(...texts),
            sort: fc.constantFrom(...sortColumns),
            descending: fc.boolean(),
            offset: fc.constantFrom(0, 3, 100),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        (steps) => {
          for (const { search, sort, descending, offset } of steps) {
            const options = { sort, descending, offset, limit: 20 };
            expect(answer(search, options)).toEqual(expected(search, options));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
