import type { Migration } from '../migrate';

const now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/**
 * Proof of a withdrawn consent kept after the contact was erased on request (GDPR Art. 17(3)(e):
 * the business may need it to defend itself against a claim until the claim is time-barred, see
 * docs/access-and-erasure.md). The proof is kept detached from the person: no name, number, address
 * or note, and not the scan's file name (it often names the person). What is kept:
 *
 * - `contact_id`: the erased contact's id. The row of an erased contact keeps only its id (version 8),
 *   and its one history entry says when it was erased and until when its proof is kept: the id finds
 *   the proof, and names nobody. No foreign key: the id outlives nothing it could cascade from.
 * - the scan itself (`data`, `mime`, `size`, `sha256`): the signed form, the only place the person's
 *   name is left;
 * - `consents`: what the scan proves, without personal data: per consent the purpose, the day given,
 *   the text version, the method and the day withdrawn;
 * - `keep_until`: the last day it is kept (YYYY-MM-DD, the office's local day); the start-up run of
 *   the bin's purge erases it the day after (services/erasure.ts), with secure_delete on.
 */
export const retainedEvidence: Migration = {
  version: 13,
  name: 'retained-evidence',
  up: (db) => {
    db.exec(`
      CREATE TABLE retained_evidence (
        id          INTEGER PRIMARY KEY,
        contact_id  INTEGER NOT NULL,
        mime        TEXT NOT NULL,
        size        INTEGER NOT NULL,
        sha256      TEXT NOT NULL,
        data        BLOB NOT NULL,
        consents    TEXT NOT NULL CHECK (json_valid(consents) AND json_type(consents) = 'array'),
        keep_until  TEXT NOT NULL CHECK (keep_until GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        retained_at TEXT NOT NULL DEFAULT (${now})
      ) STRICT;
      CREATE INDEX retained_evidence_keep_until ON retained_evidence (keep_until);
      CREATE INDEX retained_evidence_contact ON retained_evidence (contact_id);
    `);
  },
};
