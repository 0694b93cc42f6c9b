import type { Migration } from '../migrate';

/**
 * How the office writes to a contact: `language` of the invitations and letters (German unless set
 * to English), and `formal`, Sie (1) or Du (0), or NULL for the rule by kind (Du to employees, Sie
 * to everyone else). Existing contacts keep German and the rule, so nothing they get changes.
 */
export const contactLanguage: Migration = {
  version: 6,
  name: 'contact-language',
  up: (db) => {
    db.exec(`
      ALTER TABLE contacts ADD COLUMN language TEXT NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en'));
      ALTER TABLE contacts ADD COLUMN formal INTEGER CHECK (formal IN (0, 1));
    `);
  },
};
