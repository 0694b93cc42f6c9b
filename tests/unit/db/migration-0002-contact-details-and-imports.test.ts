import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrate';
import { initial } from '../../../electron/db/migrations/0001-initial';
import { contactDetailsAndImports } from '../../../electron/db/migrations/0002-contact-details-and-imports';
import { tempDatabasePath } from '../../helpers/temp';

function atVersion1() {
  const db = new BetterSqlite3(tempDatabasePath());
  db.pragma('foreign_keys = ON');
  migrate(db, [initial], 'test');
  const id = db.prepare("INSERT INTO contacts (display_name, kind) VALUES ('Bernd Schulze', 'customer')").run().lastInsertRowid;
  db.prepare(
    "INSERT INTO contact_phones (contact_id, position, e164, raw, label) VALUES (?, 0, '+491701234567', '0170 1234567', 'Handy')",
  ).run(id);
  return { db, id: Number(id) };
}

describe('migration 0002 contact details and imports', () => {
  it('keeps existing contacts and numbers, with defaults for the new columns', () => {
    const { db, id } = atVersion1();
    migrate(db, [initial, contactDetailsAndImports], 'test');
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare('SELECT display_name, kind, on_whatsapp, is_company, revision, gender FROM contacts WHERE id = ?').get(id)).toEqual({
      display_name: 'Bernd Schulze',
      kind: 'customer',
      on_whatsapp: 0,
      is_company: 0,
      revision: 1,
      gender: null,
    });
    expect(db.prepare('SELECT raw, kind FROM contact_phones').get()).toEqual({ raw: '0170 1234567', kind: 'other' });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining(['contact_addresses', 'imports', 'import_changes', 'duplicate_candidates', 'column_mappings']),
    );
  });

  it('bumps a contact’s revision when it, or one of its numbers, e-mails or addresses, is changed or removed', () => {
    const { db, id } = atVersion1();
    migrate(db, [initial, contactDetailsAndImports], 'test');
    const revision = () => db.prepare('SELECT revision FROM contacts WHERE id = ?').pluck().get(id);
    db.prepare("UPDATE contacts SET note = 'x' WHERE id = ?").run(id);
    expect(revision()).toBe(2);
    db.prepare("UPDATE contact_phones SET label = 'Baustelle' WHERE contact_id = ?").run(id);
    expect(revision()).toBe(3);
    db.prepare("INSERT INTO contact_emails (contact_id, position, address) VALUES (?, 0, 'b@example.de')").run(id);
    expect(revision()).toBe(3); // inserts are bumped by the repository, not by a trigger
    db.prepare('DELETE FROM contact_emails WHERE contact_id = ?').run(id);
    db.prepare('DELETE FROM contact_phones WHERE contact_id = ?').run(id);
    expect(revision()).toBe(5);
  });

  it('refuses invalid phone kinds, genders and JSON', () => {
    const { db, id } = atVersion1();
    migrate(db, [initial, contactDetailsAndImports], 'test');
    expect(() => db.prepare("INSERT INTO contact_phones (contact_id, position, raw, kind) VALUES (?, 1, 'x', 'pager')").run(id)).toThrow(
      /CHECK/,
    );
    expect(() => db.prepare("UPDATE contacts SET gender = 'unknown' WHERE id = ?").run(id)).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO column_mappings (signature, mapping) VALUES ('a', 'not json')").run()).toThrow(/CHECK/);
  });

  it('removes duplicate links and address rows with their contact', () => {
    const { db, id } = atVersion1();
    migrate(db, [initial, contactDetailsAndImports], 'test');
    const other = Number(db.prepare("INSERT INTO contacts (display_name) VALUES ('Mama')").run().lastInsertRowid);
    db.prepare("INSERT INTO duplicate_candidates (contact_id, other_id, reason) VALUES (?, ?, 'sameNumberOtherName')").run(other, id);
    db.prepare("INSERT INTO contact_addresses (contact_id, position, city) VALUES (?, 0, 'Kassel')").run(other);
    db.prepare('DELETE FROM contacts WHERE id = ?').run(other);
    expect(db.prepare('SELECT count(*) FROM duplicate_candidates').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM contact_addresses').pluck().get()).toBe(0);
  });
});
