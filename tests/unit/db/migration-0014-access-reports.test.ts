import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrate';
import { migrations } from '../../../electron/db/migrations';
import { accessReports } from '../../../electron/db/migrations/0014-access-reports';
import { tempDatabasePath } from '../../helpers/temp';

const upTo13 = migrations.filter((migration) => migration.version <= 13);

describe('migration 0014 access reports', () => {
  it('adds an empty table that names no person and takes only the two forms', () => {
    const db = new BetterSqlite3(tempDatabasePath());
    migrate(db, upTo13, 'test');
    migrate(db, [...upTo13, accessReports], 'test');
    expect(db.pragma('user_version', { simple: true })).toBe(14);
    const columns = db.prepare("SELECT name FROM pragma_table_info('access_reports')").pluck().all();
    expect(columns).toEqual(['id', 'answered_at', 'format']);
    const insert = db.prepare("INSERT INTO access_reports (answered_at, format) VALUES ('2026-12-04T10:00:00Z', ?)");
    insert.run('pdf');
    expect(() => insert.run('docx')).toThrow(/CHECK/);
  });
});
