import type { Database } from 'better-sqlite3';
import { alive } from './contact-columns';

export interface ContactTagsRepository {
  setTags(id: number, tags: string[]): void;
  allTags(): string[];
}

/** `touch`: tags are part of the contact, so setting them moves its revision on. */
export function createContactTagsRepository(db: Database, touch: (id: number) => void): ContactTagsRepository {
  const clearTags = db.prepare('DELETE FROM contact_tags WHERE contact_id = ?');
  const insertTag = db.prepare('INSERT OR IGNORE INTO contact_tags (contact_id, tag) VALUES (?, ?)');
  const everyTag = db
    .prepare<[], string>(
      `SELECT DISTINCT tag FROM contact_tags WHERE contact_id IN (SELECT id FROM contacts WHERE ${alive}) ORDER BY tag COLLATE NOCASE`,
    )
    .pluck();
  return {
    setTags(id, tags) {
      clearTags.run(id);
      for (const tag of tags) insertTag.run(id, tag);
      touch(id);
    },
    allTags: () => everyTag.all(),
  };
}
