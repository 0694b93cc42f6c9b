import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { createContactListRepository } from '../../../electron/db/repositories/contact-list';
import { createContactsRepository } from '../../../electron/db/repositories/contacts';
import { tempDatabasePath } from '../../helpers/temp';

// A lookup by number or e-mail, and a slice of the import's match index, must read the rows it needs
// and not every contact: `contact_id IN (SELECT id FROM contacts WHERE …)` made SQLite list all
// contacts on each run (11 ms a lookup at 50,000 contacts, issue 20). SQLite's plan says it, whatever
// the machine's speed.

const opened: Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/**
 * The statements a repository prepares while `create` runs that `pick` selects, each with SQLite's plan
 * for it (every parameter bound to null).
 */
function plansOf(
  create: (db: Database) => void,
  pick: (sql: string) => boolean,
  fill: (db: Database) => void = () => undefined,
): { sql: string; plan: string }[] {
  const { db } = openDatabase(tempDatabasePath());
  opened.push(db);
  fill(db);
  const prepared: string[] = [];
  const prepare = db.prepare.bind(db);
  const spy = new Proxy(db, {
    get: (target, key) =>
      key === 'prepare'
        ? (sql: string) => {
            prepared.push(sql);
            return prepare(sql);
          }
        : Reflect.get(target, key, target),
  });
  create(spy as Database);
  return prepared.filter(pick).map((sql) => {
    const positional = (sql.match(/\?/g) ?? []).map(() => null);
    const named = Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map(([, name]) => [name, null]));
    const explain = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
    const plan = (Object.keys(named).length > 0 ? explain.all(named) : explain.all(...positional)) as { detail: string }[];
    return { sql, plan: plan.map((row) => row.detail).join(' / ') };
  });
}

const plansOfContactsRepository = (pick: (sql: string) => boolean) => plansOf((db) => createContactsRepository(db), pick);

describe('the contacts repository’s lookups', () => {
  it('a number, an e-mail or a slice of the match index reads its own rows, never a list of every contact', () => {
    const plans = plansOfContactsRepository(
      (sql) => /FROM contact_(phones|emails)\b/.test(sql) && /\b(e164|address) = \?|contact_id > \?/.test(sql),
    );
    // By number, by e-mail, and the match index's numbers and e-mails.
    expect(plans.length).toBeGreaterThanOrEqual(4);
    for (const { sql, plan } of plans) {
      expect(plan, sql).not.toMatch(/LIST SUBQUERY|SCAN contacts/);
      expect(plan, sql).toMatch(/USING INTEGER PRIMARY KEY/);
    }
  });
});

describe('the contact table’s search', () => {
  it('in name order, finds its first page and all of its matches by walking the search index, without sorting', () => {
    const searches = ['0171', 'schul', 'müller weber'];
    const plans = plansOf(
      (db) => {
        const list = createContactListRepository(db);
        for (const search of searches)
          for (const descending of [false, true])
            list.page(
              { search, invitedBefore: '2026-11-01', letterSentBefore: '2026-11-01' },
              { sort: 'name', descending, offset: 0, limit: 100 },
            );
      },
      // Not the narrowed search, which reads the few contacts the last keystroke found by id and sorts them.
      (sql) => /ORDER BY \+?sort_name/.test(sql) && !sql.includes('@within'),
      // Enough matches for the page walk (5,000 and more), and few for the one pass over all matches.
      (db) =>
        db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000)
          INSERT INTO contacts (display_name, search_text, search_digits, sort_name)
          SELECT 'K ' || i, 'k ' || i || CASE WHEN i % 2 = 0 THEN ' schulz' ELSE '' END, '49171' || i, 'k ' || i FROM n`),
    );
    // The page walk (0171: 6,000 matches) and the one pass (schul: 3,000), each in both directions.
    expect(plans.length).toBeGreaterThanOrEqual(4);
    for (const { sql, plan } of plans) {
      expect(plan, sql).toMatch(/SCAN c USING (COVERING )?INDEX contacts_search/);
      expect(plan, sql).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('with another filter (a stage, a view, an import), leaves the choice of index to SQLite', () => {
    const prepared: string[] = [];
    plansOf(
      (db) => {
        const list = createContactListRepository(db);
        for (const filter of [{ view: 'not_invited' as const }, { stages: ['new' as const] }, { importId: 1 }])
          list.page(
            { ...filter, search: '0171', invitedBefore: '2026-11-01', letterSentBefore: '2026-11-01' },
            { sort: 'name', descending: false, offset: 0, limit: 100 },
          );
      },
      (sql) => {
        prepared.push(sql);
        return false;
      },
    );
    // The stage's index finds its few contacts; walking the search index would read every match's row.
    const searches = prepared.filter((sql) => sql.includes('search_digits LIKE'));
    expect(searches.length).toBeGreaterThanOrEqual(3);
    for (const sql of searches) expect(sql).not.toMatch(/INDEXED BY/);
  });
});
