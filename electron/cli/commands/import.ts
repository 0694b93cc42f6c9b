import { access } from 'node:fs/promises';
import path from 'node:path';
import { translate } from '../../../shared/i18n';
import { legacyEncodings, type ImportCounts, type LegacyEncoding } from '../../../shared/model/import';
import { phoneRegions } from '../../../shared/model/settings';
import { fileSource } from '../../importers/source';
import { analyseFile, releaseAnalysis, type FileAnalysis } from '../../services/import-analysis';
import { commitAnalyses } from '../../services/import-commit';
import { summarise } from '../../services/import-preview';
import { getSettings } from '../../services/settings';
import { UsageError, type CliCommand } from '../command';

interface FileReport extends ImportCounts {
  file: string;
  format: string | null;
  encoding: string | null;
  errors: { line: number | null; message: string }[];
}

const noCounts: ImportCounts = { created: 0, updated: 0, unchanged: 0, duplicates: 0, invalid: 0 };

export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import <Datei>... [--db <Datei>] [--region DE] [--encoding windows-1250] [--dry-run] [--json]',
  summary: 'Importiert Kontaktdateien (vCard, CSV, Excel, WhatsApp-Chat). Exit 2, wenn eine Datei abgelehnt wurde.',
  options: { json: { type: 'boolean' }, region: { type: 'string' }, encoding: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  allowPositionals: true,
  async run(session, { values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError('Welche Datei? Bitte mindestens eine Datei angeben.');
    const region = (values.region as string | undefined)?.toUpperCase();
    if (region && !(phoneRegions as readonly string[]).includes(region)) {
      throw new UsageError(`--region: „${region}“ wird nicht unterstützt (${phoneRegions.join(', ')}).`);
    }
    // For text that is not UTF-8 and names no charset (otherwise read as windows-1252 or Shift_JIS).
    const legacyEncoding = (values.encoding as string | undefined)?.toLowerCase();
    if (legacyEncoding && !(legacyEncodings as readonly string[]).includes(legacyEncoding)) {
      throw new UsageError(`--encoding: „${legacyEncoding}“ wird nicht unterstützt (${legacyEncodings.join(', ')}).`);
    }
    const language = getSettings(session.ctx).language;
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
      const analysis = await analyseFile(session.ctx, await fileSource(file), { region, legacyEncoding: legacyEncoding as LegacyEncoding | undefined }, accepted);
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
        const counts = `${report.created} neu, ${report.updated} ergänzt, ${report.unchanged} unverändert, ${report.duplicates} mögliche Dubletten, ${report.invalid} ungültig`;
        io.out(`${report.file}: ${report.format ?? '–'}${report.encoding ? ` (${report.encoding})` : ''} – ${counts}`);
        for (const error of report.errors) io.out(`  ${error.line !== null ? `Zeile ${error.line}: ` : ''}${error.message}`);
      }
      if (values['dry-run']) io.out('Probelauf: nichts wurde gespeichert.');
    }
    return accepted.length < entries.length ? 2 : 0;
  },
};
