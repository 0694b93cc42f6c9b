import { access } from 'node:fs/promises';
import path from 'node:path';
import { translate } from '../../../shared/i18n';
import { legacyEncodings, type ImportCounts, type LegacyEncoding } from '../../../shared/model/import';
import { phoneRegions } from '../../../shared/model/settings';
import { fileSource } from '../../importers/source';
import { analyseFile, releaseAnalysis, type FileAnalysis } from '../../services/import-analysis';
import { commitAnalyses } from '../../services/import-commit';
import { summarise } from '../../services/import-preview';
import { UsageError, type CliCommand } from '../command';

interface FileReport extends ImportCounts {
  file: string;
  format: string | null;
  encoding: string | null;
  errors: { line: number | null; message: string }[];
}

const noCounts: ImportCounts = { created: 0, updated: 0, unchanged: 0, duplicates: 0, invalid: 0 };

/**
 * Files named on the command line, read and written by the services: the contract's import requests
 * take files uploaded in parts and decided row by row in the page. The options are checked here.
 */
export const importCommand: CliCommand = {
  name: 'import',
  options: { json: { type: 'boolean' }, region: { type: 'string' }, encoding: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  allowPositionals: true,
  async run(session, { values, positionals, language }, io) {
    if (positionals.length === 0) throw new UsageError('cli.import.noFile');
    const region = (values.region as string | undefined)?.toUpperCase();
    if (region && !(phoneRegions as readonly string[]).includes(region)) {
      throw new UsageError('cli.import.unsupported', { option: '--region', value: region, allowed: phoneRegions.join(', ') });
    }
    // For text that is not UTF-8 and names no charset (otherwise read as windows-1252 or Shift_JIS).
    const legacyEncoding = (values.encoding as string | undefined)?.toLowerCase();
    if (legacyEncoding && !(legacyEncodings as readonly string[]).includes(legacyEncoding)) {
      throw new UsageError('cli.import.unsupported', { option: '--encoding', value: legacyEncoding, allowed: legacyEncodings.join(', ') });
    }
    const entries: { report: FileReport; analysis: FileAnalysis | null }[] = [];
    const accepted: FileAnalysis[] = [];
    for (const file of positionals) {
      try {
        await access(file);
      } catch {
        const message = translate(language, 'import.issues.notFound', { file: path.basename(file) });
        entries.push({ report: { file, format: null, encoding: null, ...noCounts, errors: [{ line: null, message }] }, analysis: null });
        continue;
      }
      const analysis = await analyseFile(
        session.ctx,
        await fileSource(file),
        { region, legacyEncoding: legacyEncoding as LegacyEncoding | undefined },
        accepted,
      );
      const summary = summarise(entries.length, analysis, language);
      entries.push({
        report: { file, format: summary.format, encoding: summary.encoding, ...summary.counts, errors: summary.issues },
        analysis: analysis.reading.rejected ? null : analysis,
      });
      if (!analysis.reading.rejected) accepted.push(analysis);
    }

    if (!values['dry-run']) {
      // One transaction for all files; its counts are the truth (it plans again as it writes).
      const committed = commitAnalyses(session.ctx, accepted);
      for (const entry of entries) {
        const index = entry.analysis ? accepted.indexOf(entry.analysis) : -1;
        if (index >= 0) Object.assign(entry.report, committed[index]!.record.counts);
      }
    }

    for (const analysis of accepted) releaseAnalysis(analysis);
    const reports = entries.map((entry) => entry.report);
    if (values.json) io.out(JSON.stringify({ files: reports }));
    else {
      for (const report of reports) {
        // As numbers are written on the command line (10000, not 10.000).
        const counts = translate(language, 'cli.import.counts', {
          created: String(report.created),
          updated: String(report.updated),
          unchanged: String(report.unchanged),
          duplicates: String(report.duplicates),
          invalid: String(report.invalid),
        });
        io.out(`${report.file}: ${report.format ?? '–'}${report.encoding ? ` (${report.encoding})` : ''} – ${counts}`);
        for (const error of report.errors)
          io.out(
            `  ${error.line !== null ? translate(language, 'cli.import.line', { line: String(error.line), message: error.message }) : error.message}`,
          );
      }
      if (values['dry-run']) io.out(translate(language, 'cli.import.dryRun'));
    }
    return accepted.length < entries.length ? 2 : 0;
  },
};
