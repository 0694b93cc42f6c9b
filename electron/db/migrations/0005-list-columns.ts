import type { Database } from 'better-sqlite3';
import { foldForSearch } from '../../../shared/search';
import type { Migration } from '../migrate';

/** The number the contact table shows: the first mobile number, else the first number. */
export const LIST_MOBILE_SQL = `(SELECT coalesce(e164, raw) FROM contact_phones p WHERE p.contact_id = contacts.id ORDER BY p.kind != 'mobile', p.position LIMIT 1)`;

function backfillOrganizationKeys(db: Database): void {
  const update = db.prepare('UPDATE contacts SET sort_organization = ? WHERE id = ?');
  for (const row of db
    .prepare<[], { id: number; organization: string }>("SELECT id, organization FROM contacts WHERE coalesce(organization, '') != ''")
    .all()) {
    update.run(foldForSearch(row.organization), row.id);
  }
}

/**
 * Two columns the contact table sorts and shows, kept by the repository with the search columns:
 *
 * - `sort_organization`: the company in German order ("Ökobau" among the O; NOCASE put it after Z),
 *   NULL without a company (listed last).
 * - `list_mobile`: the number the table shows and sorts by, so a page of 50,000 contacts sorted by
 *   number no longer looks up every contact's numbers.
 */
export const listColumns: Migration = {
  version: 5,
  name: 'list-columns',
  up: (db) => {
    db.exec(`
      ALTER TABLE contacts ADD COLUMN sort_organization TEXT;
      ALTER TABLE contacts ADD COLUMN list_mobile TEXT;
      UPDATE contacts SET list_mobile = ${LIST_MOBILE_SQL};
    `);
    backfillOrganizationKeys(db);
  },
};
