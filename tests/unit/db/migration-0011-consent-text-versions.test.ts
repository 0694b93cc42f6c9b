import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrate';
import { migrations } from '../../../electron/db/migrations';
import { consentTextVersions } from '../../../electron/db/migrations/0011-consent-text-versions';
import { tempDatabasePath } from '../../helpers/temp';

const upTo10 = migrations.filter((migration) => migration.version <= 10);

describe('migration 0011 consent text versions', () => {
  it('adds an empty table of versions that takes each version once, as JSON only', () => {
    const db = new BetterSqlite3(tempDatabasePath());
    migrate(db, upTo10, 'test');
    migrate(db, [...upTo10, consentTextVersions], 'test');
    expect(db.pragma('user_version', { simple: true })).toBe(11);
    expect(db.prepare('SELECT count(*) FROM consent_text_versions').pluck().get()).toBe(0);
    const insert = db.prepare("INSERT INTO consent_text_versions (version, recorded_at, content) VALUES (?, '2026-12-04T10:00:00Z', ?)");
    insert.run('EW-ABC', '{"name":"Muster"}');
    expect(() => insert.run('EW-ABC', '{}')).toThrow(/UNIQUE/);
    expect(() => insert.run('EW-DEF', 'kein JSON')).toThrow(/CHECK/);
  });
});
