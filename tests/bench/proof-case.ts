// The proof an office shows, over 50,000 contacts, 10,000 of them with a valid consent, in a process
// of its own: the Handy-Abgleich of a phone's exported address book (reading the vCard in the
// import's isolated reader, the comparison, storing the counts; services/phone-check.ts), five times,
// and the accountability report as PDF (services/report.ts, Chromium), three times.
import { readFileSync } from 'node:fs';
import { bufferSource, fileSource } from '../../electron/importers/source';
import { recordConsents } from '../../electron/services/consents';
import { analyseFile } from '../../electron/services/import-analysis';
import { commitAnalyses } from '../../electron/services/import-commit';
import { checkPhoneBook } from '../../electron/services/phone-check';
import { accountabilityReportPdf } from '../../electron/services/report';
import { openSession } from '../../electron/services/session';
import { localToday } from '../../shared/local-date';

const [csv, vcf, database] = process.argv.slice(2) as [string, string, string];
const session = openSession({ databasePath: database, adapter: 'cli' });
commitAnalyses(session.ctx, [await analyseFile(session.ctx, await fileSource(csv))]);
recordConsents(
  session.ctx,
  // Every fifth contact, so the phone holds both kinds.
  { ids: Array.from({ length: 10_000 }, (_, i) => i * 5 + 1) },
  { purposes: ['appointments'], givenAt: '2026-11-20', method: 'signed_letter', evidence: { kind: 'note', note: 'Bench' } },
);
const bytes = readFileSync(vcf);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const times: number[] = [];
let result: Awaited<ReturnType<typeof checkPhoneBook>> | undefined;
for (let run = 0; run < 5; run += 1) {
  const started = performance.now();
  result = await checkPhoneBook(session.ctx, bufferSource('Handy.vcf', bytes), null);
  times.push(performance.now() - started);
}
const reportTimes: number[] = [];
let reportPages = 0;
for (let run = 0; run < 3; run += 1) {
  const started = performance.now();
  const { data, report } = await accountabilityReportPdf(session.ctx, localToday());
  reportTimes.push(performance.now() - started);
  reportPages = (
    Buffer.from(data, 'base64')
      .toString('latin1')
      .match(/\/Type\s*\/Page[^s]/g) ?? []
  ).length;
  if (report.annex.length !== 10_000) throw new Error(`the annex lists ${report.annex.length} contacts, not 10,000`);
}
session.close();
console.log(
  JSON.stringify({
    reportMs: median(reportTimes),
    reportPages,
    ms: median(times),
    numbers: result!.numbers,
    ok: result!.ok,
    withoutConsent: result!.withoutConsent.length,
    consentedMissing: result!.consentedMissing.length,
  }),
);
