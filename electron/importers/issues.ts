import type { ImportIssue } from './types';

/** Issues of one kind named one by one with their line; the rest are counted in one more issue. */
export const LISTED_LINE_ISSUES = 20;

/** The issues a damaged or hostile file can raise on every line, and the key of each one's summary. */
const summaryKeys = {
  valueTooLong: 'moreValuesTooLong',
  lineTooLong: 'moreLinesTooLong',
  invalidText: 'moreInvalidText',
  controlCharacters: 'moreControlCharacters',
} as const;

export type LineIssueKey = keyof typeof summaryKeys;

interface Tally {
  listedLines: Set<number>;
  unlisted: number;
  lastLine: number;
  vars: Record<string, string | number>;
}

/**
 * Issues a file may raise on thousands of lines (a value cut, a line skipped, text not valid in its
 * encoding, controls removed): each line once per kind, the first LISTED_LINE_ISSUES of each kind with their line, the
 * rest counted in one summary issue per kind, so that the report of a hostile file stays short.
 */
export class LineIssues {
  private readonly listed: ImportIssue[] = [];
  private readonly tallies = new Map<LineIssueKey, Tally>();

  note(key: LineIssueKey, line: number, vars: Record<string, string | number> = {}): void {
    let tally = this.tallies.get(key);
    if (!tally) this.tallies.set(key, (tally = { listedLines: new Set(), unlisted: 0, lastLine: 0, vars }));
    if (tally.listedLines.has(line) || tally.lastLine === line) return;
    tally.lastLine = line;
    if (tally.listedLines.size < LISTED_LINE_ISSUES) {
      tally.listedLines.add(line);
      this.listed.push({ line, key, vars: { ...vars, line } });
    } else tally.unlisted += 1;
  }

  /** The issues noted so far, in the order they came, and a summary per kind that had more. */
  issues(): ImportIssue[] {
    const summaries: ImportIssue[] = [];
    for (const [key, tally] of this.tallies) {
      if (tally.unlisted > 0) summaries.push({ line: null, key: summaryKeys[key], vars: { ...tally.vars, count: tally.unlisted } });
    }
    return [...this.listed, ...summaries];
  }
}

/** An encoding's name as people write it, for messages ("UTF-8", "Shift_JIS", "Windows-1250"). */
export function encodingLabel(encoding: string): string {
  const lower = encoding.toLowerCase();
  if (lower.startsWith('utf-16')) return 'UTF-16';
  if (lower === 'shift_jis') return 'Shift_JIS';
  if (lower.startsWith('windows-')) return `Windows-${lower.slice('windows-'.length)}`;
  return encoding.toUpperCase();
}
