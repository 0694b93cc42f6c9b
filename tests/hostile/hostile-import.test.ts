import BetterSqlite3 from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCsv } from '../bench/generate';
import { tempDir } from '../helpers/temp';
import { kindOf, writeNormalLike } from './normal-files';
import { textCases } from './text-files';
import type { HostileCase } from './types';
import { zipCases } from './zip-files';

/**
 * Every hostile file of issue 13 through the CLI, in a process of its own as an office would run it:
 * the exit code, the message naming the file (and its line), the peak memory of the whole process
 * (the reader's worker thread included), the time beside an ordinary file of the same size and
 * format, and a database that a refused file leaves exactly as it was.
 */

/** Peak resident memory of `cli import`, worker thread included: what an office PC must spare. */
const PEAK_MB = 400;
/** Time of a hostile file against an ordinary file of the same size and format (process start included in both). */
const TIME_RATIO = 3;
/** Below this, process start and scheduling noise dominate both times. */
const TIME_SLACK_MS = 1500;

interface Run {
  exit: number;
  ms: number;
  peakMb: number;
  report: { files: { file: string; errors: { line: number | null; message: string }[]; created: number }[] } | null;
  stderr: string;
}

function cliImport(file: string, database: string, dir: string, ...extra: string[]): Run {
  const peakFile = path.join(dir, `peak-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [
      '-r',
      path.join(import.meta.dirname, 'report-peak.cjs'),
      process.env.UMZUGSHELFER_TEST_CLI!,
      'import',
      file,
      '--db',
      database,
      '--json',
      ...extra,
    ],
    {
      encoding: 'utf8',
      // No locale: the messages matched are the German ones (the CLI answers in English under LANG=en).
      env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: '', UMZUGSHELFER_PEAK_FILE: peakFile },
      timeout: 240_000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const ms = performance.now() - started;
  let report: Run['report'] = null;
  try {
    report = JSON.parse(result.stdout) as Run['report'];
  } catch {
    report = null;
  }
  return { exit: result.status ?? -1, ms, peakMb: Number(readFileSync(peakFile, 'utf8')) / 1024, report, stderr: result.stderr };
}

/** Every row of every table, hashed: equal digests mean the import changed nothing. */
function databaseDigest(database: string): string {
  const db = new BetterSqlite3(database, { readonly: true });
  try {
    const hash = createHash('sha256');
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    for (const { name } of tables) {
      hash.update(name);
      // Sorted here: some tables have no rowid to order by.
      const rows = db
        .prepare(`SELECT * FROM "${name}"`)
        .raw()
        .all()
        .map((row) => JSON.stringify(row))
        .sort();
      for (const row of rows) hash.update(row);
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

const cases: HostileCase[] = [...zipCases, ...textCases];

describe('hostile files through `cli import`', () => {
  it('has a case for every hostile file of the probe', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    '%s',
    async (_name, hostile) => {
      const dir = tempDir('umzugshelfer-hostile-');
      const file = hostile.write(dir);
      expect(path.basename(file)).toBe(hostile.name);

      // A database with contacts in it, so "unchanged" means something.
      const database = path.join(dir, 'office.sqlite');
      const seed = path.join(dir, 'Bestand.csv');
      await writeCsv(seed, 25);
      expect(cliImport(seed, database, dir).exit).toBe(0);
      const before = databaseDigest(database);

      const run = cliImport(file, database, dir);
      expect(run.stderr).not.toMatch(/\n\s+at |Error:|RangeError|FATAL/);
      expect(run.exit, `${hostile.finding}\n${run.stderr}`).toBe(hostile.expect.exit);
      const reported = run.report?.files[0];
      expect(reported, run.stderr).toBeDefined();
      const named = reported!.errors.filter((error) => error.message.includes(hostile.name));
      const matching = named.filter((error) => hostile.expect.message.test(error.message));
      expect(matching.length, JSON.stringify(reported!.errors, null, 1)).toBeGreaterThan(0);
      if (hostile.expect.line !== undefined) expect(matching.map((error) => error.line)).toContain(hostile.expect.line);
      if (hostile.expect.exit === 2) expect(databaseDigest(database)).toBe(before);

      const normal = path.join(dir, `normal${path.extname(hostile.name) || '.txt'}`);
      await writeNormalLike(normal, kindOf(hostile.name), statSync(file).size);
      const reference = cliImport(normal, path.join(dir, 'reference.sqlite'), dir, '--dry-run');
      expect(reference.exit, reference.stderr).toBe(0);

      // The figures, for the record of what a hostile file costs beside an ordinary one.
      console.info(
        `${hostile.name}: exit ${run.exit}, ${run.ms.toFixed(0)} ms (ordinary file of the same size ${reference.ms.toFixed(0)} ms), peak ${run.peakMb.toFixed(0)} MB (ordinary ${reference.peakMb.toFixed(0)} MB)`,
      );
      expect(run.peakMb, `peak ${run.peakMb.toFixed(0)} MB`).toBeLessThan(PEAK_MB);
      expect(
        run.ms,
        `${run.ms.toFixed(0)} ms beside ${reference.ms.toFixed(0)} ms for an ordinary file of ${statSync(normal).size} bytes`,
      ).toBeLessThan(TIME_RATIO * reference.ms + TIME_SLACK_MS);
    },
    600_000,
  );
});
