import type { Database } from 'better-sqlite3';
import { contactSearchDigits, contactSearchText } from '../../../shared/search';
import type { Migration } from '../migrate';

const now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/** Fills the search columns for the contacts that exist already (also used again by 0004). */
export function backfillSearch(db: Database): void {
  const contacts = db.prepare<
    [],
    {
      id: number;
      display_name: string;
      given_name: string | null;
      family_name: string | null;
      organization: string | null;
      customer_number: string | null;
    }
  >('SELECT id, display_name, given_name, family_name, organization, customer_number FROM contacts');
  const phones = db.prepare<[number], { e164: string | null; raw: string }>('SELECT e164, raw FROM contact_phones WHERE contact_id = ?');
  const emails = db.prepare<[number], { address: string }>('SELECT address FROM contact_emails WHERE contact_id = ?');
  const update = db.prepare('UPDATE contacts SET search_text = ?, search_digits = ? WHERE id = ?');
  for (const row of contacts.all()) {
    const text = contactSearchText({
      displayName: row.display_name,
      givenName: row.given_name,
      familyName: row.family_name,
      organization: row.organization,
      customerNumber: row.customer_number,
      emails: emails.all(row.id),
    });
    update.run(text, contactSearchDigits(phones.all(row.id)), row.id);
  }
}

/**
 * The way off WhatsApp per contact (target, stage and its dates), tags, consent per purpose with
 * its evidence, and the history of every change (GDPR Art. 5(2): the office must be able to show
 * what happened when). Contacts are deleted softly first, so a bulk delete can be undone.
 */
export const tracking: Migration = {
  version: 3,
  name: 'tracking',
  up: (db) => {
    db.exec(`
      ALTER TABLE contacts ADD COLUMN target TEXT
        CHECK (target IN ('signal', 'threema', 'wire', 'element', 'ginlo', 'whatsapp_consent', 'phone_email'));
      ALTER TABLE contacts ADD COLUMN messenger_id TEXT;
      ALTER TABLE contacts ADD COLUMN stage_changed_at TEXT;
      ALTER TABLE contacts ADD COLUMN invited_at TEXT;
      ALTER TABLE contacts ADD COLUMN invited_channel TEXT;
      ALTER TABLE contacts ADD COLUMN switched_at TEXT;
      ALTER TABLE contacts ADD COLUMN letter_sent_at TEXT;
      ALTER TABLE contacts ADD COLUMN letter_version TEXT;
      ALTER TABLE contacts ADD COLUMN deleted_at TEXT;
      -- What the search compares, kept up to date by the repository (see shared/search.ts).
      ALTER TABLE contacts ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
      ALTER TABLE contacts ADD COLUMN search_digits TEXT NOT NULL DEFAULT '';
      CREATE INDEX contacts_status ON contacts (status);

      -- The revision moves on when the contact's data changes, not when its search columns are
      -- refreshed (an import's undo compares revisions).
      DROP TRIGGER contacts_revision;
      CREATE TRIGGER contacts_revision AFTER UPDATE OF
          display_name, given_name, family_name, organization, kind, status, messenger, title, gender,
          department, job_title, note, birthday, customer_number, is_company, on_whatsapp,
          whatsapp_last_message_at, target, messenger_id, stage_changed_at, invited_at,
          invited_channel, switched_at, letter_sent_at, letter_version, deleted_at
        ON contacts WHEN NEW.revision = OLD.revision
        BEGIN UPDATE contacts SET revision = OLD.revision + 1, updated_at = ${now} WHERE id = NEW.id; END;
      CREATE INDEX contacts_updated ON contacts (updated_at);

      CREATE TABLE contact_tags (
        contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        tag        TEXT NOT NULL,
        PRIMARY KEY (contact_id, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX contact_tags_tag ON contact_tags (tag);

      -- One bulk action (several contacts at once), so that it can be undone as one.
      CREATE TABLE operations (
        id        INTEGER PRIMARY KEY,
        kind      TEXT NOT NULL,
        at        TEXT NOT NULL DEFAULT (${now}),
        count     INTEGER NOT NULL,
        undone_at TEXT
      ) STRICT;

      CREATE TABLE history (
        id           INTEGER PRIMARY KEY,
        contact_id   INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        at           TEXT NOT NULL DEFAULT (${now}),
        kind         TEXT NOT NULL,
        before       TEXT CHECK (before IS NULL OR json_valid(before)),
        after        TEXT CHECK (after IS NULL OR json_valid(after)),
        operation_id INTEGER REFERENCES operations (id) ON DELETE SET NULL
      ) STRICT;
      CREATE INDEX history_contact ON history (contact_id, id);
      CREATE INDEX history_operation ON history (operation_id);
      CREATE INDEX history_at ON history (at);

      -- A signed consent letter or another proof, kept by the app itself.
      CREATE TABLE evidence (
        id          INTEGER PRIMARY KEY,
        file_name   TEXT NOT NULL,
        mime        TEXT NOT NULL,
        size        INTEGER NOT NULL,
        sha256      TEXT NOT NULL,
        data        BLOB NOT NULL,
        uploaded_at TEXT NOT NULL DEFAULT (${now})
      ) STRICT;

      CREATE TABLE consents (
        id           INTEGER PRIMARY KEY,
        contact_id   INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        purpose      TEXT NOT NULL CHECK (purpose IN ('appointments', 'site_photos', 'quotes_invoices', 'advertising')),
        given_at     TEXT NOT NULL,
        text_version TEXT NOT NULL,
        method       TEXT NOT NULL CHECK (method IN ('signed_letter', 'email', 'in_person')),
        evidence_id  INTEGER REFERENCES evidence (id),
        withdrawn_at TEXT,
        recorded_at  TEXT NOT NULL DEFAULT (${now})
      ) STRICT;
      CREATE INDEX consents_contact ON consents (contact_id);
    `);
    backfillSearch(db);
  },
};
