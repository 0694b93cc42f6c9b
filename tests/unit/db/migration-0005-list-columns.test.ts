import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrate';
import { initial } from '../../../electron/db/migrations/0001-initial';
import { contactDetailsAndImports } from '../../../electron/db/migrations/0002-contact-details-and-imports';
import { tracking } from '../../../electron/db/migrations/0003-tracking';
import { searchIndexAndSortKey } from '../../../electron/db/migrations/0004-search-index-and-sort-key';
import { listColumns } from '../../../electron/db/migrations/0005-list-columns';
import { tempDatabasePath } from '../../helpers/temp';

const upTo4 = [initial, contactDetailsAndImports, tracking, searchIndexAndSortKey];

function atVersion4() {
  const db = new BetterSqlite3(tempDatabasePath());
  db.pragma('foreign_keys = ON');
  migrate(db, upTo4, 'test');
  const insert = db.prepare('INSERT INTO contacts (display_name, organization, search_text) VALUES (?, ?, ?)');
  const ids = {
    zimmerei: Number(insert.run('Klaus Zorn', 'Zimmerei Zorn', '').lastInsertRowid),
    oekobau: Number(insert.run('Eva Öz', 'Ökobau Öz GmbH', '').lastInsertRowid),
    private: Number(insert.run('Anna Berg', null, '').lastInsertRowid),
    maler: Number(insert.run('Ben Adler', 'maler adler', '').lastInsertRowid),
  };
  const phone = db.prepare('INSERT INTO contact_phones (contact_id, position, e164, raw, kind) VALUES (?, ?, ?, ?, ?)');
  phone.run(ids.zimmerei, 0, '+495611234', '0561 1234', 'landline');
  phone.run(ids.zimmerei, 1, '+491715550001', '0171 5550001', 'mobile');
  phone.run(ids.oekobau, 0, null, '0800 BAU', 'other');
  return { db, ids };
}

describe('migration 0005 list columns', () => {
  it('gives existing contacts a German company order (none last) and the number the table shows, without moving their revision', () => {
    const { db, ids } = atVersion4();
    const revisions = db.prepare('SELECT revision FROM contacts ORDER BY id').pluck().all();
    migrate(db, [...upTo4, listColumns], 'test');
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    expect(db.prepare('SELECT display_name FROM contacts ORDER BY sort_organization IS NULL, sort_organization').pluck().all()).toEqual([
      'Ben Adler',
      'Eva Öz',
      'Klaus Zorn',
      'Anna Berg',
    ]);
    expect(db.prepare('SELECT list_mobile FROM contacts WHERE id = ?').pluck().get(ids.zimmerei)).toBe('+491715550001');
    expect(db.prepare('SELECT list_mobile FROM contacts WHERE id = ?').pluck().get(ids.oekobau)).toBe('0800 BAU');
    expect(db.prepare('SELECT list_mobile FROM contacts WHERE id = ?').pluck().get(ids.private)).toBeNull();
    expect(db.prepare('SELECT revision FROM contacts ORDER BY id').pluck().all()).toEqual(revisions);
  });
});
