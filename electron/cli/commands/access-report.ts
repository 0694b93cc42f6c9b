import path from 'node:path';
import { translate } from '../../../shared/i18n';
import { writeFileAtomically } from '../../db/temp-files';
import { findBrowser } from '../../printing/chromium';
import { contactId, send, UsageError, type CliCommand } from '../command';
import { writeFailureReason } from './letters';

/**
 * "Auskunft" (GDPR Art. 15) for one contact, through the contract's contacts.accessReport: the PDF
 * to hand to the person written to --out; with --json, the same data as JSON beside it (same name,
 * .json), and the answer as JSON. It writes: the request answered goes into the person's history.
 */
export const accessReportCommand: CliCommand = {
  name: 'access-report',
  options: { out: { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  async run(session, { values, positionals, language }, io) {
    const id = contactId(positionals[0]);
    const out = values.out as string | undefined;
    if (!out) throw new UsageError('cli.accessReport.noOut');
    if (!findBrowser()) {
      io.err(translate(language, 'letters.errors.noBrowser'));
      return 2;
    }
    const file = path.resolve(out);
    const pdf = await send(session, 'contacts.accessReport', { id, format: 'pdf' });
    const json = values.json ? await send(session, 'contacts.accessReport', { id, format: 'json' }) : null;
    const jsonFile = json ? file.replace(/(\.pdf)?$/i, '.json') : null;
    for (const [target, answer] of [
      [file, pdf],
      [jsonFile, json],
    ] as const) {
      if (!target || !answer) continue;
      try {
        writeFileAtomically(target, Buffer.from(answer.data, 'base64'));
      } catch (error) {
        io.err(translate(language, 'cli.accessReport.writeFailed', { file: target, reason: writeFailureReason(language, error) }));
        return 1;
      }
    }
    if (json) io.out(JSON.stringify({ id, file, jsonFile, report: JSON.parse(Buffer.from(json.data, 'base64').toString('utf8')) }));
    else io.out(translate(language, 'cli.accessReport.done', { file }));
    return 0;
  },
};
