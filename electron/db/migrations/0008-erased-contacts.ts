import type { Migration } from '../migrate';

/**
 * Erasure that leaves a record without personal data (GDPR Art. 17 with Art. 5(2)): an erased
 * contact keeps only its row's id, `erased_at` and one history entry ("Kontakt gelöscht am …"), every
 * value that named the person is gone. The row also keeps its id from being handed to the next new
 * contact (INTEGER PRIMARY KEY reuses the highest id once its row is deleted), so a script that
 * erased contact 12 never finds someone else under 12.
 *
 * The partial index contacts_in_bin answers "is anything in the bin due for erasure?" at every start
 * without reading the whole table; contacts_created_by_import answers "which contacts did this
 * import bring?", asked for every import after each erasure and purge (which imports have none left,
 * so their file name goes) and by an import's undo. Without it each question read the whole table:
 * 1.2 s for 200 imports over 200,000 contacts, 0.1 ms with it.
 *
 * pending_upkeep holds work on the file that may have to wait (see db/upkeep.ts). Versions before 8
 * purged contacts without secure_delete, so their bytes may still lie in the file's free pages: the
 * file is rewritten once (VACUUM), recorded here so that a failure (no room for the copy) is tried
 * again at the next start rather than forgotten with the version number.
 */
export const erasedContacts: Migration = {
  version: 8,
  name: 'erased-contacts',
  up: (db) => {
    db.exec(`
      ALTER TABLE contacts ADD COLUMN erased_at TEXT;
      CREATE INDEX contacts_in_bin ON contacts (deleted_at) WHERE deleted_at IS NOT NULL AND erased_at IS NULL;
      CREATE INDEX contacts_created_by_import ON contacts (created_by_import) WHERE created_by_import IS NOT NULL;
      CREATE TABLE pending_upkeep (
        task TEXT PRIMARY KEY CHECK (task IN ('vacuum', 'checkpoint'))
      ) STRICT;
      INSERT INTO pending_upkeep (task) VALUES ('vacuum');
    `);
  },
};
