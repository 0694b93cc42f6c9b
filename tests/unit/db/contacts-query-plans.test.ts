import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
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

/** The statements the contacts repository prepares that `pick` selects, each with SQLite's plan for it. */
function plansOfContactsRepository(pick: (sql: string) => boolean): { sql: string; plan: string }[] {
  const { db } = openDatabase(tempDatabasePath());
  opened.push(db);
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
  createContactsRepository(spy as Database);
  return prepared.filter(pick).map((sql) => {
    const parameters = (sql.match(/\?/g) ?? []).map(() => null);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[]).map((row) => row.detail);
    return { sql, plan: plan.join(' / ') };
  });
}

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
