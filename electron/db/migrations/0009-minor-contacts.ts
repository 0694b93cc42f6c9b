import type { Migration } from '../migrate';

/**
 * `minor`: the contact is under 18 (an apprentice, a customer's child), so a parent or guardian signs
 * the consent form too (docs/consent-letter.md, item 14). Existing contacts are not minors.
 */
export const minorContacts: Migration = {
  version: 9,
  name: 'minor-contacts',
  up: (db) => {
    db.exec('ALTER TABLE contacts ADD COLUMN minor INTEGER NOT NULL DEFAULT 0 CHECK (minor IN (0, 1));');
  },
};
