import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrate';
import { initial } from '../../../electron/db/migrations/0001-initial';
import { contactDetailsAndImports } from '../../../electron/db/migrations/0002-contact-details-and-imports';
import { tracking } from '../../../electron/db/migrations/0003-tracking';
import { searchIndexAndSortKey } from '../../../electron/db/migrations/0004-search-index-and-sort-key';
import { listColumns } from '../../../electron/db/migrations/0005-list-columns';
import { contactLanguage } from '../../../electron/db/migrations/0006-contact-language';
import { tempDatabasePath } from '../../helpers/temp';

const upTo5 = [initial, contactDetailsAndImports, tracking, searchIndexAndSortKey, listColumns];

describe('migration 0006 contact language', () => {
  it('keeps existing contacts on German and the rule by kind, without moving their revision, and accepts only de/en and Sie/Du', () => {
    const db = new BetterSqlite3(tempDatabasePath());
    db.pragma('foreign_keys = ON');
    migrate(db, upTo5, 'test');
    const insert = db.prepare('INSERT INTO contacts (display_name, kind, search_text) VALUES (?, ?, ?)');
    insert.run('Anna Berg', 'customer', '');
    insert.run('Piotr Nowak', 'employee', '');
    const revisions = db.prepare('SELECT revision FROM contacts ORDER BY id').pluck().all();

    migrate(db, [...upTo5, contactLanguage], 'test');
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    expect(db.prepare('SELECT language, formal FROM contacts ORDER BY id').all()).toEqual([
      { language: 'de', formal: null },
      { language: 'de', formal: null },
    ]);
    expect(db.prepare('SELECT revision FROM contacts ORDER BY id').pluck().all()).toEqual(revisions);

    db.prepare("UPDATE contacts SET language = 'en', formal = 0 WHERE display_name = 'Piotr Nowak'").run();
    expect(db.prepare("SELECT language, formal FROM contacts WHERE display_name = 'Piotr Nowak'").get()).toEqual({
      language: 'en',
      formal: 0,
    });
    expect(() => db.prepare("UPDATE contacts SET language = 'pl'").run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE contacts SET formal = 2').run()).toThrow(/CHECK/);
  });
});
