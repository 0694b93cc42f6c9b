import type { Migration } from '../migrate';

/**
 * The wording of each consent text version, kept from the first letter or consent that used it: the
 * business's details and both languages' texts (shared/letters/consent-text-version.ts) as JSON, the
 * very input its id is computed from. The accountability report prints every version in use in full,
 * also after the texts or the details changed. Versions used before this migration have no row; the
 * report says so rather than print today's wording under an old id.
 */
export const consentTextVersions: Migration = {
  version: 11,
  name: 'consent-text-versions',
  up: (db) => {
    db.exec(`
      CREATE TABLE consent_text_versions (
        version     TEXT PRIMARY KEY,
        recorded_at TEXT NOT NULL,
        content     TEXT NOT NULL CHECK (json_valid(content))
      ) STRICT;
    `);
  },
};
