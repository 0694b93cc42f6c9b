import type { Migration } from '../migrate';

/**
 * `kept_on_undo`: how many contacts an import's undo left as they were because the office had changed
 * them since (the undo of "the rest", issue 16); NULL for an import not undone, or undone whole.
 */
export const importKeptOnUndo: Migration = {
  version: 12,
  name: 'import-kept-on-undo',
  up: (db) => {
    db.exec('ALTER TABLE imports ADD COLUMN kept_on_undo INTEGER CHECK (kept_on_undo IS NULL OR kept_on_undo >= 0);');
  },
};
