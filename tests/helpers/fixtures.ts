import path from 'node:path';
import { readImportFile, type FileReading, type ReadOptions } from '../../electron/importers/read';
import { fileSource } from '../../electron/importers/source';

export const fixturePath = (name: string) => path.resolve(import.meta.dirname, '..', 'unit', 'importers', 'fixtures', name);

/** A reading with its contacts as a plain array, for assertions. */
export const withCandidateList = (reading: FileReading) => ({ ...reading, candidates: [...reading.candidates.values()] });

/** Reads one fixture file exactly as an import would (default region DE). */
export async function readFixture(name: string, options: Partial<ReadOptions> = {}) {
  return withCandidateList(await readImportFile(await fileSource(fixturePath(name)), { region: 'DE', ...options }));
}

/** The candidate with this display name, or a failing lookup that names what was there. */
export function byName<T extends { displayName: string }>(list: T[], name: string): T {
  const found = list.find((item) => item.displayName === name);
  if (!found) throw new Error(`no "${name}" among ${JSON.stringify(list.map((item) => item.displayName))}`);
  return found;
}
