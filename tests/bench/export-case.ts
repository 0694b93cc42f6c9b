// Export of 50,000 contacts to Excel and CSV, in a process of its own: the request's service
// (electron/services/export.ts: the selection, contacts and consents in batches, the row builder, the
// writer) from a database filled by the app's import, 5,000 of them with a consent. Five runs each,
// taking turns; the peak memory is the whole process's, the 50,000 contacts imported first included.
import { contactListFile } from '../../electron/services/export';
import { fileSource } from '../../electron/importers/source';
import { analyseFile } from '../../electron/services/import-analysis';
import { commitAnalyses } from '../../electron/services/import-commit';
import { openSession } from '../../electron/services/session';

const [csv, database] = process.argv.slice(2) as [string, string];
const session = openSession({ databasePath: database, adapter: 'cli' });
commitAnalyses(session.ctx, [await analyseFile(session.ctx, await fileSource(csv))]);
const { repos } = session.ctx;
// Every tenth contact consented (two purposes), as in an office well on its way.
repos.transaction(() => {
  const ids = repos.contactList.inNameOrder(Array.from({ length: repos.contacts.lastId() }, (_, i) => i + 1));
  for (const id of ids.filter((_, i) => i % 10 === 0)) {
    repos.contacts.updateFields(id, { stage: 'consent_given', target: 'whatsapp_consent' });
    for (const purpose of ['appointments', 'site_photos'] as const)
      repos.tracking.addConsent({
        contactId: id,
        purpose,
        givenAt: '2026-11-20',
        textVersion: 'EW-2026-11',
        method: 'signed_letter',
        evidenceId: null,
        evidenceNote: 'Formular im Ordner',
      });
  }
});

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const times = { xlsx: [] as number[], csv: [] as number[] };
const sizes = { xlsx: 0, csv: 0 };
let count = 0;
for (let run = 0; run < 5; run += 1) {
  for (const format of ['xlsx', 'csv'] as const) {
    const started = performance.now();
    const file = await contactListFile(session.ctx, { format, selection: { filter: { search: '' }, except: [] } });
    times[format].push(performance.now() - started);
    sizes[format] = (file.data.length * 3) / 4 / 1024 / 1024;
    count = file.count;
  }
}
session.close();
console.log(
  JSON.stringify({
    xlsxMs: median(times.xlsx),
    csvMs: median(times.csv),
    count,
    xlsxMb: sizes.xlsx,
    csvMb: sizes.csv,
    peakMb: process.resourceUsage().maxRSS / 1024,
  }),
);
