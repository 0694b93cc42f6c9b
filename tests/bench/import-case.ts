// One measurement in a process of its own, so its peak memory is its own:
//   import  the real import: read, decode, parse, normalise numbers, plan, commit with undo records
//   in-thread  the same with the file read in this thread instead of the reader's worker thread
//   floor   read + split + bare prepared insert of the same rows (contacts, numbers, e-mails,
//           addresses) into the same schema: what writing this data costs with no logic at all
//   minimal read + split + insert of one row per contact into a table without indexes
import BetterSqlite3 from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { openDatabase } from '../../electron/db/open';
import { readImportFile } from '../../electron/importers/read';
import type { readImportFileIsolated } from '../../electron/importers/read-isolated';
import { fileSource } from '../../electron/importers/source';
import { analyseFile } from '../../electron/services/import-analysis';
import { commitAnalyses, commitAnalysesInSlices } from '../../electron/services/import-commit';
import { openSession } from '../../electron/services/session';

const [mode, format, file, database] = process.argv.slice(2) as [
  'import' | 'in-thread' | 'floor' | 'minimal',
  'csv' | 'vcard',
  string,
  string,
];

interface Row {
  given: string;
  family: string;
  company: string;
  phones: string[];
  email: string;
  street: string;
  zip: string;
  city: string;
}

/** The generated files' fields, split without any decoding or validation. */
function split(text: string): Row[] {
  const rows: Row[] = [];
  if (format === 'csv') {
    for (const line of text.split('\r\n').slice(1)) {
      if (!line) continue;
      const f = line.split(';');
      rows.push({
        given: f[0]!,
        family: f[1]!,
        company: f[2]!,
        phones: f[4] ? [f[3]!, f[4]] : [f[3]!],
        email: f[5]!,
        street: f[6]!,
        zip: f[7]!,
        city: f[8]!,
      });
    }
    return rows;
  }
  for (const card of text.split('END:VCARD\r\n')) {
    if (!card.trim()) continue;
    const row: Row = { given: '', family: '', company: '', phones: [], email: '', street: '', zip: '', city: '' };
    for (const line of card.split('\r\n')) {
      const value = line.slice(line.indexOf(':') + 1);
      if (line.startsWith('N:')) [row.family, row.given] = value.split(';') as [string, string];
      else if (line.startsWith('ORG:')) row.company = value;
      else if (line.startsWith('TEL')) row.phones.push(value);
      else if (line.startsWith('EMAIL')) row.email = value;
      else if (line.startsWith('ADR')) {
        const parts = value.split(';');
        [row.street, row.city, row.zip] = [parts[2]!, parts[3]!, parts[5]!];
      }
    }
    rows.push(row);
  }
  return rows;
}

/** The file read in this thread, as before the reader moved to a worker (for the worker's cost). */
const readInThread: typeof readImportFileIsolated = (source, { rememberedMappings, signal: _signal, heapMb: _heapMb, ...options }) => {
  const remembered = new Map(rememberedMappings);
  return readImportFile(source, { ...options, rememberedMapping: (signature) => remembered.get(signature) ?? null });
};

async function importFile(inThread = false): Promise<number> {
  const session = openSession({ databasePath: database, adapter: 'cli' });
  const started = performance.now();
  // As the UI imports (reader in a worker, written in time slices), or as before issue 13.
  const analysis = await analyseFile(session.ctx, await fileSource(file), inThread ? { read: readInThread } : {});
  const [committed] = inThread ? commitAnalyses(session.ctx, [analysis]) : await commitAnalysesInSlices(session.ctx, [analysis]);
  const elapsed = performance.now() - started;
  if (committed!.record.counts.created !== analysis.plan.rows.length) throw new Error('not every row was created');
  session.close();
  return elapsed;
}

function floor(): number {
  const { db } = openDatabase(database);
  const contact = db.prepare('INSERT INTO contacts (display_name, given_name, family_name, organization) VALUES (?, ?, ?, ?)');
  const phone = db.prepare('INSERT INTO contact_phones (contact_id, position, e164, raw, label, kind) VALUES (?, ?, ?, ?, ?, ?)');
  const email = db.prepare('INSERT INTO contact_emails (contact_id, position, address) VALUES (?, 0, ?)');
  const address = db.prepare('INSERT INTO contact_addresses (contact_id, position, street, postal_code, city) VALUES (?, 0, ?, ?, ?)');
  const started = performance.now();
  const rows = split(readFileSync(file, 'utf8'));
  db.transaction(() => {
    for (const row of rows) {
      const id = contact.run(`${row.given} ${row.family}`, row.given, row.family, row.company || null).lastInsertRowid;
      for (const [position, raw] of row.phones.entries()) phone.run(id, position, raw, raw, null, 'other');
      email.run(id, row.email);
      address.run(id, row.street, row.zip, row.city);
    }
  })();
  const elapsed = performance.now() - started;
  db.close();
  return elapsed;
}

function minimal(): number {
  const db = new BetterSqlite3(database);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE rows (a TEXT, b TEXT, c TEXT, d TEXT, e TEXT, f TEXT, g TEXT, h TEXT, i TEXT)');
  const insert = db.prepare('INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const started = performance.now();
  const rows = split(readFileSync(file, 'utf8'));
  db.transaction(() => {
    for (const r of rows)
      insert.run(r.given, r.family, r.company, r.phones[0] ?? null, r.phones[1] ?? null, r.email, r.street, r.zip, r.city);
  })();
  const elapsed = performance.now() - started;
  db.close();
  return elapsed;
}

const elapsed = mode === 'import' || mode === 'in-thread' ? await importFile(mode === 'in-thread') : mode === 'floor' ? floor() : minimal();
// maxRSS is in kilobytes: the whole process's peak, runtime included.
console.log(JSON.stringify({ ms: elapsed, peakMb: process.resourceUsage().maxRSS / 1024 }));
