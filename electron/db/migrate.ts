import type { Database } from 'better-sqlite3';
import { AppError } from './errors';

export interface Migration {
  /** 1, 2, 3 … without gaps; stored in PRAGMA user_version once applied. */
  version: number;
  name: string;
  up: (db: Database) => void;
}

/** Refuses a list that is out of order, has gaps or repeats a number (checked at every start). */
export function checkMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration "${migration.name}" has version ${migration.version}, expected ${index + 1}: migrations must be numbered 1, 2, 3 … in order.`,
      );
    }
  });
}

export const schemaVersion = (db: Database): number => db.pragma('user_version', { simple: true }) as number;

/** Throws before anything is written when the file comes from a newer app version. */
export function refuseNewerDatabase(db: Database, migrations: readonly Migration[], databasePath: string): number {
  const known = migrations.length;
  const found = schemaVersion(db);
  if (found > known) {
    throw new AppError('database_too_new', 'errors.database_too_new', { path: databasePath, found, known });
  }
  return found;
}

/**
 * Brings the database up to the newest schema, each migration in its own transaction together with
 * its user_version, so a failure leaves the previous version intact. A database written by a newer
 * version of the app is refused untouched.
 */
export function migrate(db: Database, migrations: readonly Migration[], databasePath: string): number {
  checkMigrationOrder(migrations);
  const found = refuseNewerDatabase(db, migrations, databasePath);
  for (const migration of migrations.slice(found)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return schemaVersion(db);
}
