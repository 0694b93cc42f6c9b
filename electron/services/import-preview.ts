import { displayNumber } from '../../shared/phone';
// An import, step 2: what the preview shows of an analysed file (its summary and rows, in words).
import { legacyEncodings, type ImportFileSummary, type PreviewRow } from '../../shared/model/import';
import { translate } from '../../shared/i18n';
import { formatDate } from '../../shared/local-date';
import type { Language } from '../../shared/model/settings';
import type { PlanRow, Reason } from '../importers/import-plan';
import { choicesFor, decidedByOffice, decidedCounts, decisionFor } from '../importers/decisions';
import type { FileReading } from '../importers/read';

import { needsMapping, type FileAnalysis } from './import-analysis';

/** Text that was not UTF-8 (the encodings read, e.g. "utf-8+windows-1252"): its encoding was a guess or the user's choice. */
const hasUndeclaredLegacyText = (reading: FileReading) =>
  !reading.rejected && (reading.encoding ?? '').split('+').some((encoding) => (legacyEncodings as readonly string[]).includes(encoding));

export function summarise(index: number, analysis: FileAnalysis, language: Language): ImportFileSummary {
  const { reading, plan } = analysis;
  return {
    index,
    file: reading.name,
    format: reading.format,
    encoding: reading.encoding,
    encodingChoice: hasUndeclaredLegacyText(reading) ? { chosen: analysis.legacyEncoding } : null,
    rejected: reading.rejected,
    counts: decidedCounts(plan.rows, analysis.decisions),
    actions: plan.counts,
    issues: reading.issues.map((issue) => ({
      line: issue.line,
      message: translate(language, `import.issues.${issue.key}`, { file: reading.name, ...issue.vars }),
    })),
    columns: reading.table
      ? {
          headers: reading.table.headers,
          sampleRows: reading.table.sampleRows,
          mapping: reading.table.mapping,
          unknownColumns: reading.table.unknown,
          remembered: reading.table.remembered,
        }
      : null,
    needsMapping: needsMapping(reading),
  };
}

function reasonText(reason: Reason, language: Language): string {
  const vars = { ...reason.vars };
  if (reason.key === 'fills') {
    vars.fields = String(vars.fields ?? '')
      .split(', ')
      .filter(Boolean)
      .map((field) => translate(language, `import.fields.${field}`))
      .join(', ');
  }
  // A chat's last message day, as the office reads days.
  if (typeof vars.date === 'string') vars.date = formatDate(vars.date, language);
  return translate(language, `import.reasons.${reason.key}`, vars);
}

export function previewRows(
  analysis: FileAnalysis,
  filter: { action?: PlanRow['action']; offset: number; limit: number },
  language: Language,
): { total: number; rows: PreviewRow[] } {
  const matching = filter.action ? analysis.plan.rows.filter((row) => row.action === filter.action) : analysis.plan.rows;
  const page = matching.slice(filter.offset, filter.offset + filter.limit);
  return {
    total: matching.length,
    rows: page.map((row) => {
      const candidate = analysis.plan.store.get(row.index);
      return {
        line: row.line,
        action: row.action,
        displayName: candidate.displayName,
        organization: candidate.organization,
        phones: candidate.phones.map((p) => ({ raw: p.raw, e164: p.e164, kind: p.kind, shown: displayNumber(p.e164, p.raw) })),
        emails: candidate.emails.map((e) => ({ address: e.address, valid: e.valid })),
        reason: row.reason ? reasonText(row.reason, language) : null,
        // Negative ids are contacts an earlier file of this import creates: no link yet.
        existingId: row.existingId !== null && row.existingId > 0 ? row.existingId : null,
        existingName: row.existingName,
        row: row.index,
        decision: decisionFor(row, analysis.decisions),
        choices: choicesFor(row),
        decided: decidedByOffice(row, analysis.decisions),
      };
    }),
  };
}
