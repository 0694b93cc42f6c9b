import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrate';
import { migrations } from '../../../electron/db/migrations';
import { returnCodes } from '../../../electron/db/migrations/0015-return-codes';
import { tempDatabasePath } from '../../helpers/temp';

const upTo14 = migrations.filter((migration) => migration.version <= 14);

describe('migration 0015 return codes', () => {
  it('gives each database a random key of its own and lets kept scans carry the code they were read from', () => {
    const keys = [1, 2].map(() => {
      const db = new BetterSqlite3(tempDatabasePath());
      migrate(db, upTo14, 'test');
      db.prepare("INSERT INTO evidence (file_name, mime, size, sha256, data) VALUES ('a.pdf', 'application/pdf', 1, 'x', x'00')").run();
      migrate(db, [...upTo14, returnCodes], 'test');
      expect(db.pragma('user_version', { simple: true })).toBe(15);
      expect(db.prepare('SELECT return_code FROM evidence').pluck().get()).toBeNull();
      // The same form read again is found by its code in the history, through an index.
      const plan = db
        .prepare("EXPLAIN QUERY PLAN SELECT at FROM history WHERE json_extract(after, '$.returnCode') = 'UH1-1-20261126-A5B5C681-00000'")
        .all() as { detail: string }[];
      expect(plan.map((step) => step.detail).join(' ')).toMatch(/USING INDEX history_return_code/);
      expect(() => db.prepare('INSERT INTO database_identity (id, key) VALUES (2, randomblob(32))').run()).toThrow(/CHECK/);
      return (db.prepare('SELECT key FROM database_identity').pluck().get() as Buffer).toString('hex');
    });
    expect(keys[0]).toHaveLength(64);
    expect(keys[0]).not.toBe(keys[1]);
  });
});
