import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { translate } from '../../../shared/i18n';
import { type CliCommand, send, UsageError } from '../command';

/**
 * The accountability report: `report --out <file.pdf> [--date YYYY-MM-DD] [--json]`. The PDF as the
 * app prints it; --json prints every figure (report.get), also without --out.
 */
export const reportCommand: CliCommand = {
  name: 'report',
  options: { out: { type: 'string' }, date: { type: 'string' }, json: { type: 'boolean' } },
  readOnly: true,
  async run(session, { values, language }, io) {
    const out = values.out === undefined ? null : path.resolve(String(values.out));
    if (!out && !values.json) throw new UsageError('report.cli.whereTo');
    const date = values.date === undefined ? undefined : String(values.date);
    const report = await send(session, 'report.get', { date });
    if (out) {
      const { data } = await send(session, 'report.pdf', { date });
      writeFileSync(out, Buffer.from(data, 'base64'), { mode: 0o600 });
    }
    io.out(
      values.json
        ? JSON.stringify({ ...report, ...(out ? { file: out } : {}) })
        : translate(language, 'report.cli.written', { file: out ?? '', count: report.contacts, consentsValid: report.consentsValid }),
    );
    return 0;
  },
};
