import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrate';
import { migrations } from '../../../electron/db/migrations';
import { retainedEvidence } from '../../../electron/db/migrations/0013-retained-evidence';
import { tempDatabasePath } from '../../helpers/temp';

const upTo12 = migrations.filter((migration) => migration.version <= 12);

describe('migration 0013 retained evidence', () => {
  it('adds an empty table for kept proof, with no column for a name or a file name, and checks its values', () => {
    const db = new BetterSqlite3(tempDatabasePath());
    db.pragma('foreign_keys = ON');
    migrate(db, upTo12, 'test');
    db.prepare('INSERT INTO contacts (display_name, kind, search_text) VALUES (?, ?, ?)').run('Anna Berg', 'customer', '');
    const contactsBefore = db.prepare('SELECT * FROM contacts').all();

    migrate(db, [...upTo12, retainedEvidence], 'test');
    expect(db.pragma('user_version', { simple: true })).toBe(13);
    expect(db.prepare('SELECT * FROM contacts').all()).toEqual(contactsBefore);
    expect(db.prepare('SELECT count(*) FROM retained_evidence').pluck().get()).toBe(0);
    const columns = db.prepare("SELECT name FROM pragma_table_info('retained_evidence')").pluck().all();
    expect(columns).toEqual(['id', 'contact_id', 'mime', 'size', 'sha256', 'data', 'consents', 'keep_until', 'retained_at']);

    const insert = db.prepare(
      "INSERT INTO retained_evidence (contact_id, mime, size, sha256, data, consents, keep_until) VALUES (1, 'application/pdf', 3, 'x', X'255044', ?, ?)",
    );
    insert.run('[{"purpose":"appointments"}]', '2029-12-31');
    expect(() => insert.run('{"purpose":"appointments"}', '2029-12-31')).toThrow(/CHECK/);
    expect(() => insert.run('[]', '31.12.2029')).toThrow(/CHECK/);
    expect(db.prepare('SELECT retained_at FROM retained_evidence').pluck().get()).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});
