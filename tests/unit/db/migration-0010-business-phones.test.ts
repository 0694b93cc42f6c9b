import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrate';
import { migrations } from '../../../electron/db/migrations';
import { businessPhones } from '../../../electron/db/migrations/0010-business-phones';
import { tempDatabasePath } from '../../helpers/temp';

const upTo9 = migrations.filter((migration) => migration.version <= 9);

describe('migration 0010 business phones', () => {
  it('adds phones, their checklist ticks and the address-book checks, leaving the contacts as they were', () => {
    const db = new BetterSqlite3(tempDatabasePath());
    db.pragma('foreign_keys = ON');
    migrate(db, upTo9, 'test');
    db.prepare('INSERT INTO contacts (display_name, kind, search_text) VALUES (?, ?, ?)').run('Anna Berg', 'customer', '');
    const before = db.prepare('SELECT * FROM contacts').all();

    migrate(db, [...upTo9, businessPhones], 'test');
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(db.prepare('SELECT * FROM contacts').all()).toEqual(before);
    const phone = db
      .prepare("INSERT INTO business_phones (name, platform, created_at) VALUES ('Büro-Handy', 'android', '2026-12-04T10:00:00Z')")
      .run().lastInsertRowid;
    expect(() => db.prepare("INSERT INTO business_phones (name, platform, created_at) VALUES ('X', 'nokia', 'now')").run()).toThrow(
      /CHECK/,
    );
    const tick = db.prepare(
      "INSERT INTO phone_checklist (phone_id, item, checked_on, checked_by, recorded_at) VALUES (?, 'chatBackup', ?, 'Petra', 'now')",
    );
    tick.run(phone, '2026-12-04');
    // A day as the office reads it, never a moment in UTC.
    expect(() => tick.run(phone, '2026-12-04T10:00:00Z')).toThrow(/CHECK/);
    db.prepare(
      'INSERT INTO phone_book_checks (phone_id, checked_at, numbers, ok, without_consent, consented_missing, unknown) VALUES (?, ?, 5, 2, 1, 0, 2)',
    ).run(phone, '2026-12-04T10:00:00Z');
    // A phone deleted takes its ticks with it; the counts of its checks stay for the report.
    db.prepare('DELETE FROM business_phones WHERE id = ?').run(phone);
    expect(db.prepare('SELECT count(*) FROM phone_checklist').pluck().get()).toBe(0);
    expect(db.prepare('SELECT phone_id, numbers FROM phone_book_checks').get()).toEqual({ phone_id: null, numbers: 5 });
  });
});
