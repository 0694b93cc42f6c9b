import type { Database } from 'better-sqlite3';
import type { EmailInput, Phone } from '../../../shared/model/contact';
import { contactSearchDigits, contactSearchText, foldForSearch, searchTextOfFolded } from '../../../shared/search';
import type { ContactFields } from './contact-columns';

/**
 * The columns the contact table searches, sorts by and shows (search_text, search_digits, sort_name,
 * sort_organization, list_mobile; migrations 0003–0005 say why each is stored): whoever writes names,
 * numbers or e-mails keeps them current through this module.
 */

/** The company in the table's German order; none sorts last (NULL). */
const organizationKey = (organization: string | null | undefined) => (organization ? foldForSearch(organization) || null : null);

/** The number the table shows and sorts by: the first mobile number, else the first (as LIST_MOBILE_SQL). */
const listMobile = (phones: readonly { e164: string | null; raw: string; kind: string }[]) => {
  const shown = phones.find((phone) => phone.kind === 'mobile') ?? phones[0];
  return shown ? (shown.e164 ?? shown.raw) : null;
};

/** Fields the search columns are built from: changing one refreshes them. */
export const searchFields = new Set<keyof ContactFields>(['displayName', 'givenName', 'familyName', 'organization', 'customerNumber']);

/** The search columns of a new contact, in insertValues' order. */
export const newSearchColumns = (
  contact: Omit<Parameters<typeof contactSearchText>[0], 'emails'>,
  phones: Phone[],
  emails: EmailInput[],
): [string, string, string, string | null, string | null] => {
  // Each folded once: the sort columns and the search text share them (as organizationKey).
  const sortName = foldForSearch(contact.displayName);
  const organization = contact.organization ? foldForSearch(contact.organization) : '';
  return [
    searchTextOfFolded(sortName, organization, contact, emails),
    contactSearchDigits(phones),
    sortName,
    organization || null,
    listMobile(phones),
  ];
};

/** Recomputes a stored contact's search columns from its row, numbers and e-mails. */
export function searchColumnsRefresher(db: Database): (id: number) => void {
  const searchSource = db.prepare<
    [number],
    {
      display_name: string;
      given_name: string | null;
      family_name: string | null;
      organization: string | null;
      customer_number: string | null;
    }
  >('SELECT display_name, given_name, family_name, organization, customer_number FROM contacts WHERE id = ?');
  const phonesFor = db.prepare<[number], { e164: string | null; raw: string; kind: string }>(
    'SELECT e164, raw, kind FROM contact_phones WHERE contact_id = ? ORDER BY position',
  );
  const emailsFor = db.prepare<[number], { address: string }>('SELECT address FROM contact_emails WHERE contact_id = ?');
  const setSearch = db.prepare(
    'UPDATE contacts SET search_text = ?, search_digits = ?, sort_name = ?, sort_organization = ?, list_mobile = ? WHERE id = ?',
  );
  return (id) => {
    const row = searchSource.get(id);
    if (!row) return;
    const text = contactSearchText({
      displayName: row.display_name,
      givenName: row.given_name,
      familyName: row.family_name,
      organization: row.organization,
      customerNumber: row.customer_number,
      emails: emailsFor.all(id),
    });
    const phones = phonesFor.all(id);
    setSearch.run(
      text,
      contactSearchDigits(phones),
      foldForSearch(row.display_name),
      organizationKey(row.organization),
      listMobile(phones),
      id,
    );
  };
}
