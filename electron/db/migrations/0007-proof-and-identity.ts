import type { Database } from 'better-sqlite3';
import type { Migration } from '../migrate';

const now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/** What a consent recorded before proofs were required says instead (the office reads it at the consent). */
export const LEGACY_NOTE = 'Vor der Nachweispflicht erfasst – kein Nachweis hinterlegt';

/**
 * What the record needs to prove things with (issue 12):
 *
 * - `kept_apart`: two contacts the office decided are different people (they share a number, say).
 *   A fact every later import, merge suggestion and chat export respects; each pair once, smaller id
 *   first. Pairs the office dismissed as duplicates before this version are carried over.
 * - `contact_emails.valid`: an e-mail text that is not an address ("business 3@example.de") is kept as
 *   written and flagged, instead of being cut into a different address or dropped.
 * - Consents: the evidence may be a stated reason (`evidence_note`, "mündlich am Telefon") instead of a
 *   scan, one of the two is required, and consent can have been given on the phone (`method =
 *   'phone'`). SQLite cannot change a CHECK constraint in place, so the table is rebuilt with the same
 *   rows and ids; a consent recorded without a scan before says so in its note.
 * - `import_changes.after`: the values an import set, so the history says "Auf WhatsApp: nein → ja"
 *   instead of "nein → –".
 * - Contacts older versions set to "consent given" from the bulk menu without any consent record go
 *   back to the stage they had before (else "consent requested"), with a history entry saying why:
 *   a consent without its proof is none, and nothing else could ever move them on.
 * - An index for the "possible duplicates" filter, which looks pairs up from both sides.
 */
export const proofAndIdentity: Migration = {
  version: 7,
  name: 'proof-and-identity',
  up: (db) => {
    db.exec(`
      CREATE TABLE kept_apart (
        contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        other_id   INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        decided_at TEXT NOT NULL DEFAULT (${now}),
        CHECK (contact_id < other_id),
        PRIMARY KEY (contact_id, other_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX kept_apart_other ON kept_apart (other_id);

      -- A pair resolved while both contacts still exist was kept apart (a merge deletes one of them).
      INSERT OR IGNORE INTO kept_apart (contact_id, other_id, decided_at)
        SELECT min(d.contact_id, d.other_id), max(d.contact_id, d.other_id), d.resolved_at
        FROM duplicate_candidates d
        JOIN contacts a ON a.id = d.contact_id AND a.deleted_at IS NULL
        JOIN contacts b ON b.id = d.other_id AND b.deleted_at IS NULL
        WHERE d.resolved_at IS NOT NULL AND d.contact_id != d.other_id;

      ALTER TABLE contact_emails ADD COLUMN valid INTEGER NOT NULL DEFAULT 1 CHECK (valid IN (0, 1));

      ALTER TABLE import_changes ADD COLUMN after TEXT CHECK (after IS NULL OR json_valid(after));

      CREATE TABLE consents_new (
        id            INTEGER PRIMARY KEY,
        contact_id    INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        purpose       TEXT NOT NULL CHECK (purpose IN ('appointments', 'site_photos', 'quotes_invoices', 'advertising')),
        given_at      TEXT NOT NULL,
        text_version  TEXT NOT NULL,
        method        TEXT NOT NULL CHECK (method IN ('signed_letter', 'email', 'in_person', 'phone')),
        evidence_id   INTEGER REFERENCES evidence (id),
        evidence_note TEXT,
        withdrawn_at  TEXT,
        recorded_at   TEXT NOT NULL DEFAULT (${now}),
        -- No consent without its proof: a scan, or the stated reason there is none.
        CHECK (evidence_id IS NOT NULL OR coalesce(length(trim(evidence_note)), 0) > 0)
      ) STRICT;
      INSERT INTO consents_new (id, contact_id, purpose, given_at, text_version, method, evidence_id, evidence_note, withdrawn_at, recorded_at)
        SELECT id, contact_id, purpose, given_at, text_version, method, evidence_id,
               CASE WHEN evidence_id IS NULL THEN '${LEGACY_NOTE}' END, withdrawn_at, recorded_at
        FROM consents;
      DROP TABLE consents;
      ALTER TABLE consents_new RENAME TO consents;
      CREATE INDEX consents_contact ON consents (contact_id);

      CREATE INDEX duplicate_candidates_other ON duplicate_candidates (other_id);
    `);
    undoBareConsents(db);
  },
};

/** "Consent given" without a single consent record: back to the stage before it. */
function undoBareConsents(db: Database): void {
  const bare = db
    .prepare<[], number>("SELECT id FROM contacts WHERE status = 'consent_given' AND id NOT IN (SELECT contact_id FROM consents)")
    .pluck()
    .all();
  const stageBefore = db
    .prepare<[number], string | null>(
      "SELECT json_extract(before, '$.stage') FROM history WHERE contact_id = ? AND json_extract(after, '$.stage') = 'consent_given' ORDER BY id DESC LIMIT 1",
    )
    .pluck();
  const setStage = db.prepare(`UPDATE contacts SET status = ?, stage_changed_at = ${now} WHERE id = ?`);
  const note = db.prepare(
    "INSERT INTO history (contact_id, kind, before, after) VALUES (?, 'consentWithoutProof', json_object('stage', 'consent_given'), json_object('stage', ?))",
  );
  for (const id of bare) {
    const before = stageBefore.get(id);
    const stage = before && before !== 'consent_given' ? before : 'consent_requested';
    setStage.run(stage, id);
    note.run(id, stage);
  }
}
