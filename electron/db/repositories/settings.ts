import type { Database } from 'better-sqlite3';

export interface SettingsRepository {
  readAll(): Record<string, unknown>;
  /** Writes all given keys in one transaction. */
  writeMany(values: Record<string, unknown>): void;
}

/** Writes one setting (its value as JSON text), replacing what the key held. */
export const UPSERT_SETTING_SQL = 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value';

/** Settings are stored one key per row, the value as JSON; the service validates them. */
export function createSettingsRepository(db: Database): SettingsRepository {
  const selectAll = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
  const upsert = db.prepare<[string, string]>(UPSERT_SETTING_SQL);

  return {
    readAll(): Record<string, unknown> {
      const values: Record<string, unknown> = {};
      for (const row of selectAll.all()) values[row.key] = JSON.parse(row.value);
      return values;
    },
    writeMany: db.transaction((values: Record<string, unknown>) => {
      for (const [key, value] of Object.entries(values)) upsert.run(key, JSON.stringify(value));
    }),
  };
}
