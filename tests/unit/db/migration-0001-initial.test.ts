import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrate';
import { initial } from '../../../electron/db/migrations/0001-initial';
import { tempDatabasePath } from '../../helpers/temp';

function migrated() {
  const db = new BetterSqlite3(tempDatabasePath());
  db.pragma('foreign_keys = ON');
  migrate(db, [initial], 'test');
  return db;
}

describe('migration 0001 initial', () => {
  it('creates settings, contacts, phones and e-mails at version 1', () => {
    const db = migrated();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['contact_emails', 'contact_phones', 'contacts', 'settings']);
    const contactColumns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('contacts');
    expect(contactColumns).toEqual(
      expect.arrayContaining([
        'id',
        'display_name',
        'given_name',
        'family_name',
        'organization',
        'kind',
        'status',
        'messenger',
        'created_at',
        'updated_at',
      ]),
    );
    db.close();
  });

  it('refuses an unknown contact kind and settings values that are not JSON', () => {
    const db = migrated();
    expect(() => db.prepare("INSERT INTO contacts (display_name, kind) VALUES ('A', 'alien')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO settings (key, value) VALUES ('x', 'not json')").run()).toThrow(/CHECK/);
    db.close();
  });

  it('removes a contact’s numbers and addresses with the contact', () => {
    const db = migrated();
    const id = db.prepare("INSERT INTO contacts (display_name) VALUES ('Bernd Schulze')").run().lastInsertRowid;
    db.prepare("INSERT INTO contact_phones (contact_id, position, e164, raw) VALUES (?, 0, '+491701234567', '0170 1234567')").run(id);
    db.prepare("INSERT INTO contact_emails (contact_id, position, address) VALUES (?, 0, 'b@example.de')").run(id);
    db.prepare('DELETE FROM contacts WHERE id = ?').run(id);
    expect(db.prepare('SELECT count(*) FROM contact_phones').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM contact_emails').pluck().get()).toBe(0);
    expect(() => db.prepare("INSERT INTO contact_phones (contact_id, position, raw) VALUES (999, 0, 'x')").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
