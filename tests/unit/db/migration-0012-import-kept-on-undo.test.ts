import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrate';
import { migrations } from '../../../electron/db/migrations';
import { importKeptOnUndo } from '../../../electron/db/migrations/0012-import-kept-on-undo';
import { tempDatabasePath } from '../../helpers/temp';

const upTo11 = migrations.filter((migration) => migration.version <= 11);

describe('migration 0012 import kept on undo', () => {
  it('leaves earlier imports, undone or not, without kept contacts, and refuses a negative count', () => {
    const db = new BetterSqlite3(tempDatabasePath());
    db.pragma('foreign_keys = ON');
    migrate(db, upTo11, 'test');
    const insert = db.prepare(
      "INSERT INTO imports (file_name, file_hash, format, created, updated, unchanged, duplicates, invalid, undone_at) VALUES (?, 'h', 'csv', 1, 0, 0, 0, 0, ?)",
    );
    insert.run('kunden.csv', null);
    insert.run('alt.csv', '2026-11-01T10:00:00.000Z');

    migrate(db, [...upTo11, importKeptOnUndo], 'test');
    expect(db.pragma('user_version', { simple: true })).toBe(12);
    expect(db.prepare('SELECT kept_on_undo FROM imports ORDER BY id').pluck().all()).toEqual([null, null]);
    db.prepare("UPDATE imports SET kept_on_undo = 2 WHERE file_name = 'alt.csv'").run();
    expect(() => db.prepare('UPDATE imports SET kept_on_undo = -1').run()).toThrow(/CHECK/);
  });
});
