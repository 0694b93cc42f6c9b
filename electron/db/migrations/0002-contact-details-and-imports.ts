import type { Migration } from '../migrate';

const now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/**
 * Bumps a contact's revision whenever the contact or one of its numbers, addresses or e-mails is
 * changed or removed. Adding a row to an existing contact bumps it in the repository instead: a
 * trigger on INSERT would also fire for every row of every new contact an import writes.
 */
const revisionTriggers = ['contact_phones', 'contact_emails', 'contact_addresses']
  .flatMap((table) =>
    (['UPDATE', 'DELETE'] as const).map((event) => {
      const row = event === 'DELETE' ? 'OLD' : 'NEW';
      return `CREATE TRIGGER ${table}_${event.toLowerCase()}_revision AFTER ${event} ON ${table}
        BEGIN UPDATE contacts SET revision = revision + 1, updated_at = ${now} WHERE id = ${row}.contact_id; END;`;
    }),
  )
  .join('\n');

/**
 * Everything a contact file can say about a person (salutation, title, address, birthday …), the
 * WhatsApp marks from chat exports, and the record of every import so it can be undone: the
 * contacts it created, the fields it filled, and a revision per contact that tells whether
 * anything happened to a contact since.
 */
export const contactDetailsAndImports: Migration = {
  version: 2,
  name: 'contact details and imports',
  up: (db) => {
    db.exec(`
      ALTER TABLE contacts ADD COLUMN title TEXT;
      ALTER TABLE contacts ADD COLUMN gender TEXT CHECK (gender IN ('female', 'male', 'diverse'));
      ALTER TABLE contacts ADD COLUMN department TEXT;
      ALTER TABLE contacts ADD COLUMN job_title TEXT;
      ALTER TABLE contacts ADD COLUMN note TEXT;
      ALTER TABLE contacts ADD COLUMN birthday TEXT;
      ALTER TABLE contacts ADD COLUMN customer_number TEXT;
      ALTER TABLE contacts ADD COLUMN is_company INTEGER NOT NULL DEFAULT 0 CHECK (is_company IN (0, 1));
      ALTER TABLE contacts ADD COLUMN on_whatsapp INTEGER NOT NULL DEFAULT 0 CHECK (on_whatsapp IN (0, 1));
      ALTER TABLE contacts ADD COLUMN whatsapp_last_message_at TEXT;
      ALTER TABLE contacts ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
      -- The import that created the contact (its undo removes exactly these).
      ALTER TABLE contacts ADD COLUMN created_by_import INTEGER REFERENCES imports (id) ON DELETE SET NULL;

      ALTER TABLE contact_phones ADD COLUMN kind TEXT NOT NULL DEFAULT 'other'
        CHECK (kind IN ('mobile', 'landline', 'other', 'invalid'));
      ALTER TABLE contact_emails ADD COLUMN label TEXT;

      CREATE TABLE contact_addresses (
        id          INTEGER PRIMARY KEY,
        contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        street      TEXT,
        postal_code TEXT,
        city        TEXT,
        region      TEXT,
        country     TEXT,
        label       TEXT
      ) STRICT;
      CREATE INDEX contact_addresses_contact ON contact_addresses (contact_id, position);

      CREATE TRIGGER contacts_revision AFTER UPDATE ON contacts WHEN NEW.revision = OLD.revision
        BEGIN UPDATE contacts SET revision = OLD.revision + 1, updated_at = ${now} WHERE id = NEW.id; END;
      ${revisionTriggers}

      CREATE TABLE imports (
        id          INTEGER PRIMARY KEY,
        file_name   TEXT NOT NULL,
        file_hash   TEXT NOT NULL,
        format      TEXT NOT NULL CHECK (format IN ('vcard', 'csv', 'xlsx', 'whatsapp')),
        encoding    TEXT,
        imported_at TEXT NOT NULL DEFAULT (${now}),
        created     INTEGER NOT NULL,
        updated     INTEGER NOT NULL,
        unchanged   INTEGER NOT NULL,
        duplicates  INTEGER NOT NULL,
        invalid     INTEGER NOT NULL,
        undone_at   TEXT
      ) STRICT;

      -- What one import changed in an existing contact, enough to take it back: the fields as they
      -- were, and the rows it added. (Contacts it created carry created_by_import instead.)
      CREATE TABLE import_changes (
        import_id       INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
        contact_id      INTEGER NOT NULL,
        before          TEXT NOT NULL CHECK (json_valid(before)),
        added           TEXT NOT NULL CHECK (json_valid(added)),
        revision_after  INTEGER NOT NULL,
        PRIMARY KEY (import_id, contact_id)
      ) STRICT;
      CREATE INDEX import_changes_contact ON import_changes (contact_id);

      -- The same number under clearly different names: for the user to review and merge.
      CREATE TABLE duplicate_candidates (
        id          INTEGER PRIMARY KEY,
        contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        other_id    INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        reason      TEXT NOT NULL,
        import_id   INTEGER REFERENCES imports (id) ON DELETE SET NULL,
        created_at  TEXT NOT NULL DEFAULT (${now}),
        resolved_at TEXT,
        UNIQUE (contact_id, other_id)
      ) STRICT;

      -- A confirmed CSV/Excel column mapping, found again by the file's set of headers.
      CREATE TABLE column_mappings (
        signature  TEXT PRIMARY KEY,
        mapping    TEXT NOT NULL CHECK (json_valid(mapping)),
        updated_at TEXT NOT NULL DEFAULT (${now})
      ) STRICT;
    `);
  },
};
