import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrate';
import { migrations } from '../../../electron/db/migrations';
import { minorContacts } from '../../../electron/db/migrations/0009-minor-contacts';
import { tempDatabasePath } from '../../helpers/temp';

const upTo8 = migrations.filter((migration) => migration.version <= 8);

describe('migration 0009 minor contacts', () => {
  it('marks no existing contact as a minor, without moving their revision, and accepts only 0 and 1', () => {
    const db = new BetterSqlite3(tempDatabasePath());
    db.pragma('foreign_keys = ON');
    migrate(db, upTo8, 'test');
    const insert = db.prepare('INSERT INTO contacts (display_name, kind, search_text) VALUES (?, ?, ?)');
    insert.run('Anna Berg', 'customer', '');
    insert.run('Kai Lehrling', 'employee', '');
    const revisions = db.prepare('SELECT revision FROM contacts ORDER BY id').pluck().all();

    migrate(db, [...upTo8, minorContacts], 'test');
    expect(db.pragma('user_version', { simple: true })).toBe(9);
    expect(db.prepare('SELECT minor FROM contacts ORDER BY id').pluck().all()).toEqual([0, 0]);
    expect(db.prepare('SELECT revision FROM contacts ORDER BY id').pluck().all()).toEqual(revisions);
    db.prepare("UPDATE contacts SET minor = 1 WHERE display_name = 'Kai Lehrling'").run();
    expect(() => db.prepare('UPDATE contacts SET minor = 2').run()).toThrow(/CHECK/);
  });
});
