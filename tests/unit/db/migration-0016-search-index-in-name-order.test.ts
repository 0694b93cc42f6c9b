import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrate';
import { migrations } from '../../../electron/db/migrations';
import { searchIndexInNameOrder } from '../../../electron/db/migrations/0016-search-index-in-name-order';
import { tempDatabasePath } from '../../helpers/temp';

const upTo15 = migrations.filter((migration) => migration.version <= 15);

const plan = (db: BetterSqlite3.Database, sql: string) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join(' | ');

const firstPage = `SELECT c.id FROM contacts c INDEXED BY contacts_search
  WHERE c.deleted_at IS NULL AND (c.search_digits LIKE '%49171%' OR c.search_text LIKE '%0171%')
  ORDER BY sort_name DESC, c.id DESC LIMIT 100`;

describe('migration 0016 search index in name order', () => {
  it('keeps what a search finds and gives its first page in name order from the index alone', () => {
    const db = new BetterSqlite3(tempDatabasePath());
    migrate(db, upTo15, 'test');
    db.prepare(
      `INSERT INTO contacts (display_name, search_text, search_digits, sort_name, deleted_at) VALUES
        ('Zoe Weiß', 'zoe weiss', '491711234567', 'zoe weiss', NULL),
        ('Anna Berg', 'anna berg', '491711234568', 'anna berg', NULL),
        ('Otto Weber', 'otto weber', '4930123', 'otto weber', NULL),
        ('Bernd Alt', 'bernd alt', '491719999999', 'bernd alt', '2026-12-01T10:00:00.000Z')`,
    ).run();
    // Before: the search index is in the order of the search text; a first page in name order needs a sort.
    expect(plan(db, firstPage)).toMatch(/TEMP B-TREE/);

    migrate(db, [...upTo15, searchIndexInNameOrder], 'test');
    expect(db.pragma('user_version', { simple: true })).toBe(16);
    expect(plan(db, firstPage)).toMatch(/SCAN c USING (COVERING )?INDEX contacts_search/);
    expect(plan(db, firstPage)).not.toMatch(/TEMP B-TREE/);
    expect(db.prepare(firstPage).pluck().all()).toEqual([1, 2]);
    // The count reads the same index, and a deleted contact is still not in it.
    expect(plan(db, "SELECT count(*) FROM contacts c WHERE c.deleted_at IS NULL AND c.search_text LIKE '%e%'")).toMatch(
      /USING (COVERING )?INDEX contacts_search/,
    );
    expect(
      db
        .prepare("SELECT count(*) FROM contacts INDEXED BY contacts_search WHERE deleted_at IS NULL AND search_digits LIKE '%49171%'")
        .pluck()
        .get(),
    ).toBe(2);
  });
});
