import type { Migration } from '../migrate';

/**
 * Each access report (Auskunft, GDPR Art. 15) the office produced: the moment and the form only, no
 * person, so the accountability report can count the requests answered and their days also after the
 * person was erased (the contact's own history says "Auskunft erteilt" while it exists).
 */
export const accessReports: Migration = {
  version: 14,
  name: 'access-reports',
  up: (db) => {
    db.exec(`
      CREATE TABLE access_reports (
        id          INTEGER PRIMARY KEY,
        answered_at TEXT NOT NULL,
        format      TEXT NOT NULL CHECK (format IN ('pdf', 'json'))
      ) STRICT;
    `);
  },
};
