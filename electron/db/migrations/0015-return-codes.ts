import type { Migration } from '../migrate';

/**
 * Returned consent forms read back from scans (issue 18):
 *
 * - `database_identity`: one random key per database, made once. The Rückläufer-Code printed on every
 *   return copy carries a check value made with it, so a code from another business's forms (or a
 *   typo in a code typed by hand) is refused. A backup restored keeps its key: it is the same database.
 * - `evidence.return_code`: the code of the form a kept scan page was read from; the history entry of
 *   the consent or refusal recorded from a page carries it too (`after.returnCode`, indexed), so the same
 *   form read twice (scanned again, or in the next stack) is recognised, a "Nein" (whose page is not
 *   kept) included, before anything is recorded again.
 */
export const returnCodes: Migration = {
  version: 15,
  name: 'return-codes',
  up: (db) => {
    db.exec(`
      CREATE TABLE database_identity (
        id  INTEGER PRIMARY KEY CHECK (id = 1),
        key BLOB NOT NULL CHECK (length(key) = 32)
      ) STRICT;
      INSERT INTO database_identity (id, key) VALUES (1, randomblob(32));
      ALTER TABLE evidence ADD COLUMN return_code TEXT;
      CREATE INDEX evidence_return_code ON evidence (return_code) WHERE return_code IS NOT NULL;
      CREATE INDEX history_return_code ON history (json_extract(after, '$.returnCode'))
        WHERE json_extract(after, '$.returnCode') IS NOT NULL;
    `);
  },
};
