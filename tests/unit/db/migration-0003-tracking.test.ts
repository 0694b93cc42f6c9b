import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrate';
import { initial } from '../../../electron/db/migrations/0001-initial';
import { contactDetailsAndImports } from '../../../electron/db/migrations/0002-contact-details-and-imports';
import { tracking } from '../../../electron/db/migrations/0003-tracking';
import { tempDatabasePath } from '../../helpers/temp';

function atVersion2() {
  const db = new BetterSqlite3(tempDatabasePath());
  db.pragma('foreign_keys = ON');
  migrate(db, [initial, contactDetailsAndImports], 'test');
  const id = Number(
    db
      .prepare(
        "INSERT INTO contacts (display_name, given_name, family_name, organization) VALUES ('Jürgen Müller', 'Jürgen', 'Müller', 'Dachdeckerei Müller')",
      )
      .run().lastInsertRowid,
  );
  db.prepare(
    "INSERT INTO contact_phones (contact_id, position, e164, raw, kind) VALUES (?, 0, '+491711234567', '0171 1234567', 'mobile')",
  ).run(id);
  db.prepare("INSERT INTO contact_emails (contact_id, position, address) VALUES (?, 0, 'j.mueller@example.de')").run(id);
  return { db, id };
}

describe('migration 0003 tracking', () => {
  it('fills the search columns of existing contacts without moving their revision', () => {
    const { db, id } = atVersion2();
    const before = db.prepare('SELECT revision FROM contacts WHERE id = ?').pluck().get(id);
    migrate(db, [initial, contactDetailsAndImports, tracking], 'test');
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    const row = db.prepare('SELECT search_text, search_digits, revision, status, target FROM contacts WHERE id = ?').get(id) as Record<
      string,
      unknown
    >;
    // Filled by the search functions of shared/search.ts, as the repository fills new contacts.
    expect(row.search_text).toBe('jurgen muller dachdeckerei muller j.mueller@example.de');
    expect(row.search_digits).toBe('491711234567');
    expect(row.revision).toBe(before);
    expect(row).toMatchObject({ status: 'new', target: null });
  });

  it('creates tags, history, operations, consents and evidence, and checks their values', () => {
    const { db, id } = atVersion2();
    migrate(db, [initial, contactDetailsAndImports, tracking], 'test');
    db.prepare("INSERT INTO contact_tags (contact_id, tag) VALUES (?, 'Stammkunde')").run(id);
    db.prepare(
      'INSERT INTO history (contact_id, kind, before, after) VALUES (?, \'stage\', \'{"stage":"new"}\', \'{"stage":"invited"}\')',
    ).run(id);
    expect(() =>
      db
        .prepare(
          "INSERT INTO consents (contact_id, purpose, given_at, text_version, method) VALUES (?, 'marketing', '2026-01-01', 'v1', 'email')",
        )
        .run(id),
    ).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE contacts SET target = 'telegram' WHERE id = ?").run(id)).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO history (contact_id, kind, after) VALUES (?, 'x', 'kein json')").run(id)).toThrow(/CHECK/);
  });

  it('still moves the revision when real data changes, not when only search columns do', () => {
    const { db, id } = atVersion2();
    migrate(db, [initial, contactDetailsAndImports, tracking], 'test');
    const revision = () => db.prepare('SELECT revision FROM contacts WHERE id = ?').pluck().get(id);
    const start = revision() as number;
    db.prepare("UPDATE contacts SET search_text = 'x' WHERE id = ?").run(id);
    expect(revision()).toBe(start);
    db.prepare("UPDATE contacts SET status = 'invited' WHERE id = ?").run(id);
    expect(revision()).toBe(start + 1);
    db.prepare("UPDATE contacts SET deleted_at = '2026-01-01' WHERE id = ?").run(id);
    expect(revision()).toBe(start + 2);
  });
});
