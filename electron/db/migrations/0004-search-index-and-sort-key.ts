import type { Database } from 'better-sqlite3';
import { foldForSearch } from '../../../shared/search';
import type { Migration } from '../migrate';
import { backfillSearch } from './0003-tracking';

/** The sort key of the contacts that exist already. */
function backfillSortNames(db: Database): void {
  const update = db.prepare('UPDATE contacts SET sort_name = ? WHERE id = ?');
  for (const row of db.prepare<[], { id: number; display_name: string }>('SELECT id, display_name FROM contacts').all()) {
    update.run(foldForSearch(row.display_name), row.id);
  }
}

/**
 * Faster search and a German name order for the contact table.
 *
 * - A covering index over the search columns (and the sort key) of the contacts not deleted: a
 *   search for part of a name or number still compares every contact (`LIKE '%…%'`), but reads this
 *   narrow index instead of the wide table rows, about twice as fast, and sorts the few matches
 *   without touching the table. (A trigram full-text index answers rare matches
 *   faster still, but made an import of 10,000 contacts twice as slow; see tests/bench.)
 * - A sort key for names as a German reader expects them: "Özdemir" among the O, not after "Z"
 *   (SQLite's NOCASE folds only A–Z). The repository keeps it with the search columns.
 */
export const searchIndexAndSortKey: Migration = {
  version: 4,
  name: 'search-index-and-sort-key',
  up: (db) => {
    db.exec(`
      ALTER TABLE contacts ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
    `);
    backfillSortNames(db);
    // The search columns leave out repeated parts since this version: shorter text, faster search.
    backfillSearch(db);
    db.exec(`
      CREATE INDEX contacts_sort_name ON contacts (sort_name);
      CREATE INDEX contacts_search ON contacts (search_text, search_digits, sort_name) WHERE deleted_at IS NULL;
    `);
  },
};
