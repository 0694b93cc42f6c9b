import type { Migration } from '../migrate';

/** Settings as key/value JSON, and the contacts with their numbers and e-mail addresses. */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up: (db) => {
    db.exec(`
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;

      CREATE TABLE contacts (
        id            INTEGER PRIMARY KEY,
        display_name  TEXT NOT NULL,
        given_name    TEXT,
        family_name   TEXT,
        organization  TEXT,
        kind          TEXT NOT NULL DEFAULT 'other'
                      CHECK (kind IN ('customer', 'employee', 'supplier', 'other')),
        status        TEXT NOT NULL DEFAULT 'new',
        messenger     TEXT,
        created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      ) STRICT;
      CREATE INDEX contacts_display_name ON contacts (display_name COLLATE NOCASE);

      CREATE TABLE contact_phones (
        id         INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        position   INTEGER NOT NULL,
        e164       TEXT,
        raw        TEXT NOT NULL,
        label      TEXT
      ) STRICT;
      CREATE INDEX contact_phones_contact ON contact_phones (contact_id, position);
      CREATE INDEX contact_phones_e164 ON contact_phones (e164);

      CREATE TABLE contact_emails (
        id         INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        position   INTEGER NOT NULL,
        address    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX contact_emails_contact ON contact_emails (contact_id, position);
      CREATE INDEX contact_emails_address ON contact_emails (address COLLATE NOCASE);
    `);
  },
};
