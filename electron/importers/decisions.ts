import { emptyCounts, type ImportCounts, type ImportDecision } from '../../shared/model/import';
import { countKey, type PlanRow } from './merge';

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
      return ['review', 'merge', 'keepBoth', 'skip'];
    case 'invalid':
      return row.reason?.key === 'chatSenderUnknown' ? ['skip', 'create'] : [];
  }
}

/** The office's choices for an import file's rows, by the row's contact index (PlanRow.index). */
export type Decisions = ReadonlyMap<number, ImportDecision>;

/** What will happen to a row: the office's choice when it is one the row offers, else the default. */
export function decisionFor(row: PlanRow, decisions: Decisions): ImportDecision | null {
  const choices = choicesFor(row);
  const chosen = decisions.get(row.index);
  return chosen && choices.includes(chosen) ? chosen : (choices[0] ?? null);
}

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

/** Sets the office's decision for the rows named (all rows offering it when none are named, optionally of one action). */
export function decide(rows: readonly PlanRow[], decisions: Map<number, ImportDecision>, decision: ImportDecision, which: { rows?: readonly number[]; action?: PlanRow['action'] }): number {
  const named = which.rows ? new Set(which.rows) : null;
  let changed = 0;
  for (const row of rows) {
    if (named ? !named.has(row.index) : which.action !== undefined && row.action !== which.action) continue;
    if (!choicesFor(row).includes(decision)) continue;
    decisions.set(row.index, decision);
    changed += 1;
  }
  return changed;
}
