// Backup of a 50,000-contact database, in a process of its own: the app's backup (VACUUM INTO a
// temporary name, quick_check on a read-only connection, schema and contacts read, rename; db/backup.ts) beside SQLite's own
// VACUUM INTO of the same file, taking turns five times.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeBackup } from '../../electron/db/backup';
import { openReadOnlyFile } from '../../electron/db/open';
import { fileSource } from '../../electron/importers/source';
import { analyseFile } from '../../electron/services/import-analysis';
import { commitAnalyses } from '../../electron/services/import-commit';
import { openSession } from '../../electron/services/session';

const [csv, database] = process.argv.slice(2) as [string, string];
const session = openSession({ databasePath: database, adapter: 'cli' });
commitAnalyses(session.ctx, [await analyseFile(session.ctx, await fileSource(csv))]);
// The repositories keep their connection to themselves; the case opens the same file once more.
const BetterSqlite3 = (await import('better-sqlite3')).default;
const db = new BetterSqlite3(database);
const folder = path.join(path.dirname(database), 'bench-backups');
mkdirSync(folder, { recursive: true });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const backup: number[] = [];
const floor: number[] = [];
let contacts = 0;
let size = 0;
for (let run = 0; run < 5; run += 1) {
  const target = path.join(folder, `backup-${run}.sqlite`);
  let started = performance.now();
  const made = writeBackup(db, target, (file) => openReadOnlyFile(file));
  backup.push(performance.now() - started);
  contacts = made.contacts;
  size = made.size;
  const plain = path.join(folder, `vacuum-${run}.sqlite`);
  started = performance.now();
  db.prepare('VACUUM INTO ?').run(plain);
  floor.push(performance.now() - started);
  rmSync(target);
  rmSync(plain);
}
db.close();
session.close();
console.log(JSON.stringify({ backupMs: median(backup), floorMs: median(floor), contacts, sizeMb: size / 1024 / 1024 }));
