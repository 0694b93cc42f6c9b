import BetterSqlite3 from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrate';
import { migrations } from '../../../electron/db/migrations';
import { openDatabase } from '../../../electron/db/open';
import { IMPORTS_WITHOUT_CONTACTS_SQL } from '../../../electron/db/repositories/imports';
import { tempDatabasePath } from '../../helpers/temp';

const upTo7 = migrations.slice(0, 7);

/** A database of version 7 with a contact deleted the way versions before 8 deleted: its bytes stay in the file. */
function version7WithLeftovers(): string {
  const file = tempDatabasePath();
  const old = new BetterSqlite3(file);
  old.pragma('journal_mode = WAL');
  migrate(old, upTo7, file);
  const insert = old.prepare('INSERT INTO contacts (display_name, note) VALUES (?, ?)');
  for (let i = 0; i < 300; i += 1) insert.run(`Kundin ${i}`, 'Notiz '.repeat(20));
  insert.run('Quirinus Vorgestrig', 'Altlast im freien Speicher');
  old.prepare("DELETE FROM contacts WHERE display_name = 'Quirinus Vorgestrig'").run();
  old.close();
  expect(readFileSync(file).includes('Quirinus Vorgestrig')).toBe(true);
  return file;
}

/** Which of the files (database, -wal) still hold the purged contact's name. */
const leftIn = (file: string) =>
  ['', '-wal'].filter((suffix) => existsSync(file + suffix) && readFileSync(file + suffix).includes('Quirinus'));

/** What a full disk makes VACUUM answer (it needs room for a copy of the whole file). */
const failingVacuum = () => {
  throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
};

describe('migration 0008 erased contacts', () => {
  it('adds erased_at and the bin index, and rewrites an older database once so that contacts purged before leave nothing in its free pages', () => {
    const file = version7WithLeftovers();
    const { db, schemaVersion } = openDatabase(file);
    expect(schemaVersion).toBe(migrations.length);
    expect(db.prepare("SELECT count(*) FROM pragma_table_info('contacts') WHERE name = 'erased_at'").pluck().get()).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'contacts_in_bin'").pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(300);
    expect(leftIn(file)).toEqual([]);
    expect(db.prepare('SELECT task FROM pending_upkeep').pluck().all()).toEqual([]);
    db.close();
  });

  it('a rewrite that failed (disk full) is tried again at the next open, not forgotten with the version number', () => {
    const file = version7WithLeftovers();
    const first = openDatabase(file, { vacuum: failingVacuum });
    // The upgrade itself went through; the app goes on with the old bytes still in the file.
    expect(first.schemaVersion).toBe(migrations.length);
    expect(first.db.prepare('SELECT task FROM pending_upkeep').pluck().all()).toEqual(['vacuum']);
    first.db.close();
    expect(leftIn(file)).toEqual(['']);

    // Failing again leaves it pending once more; the next open that succeeds does it.
    openDatabase(file, { vacuum: failingVacuum }).db.close();
    expect(leftIn(file)).toEqual(['']);
    const next = openDatabase(file);
    expect(leftIn(file)).toEqual([]);
    expect(next.db.prepare('SELECT task FROM pending_upkeep').pluck().all()).toEqual([]);
    next.db.close();
  });

  it('indexes which contacts an import brought, so that finding imports without contacts reads no table', () => {
    const { db } = openDatabase(tempDatabasePath());
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'contacts_created_by_import'").pluck().get()).toMatch(
      /WHERE created_by_import IS NOT NULL/,
    );
    const plan = db
      .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${IMPORTS_WITHOUT_CONTACTS_SQL}`)
      .all()
      .map((row) => row.detail);
    expect(plan).toContainEqual(
      expect.stringMatching(/^SEARCH c USING (COVERING )?INDEX contacts_created_by_import \(created_by_import=\?\)/),
    );
    expect(plan.filter((detail) => /^SCAN c\b/.test(detail))).toEqual([]);
    db.close();
  });
});
