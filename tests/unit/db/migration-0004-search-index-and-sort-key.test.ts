import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrate';
import { initial } from '../../../electron/db/migrations/0001-initial';
import { contactDetailsAndImports } from '../../../electron/db/migrations/0002-contact-details-and-imports';
import { tracking } from '../../../electron/db/migrations/0003-tracking';
import { searchIndexAndSortKey } from '../../../electron/db/migrations/0004-search-index-and-sort-key';
import { tempDatabasePath } from '../../helpers/temp';

const upTo3 = [initial, contactDetailsAndImports, tracking];

function atVersion3() {
  const db = new BetterSqlite3(tempDatabasePath());
  db.pragma('foreign_keys = ON');
  migrate(db, upTo3, 'test');
  db.prepare(
    "INSERT INTO contacts (display_name, search_text) VALUES ('Özlem Kaya', 'ozlem kaya'), ('Zoe Weiß', 'zoe weiss'), ('Otto Weber', 'otto weber'), ('anna Berg', 'anna berg')",
  ).run();
  return db;
}

const plan = (db: BetterSqlite3.Database, sql: string) =>
  db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all()
    .map((row) => (row as { detail: string }).detail)
    .join(' | ');

describe('migration 0004 search index and sort key', () => {
  it('gives existing contacts a sort key that files Ö under O and ß as ss, without moving their revision', () => {
    const db = atVersion3();
    const revisions = db.prepare('SELECT revision FROM contacts ORDER BY id').pluck().all();
    migrate(db, [...upTo3, searchIndexAndSortKey], 'test');
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(db.prepare('SELECT display_name FROM contacts ORDER BY sort_name').pluck().all()).toEqual([
      'anna Berg',
      'Otto Weber',
      'Özlem Kaya',
      'Zoe Weiß',
    ]);
    expect(db.prepare("SELECT sort_name FROM contacts WHERE display_name = 'Zoe Weiß'").pluck().get()).toBe('zoe weiss');
    expect(db.prepare('SELECT revision FROM contacts ORDER BY id').pluck().all()).toEqual(revisions);
  });

  it('fills the search columns again without repeated parts', () => {
    const db = atVersion3();
    const id = db
      .prepare(
        "INSERT INTO contacts (display_name, given_name, family_name, search_text, search_digits) VALUES ('Jürgen Müller', 'Jürgen', 'Müller', 'jurgen muller jurgen muller', '491711234567 1711234567 01711234567')",
      )
      .run().lastInsertRowid;
    db.prepare(
      "INSERT INTO contact_phones (contact_id, position, e164, raw, kind) VALUES (?, 0, '+491711234567', '0171 1234567', 'mobile')",
    ).run(id);
    migrate(db, [...upTo3, searchIndexAndSortKey], 'test');
    expect(db.prepare('SELECT search_text, search_digits FROM contacts WHERE id = ?').get(id)).toEqual({
      search_text: 'jurgen muller',
      search_digits: '491711234567',
    });
  });

  it('lets the table sort by the key and search through the narrow index', () => {
    const db = atVersion3();
    migrate(db, [...upTo3, searchIndexAndSortKey], 'test');
    expect(plan(db, 'SELECT id FROM contacts ORDER BY sort_name LIMIT 10')).toContain('contacts_sort_name');
    expect(
      plan(db, "SELECT count(*) FROM contacts WHERE deleted_at IS NULL AND (search_text LIKE '%we%' OR search_digits LIKE '%17%')"),
    ).toMatch(/SCAN contacts USING (COVERING )?INDEX contacts_search/);
    expect(db.prepare("SELECT count(*) FROM contacts WHERE deleted_at IS NULL AND search_text LIKE '%we%'").pluck().get()).toBe(2);
  });
});
