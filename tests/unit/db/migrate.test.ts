import BetterSqlite3 from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkMigrationOrder, migrate, schemaVersion, type Migration } from '../../../electron/db/migrate';
import { migrations } from '../../../electron/db/migrations';
import { openDatabase } from '../../../electron/db/open';
import { AppError } from '../../../electron/db/errors';
import { tempDatabasePath } from '../../helpers/temp';

const step = (version: number, sql: string): Migration => ({ version, name: `step ${version}`, up: (db) => db.exec(sql) });

describe('migrations', () => {
  it('are numbered 1, 2, 3 … in order', () => {
    expect(() => checkMigrationOrder(migrations)).not.toThrow();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_m, i) => i + 1));
  });

  it('refuses a list with a gap or out of order', () => {
    expect(() => checkMigrationOrder([step(1, ''), step(3, '')])).toThrow(/expected 2/);
    expect(() => checkMigrationOrder([step(2, ''), step(1, '')])).toThrow(/expected 1/);
  });

  it('opens a new file in WAL mode with foreign keys on, at the newest version', () => {
    const { db, schemaVersion: version } = openDatabase(tempDatabasePath());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(version).toBe(migrations.length);
    expect(schemaVersion(db)).toBe(migrations.length);
    db.close();
  });

  it('applies only the migrations a database does not have yet', () => {
    const file = tempDatabasePath();
    openDatabase(file, { migrations: [step(1, 'CREATE TABLE a (x INTEGER)')] }).db.close();
    const { db, schemaVersion: version } = openDatabase(file, {
      migrations: [step(1, 'CREATE TABLE a (x INTEGER)'), step(2, 'CREATE TABLE b (y INTEGER)')],
    });
    expect(version).toBe(2);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()).toEqual(['a', 'b']);
    db.close();
  });

  it('rolls a failing migration back completely and keeps the previous version', () => {
    const file = tempDatabasePath();
    openDatabase(file, { migrations: [step(1, 'CREATE TABLE a (x INTEGER)')] }).db.close();
    expect(() =>
      openDatabase(file, {
        migrations: [step(1, ''), step(2, 'CREATE TABLE b (y INTEGER); INSERT INTO missing VALUES (1)')],
      }),
    ).toThrow(/missing/);
    const db = new BetterSqlite3(file);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'b'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a database from a newer version and leaves it untouched', () => {
    const file = tempDatabasePath();
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE future (x INTEGER)');
    raw.pragma(`user_version = ${migrations.length + 5}`);
    raw.close();
    const before = readFileSync(file);

    let error: unknown;
    try {
      openDatabase(file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('database_too_new');
    expect((error as AppError).vars).toMatchObject({ found: migrations.length + 5, known: migrations.length, path: file });
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('names a file that is not a database instead of crashing', () => {
    const file = tempDatabasePath();
    writeFileSync(file, 'Das ist eine Einkaufsliste, keine Datenbank.\n'.repeat(200));
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'database_unreadable' }));
    expect(readFileSync(file, 'utf8')).toMatch(/^Das ist eine Einkaufsliste/);
  });

  it('migrate() on an already current database does nothing', () => {
    const file = tempDatabasePath();
    const { db } = openDatabase(file);
    expect(migrate(db, migrations, file)).toBe(migrations.length);
    db.close();
  });
});
