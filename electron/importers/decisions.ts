import { emptyCounts, type ImportCounts, type ImportDecision } from '../../shared/model/import';
import { countKey, type PlanRow } from './import-plan';

/**
 * What the office may decide for a row of an import's preview; the first choice is what happens
 * unless it decides otherwise. Rows that found the same person earlier in the same import are one
 * contact with it and offer nothing; invalid rows offer nothing, except a chat sender the phone
 * knows only by name, who can become a contact with one click.
 */
export function choicesFor(row: PlanRow): ImportDecision[] {
  switch (row.action) {
    case 'create':
      return ['create', 'skip'];
    case 'update':
      if (row.lastMessageAt !== undefined) return ['merge', 'skip'];
      return row.existingId !== null ? ['merge', 'keepBoth', 'skip'] : [];
    case 'unchanged':
      return row.existingId !== null && row.lastMessageAt === undefined ? ['merge', 'keepBoth'] : [];
    case 'duplicate':
      // A row fitting two people kept apart belongs to neither for sure: left out unless the office says.
      return row.reason?.key === 'fitsKeptApart' ? ['skip', 'merge', 'review'] : ['review', 'merge', 'keepBoth', 'skip'];
    case 'invalid':
      return row.reason?.key === 'chatSenderUnknown' ? ['skip', 'create'] : [];
  }
}

/**
 * The office's choice for a row, with what the row matched when it was made: the commit plans files
 * again when the database moved on, and a choice made for one match is not applied to another.
 */
export interface Decision {
  decision: ImportDecision;
  seen: string;
}

/** The office's choices for an import file's rows, by the row's contact index (PlanRow.index). */
type Decisions = ReadonlyMap<number, Decision>;

const matchOf = (row: PlanRow): string => `${row.action}:${row.existingId}:${row.plannedIndex}`;

/** The office's choice for this row, if it made one for what the row matches now. */
function chosenFor(row: PlanRow, decisions: Decisions): ImportDecision | null {
  const entry = decisions.get(row.index);
  if (!entry || !choicesFor(row).includes(entry.decision)) return null;
  // Leaving a row out, or creating it, holds whatever it matches; merging or keeping apart only for the match seen.
  return entry.decision === 'skip' || entry.decision === 'create' || entry.seen === matchOf(row) ? entry.decision : null;
}

/** What will happen to a row: the office's choice when it still applies, else the default (the first choice). */
export function decisionFor(row: PlanRow, decisions: Decisions): ImportDecision | null {
  return chosenFor(row, decisions) ?? choicesFor(row)[0] ?? null;
}

/** The office decided this row itself (and the choice still applies). */
export const decidedByOffice = (row: PlanRow, decisions: Decisions): boolean => chosenFor(row, decisions) !== null;

/**
 * What a commit will write, row by row, as the preview counts it (the commit counts again against the
 * database as it then is): a skipped row counts as unchanged, a row kept as a different person as
 * created, one left to review later as a possible duplicate.
 */
export function decidedCounts(rows: readonly PlanRow[], decisions: Decisions): ImportCounts {
  const counts = emptyCounts();
  for (const row of rows) {
    const decision = decisionFor(row, decisions);
    let action = row.action;
    if (decision === 'skip') action = row.action === 'invalid' ? 'invalid' : 'unchanged';
    else if (decision === 'create' || decision === 'keepBoth') action = 'create';
    else if (decision === 'review') action = 'duplicate';
    else if (decision === 'merge' && row.action === 'duplicate') action = row.patch ? 'update' : 'unchanged';
    counts[countKey[action]] += 1;
  }
  return counts;
}

/**
 * Sets the office's decision for the rows named, or for every row offering it (of one action, when
 * given); null returns them to the defaults. "Merge" for all never reaches possible duplicates unless
 * they are the rows shown, nor rows fitting two people the office keeps apart: those are merged one
 * by one. Returns how many rows it changed.
 */
export function decide(
  rows: readonly PlanRow[],
  decisions: Map<number, Decision>,
  decision: ImportDecision | null,
  which: { rows?: readonly number[]; action?: PlanRow['action'] },
): number {
  const named = which.rows ? new Set(which.rows) : null;
  let changed = 0;
  for (const row of rows) {
    if (named ? !named.has(row.index) : which.action !== undefined && row.action !== which.action) continue;
    if (decision === null) {
      if (decisions.delete(row.index)) changed += 1;
      continue;
    }
    if (!choicesFor(row).includes(decision)) continue;
    if (
      !named &&
      decision === 'merge' &&
      (row.reason?.key === 'fitsKeptApart' || (row.action === 'duplicate' && which.action !== 'duplicate'))
    )
      continue;
    decisions.set(row.index, { decision, seen: matchOf(row) });
    changed += 1;
  }
  return changed;
}
