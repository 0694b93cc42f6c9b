import type { Database } from 'better-sqlite3';

export interface ConsentTextsRepository {
  /** Keeps a version's wording (JSON) the first time it is used; a version kept already stays as it was. */
  keep(version: string, content: string): void;
  /** The kept wordings (JSON) of these versions; a version used before they were kept is missing. */
  wordings(versions: string[]): Map<string, string>;
}

export function createConsentTextsRepository(db: Database): ConsentTextsRepository {
  const keep = db.prepare<[string, string]>(
    "INSERT INTO consent_text_versions (version, recorded_at, content) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?) ON CONFLICT (version) DO NOTHING",
  );
  const has = db.prepare<[string], number>('SELECT 1 FROM consent_text_versions WHERE version = ?').pluck();
  const wordings = db.prepare<[string], { version: string; content: string }>(
    'SELECT version, content FROM consent_text_versions WHERE version IN (SELECT value FROM json_each(?))',
  );
  return {
    keep: (version, content) => {
      // Most calls find the version kept already: a lookup instead of writing the JSON again.
      if (!has.get(version)) keep.run(version, content);
    },
    wordings: (versions) => new Map(wordings.all(JSON.stringify(versions)).map((row) => [row.version, row.content])),
  };
}
