import type { Migration } from '../migrate';

/**
 * The business phones with WhatsApp and the proof that each was checked (docs/business-phone.md):
 * - `business_phones`: each phone; one no longer in use is retired, not deleted, so the record of its
 *   checks stays.
 * - `phone_checklist`: every tick of a checklist item, kept (the newest per item is the phone's state,
 *   the earlier ones the record an authority asks for: who checked it and when). `checked_on` is the
 *   office's local day.
 * - `phone_book_checks`: each comparison of a phone's exported address book with the consent record,
 *   as counts only: the phone's address book itself is never stored.
 */
export const businessPhones: Migration = {
  version: 10,
  name: 'business-phones',
  up: (db) => {
    db.exec(`
      CREATE TABLE business_phones (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        number     TEXT CHECK (number IS NULL OR length(number) <= 50),
        platform   TEXT NOT NULL CHECK (platform IN ('android', 'iphone')),
        used_by    TEXT CHECK (used_by IS NULL OR length(used_by) <= 200),
        created_at TEXT NOT NULL,
        retired_at TEXT
      ) STRICT;

      CREATE TABLE phone_checklist (
        id          INTEGER PRIMARY KEY,
        phone_id    INTEGER NOT NULL REFERENCES business_phones (id) ON DELETE CASCADE,
        item        TEXT NOT NULL,
        checked_on  TEXT NOT NULL CHECK (checked_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        checked_by  TEXT NOT NULL CHECK (length(checked_by) BETWEEN 1 AND 200),
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX phone_checklist_phone ON phone_checklist (phone_id, item, checked_on);

      CREATE TABLE phone_book_checks (
        id                INTEGER PRIMARY KEY,
        phone_id          INTEGER REFERENCES business_phones (id) ON DELETE SET NULL,
        checked_at        TEXT NOT NULL,
        numbers           INTEGER NOT NULL,
        ok                INTEGER NOT NULL,
        without_consent   INTEGER NOT NULL,
        consented_missing INTEGER NOT NULL,
        unknown           INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX phone_book_checks_phone ON phone_book_checks (phone_id, checked_at);
    `);
  },
};
