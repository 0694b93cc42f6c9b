import path from 'node:path';
import { translate } from '../../../shared/i18n';
import type { RequestInput } from '../../../shared/contract';
import { stages as allStages, type Stage } from '../../../shared/model/tracking';
import { writeFileAtomically } from '../../db/temp-files';
import { send, UsageError, type CliCommand } from '../command';
import { idList } from './letters';

/**
 * The contact list as an Excel or CSV file, through export.contacts as the app asks for it: every
 * contact, those at the stages --stage names (the list's stage filter), or those --ids names. The
 * contract checks the format (exit 2 naming the field), the command the stages.
 */
export const exportCommand: CliCommand = {
  name: 'export',
  options: {
    format: { type: 'string' },
    out: { type: 'string' },
    stage: { type: 'string' },
    ids: { type: 'string' },
    json: { type: 'boolean' },
  },
  readOnly: true,
  async run(session, { values, language }, io) {
    const out = values.out as string | undefined;
    const format = values.format as string | undefined;
    if (!format) throw new UsageError('cli.export.noFormat');
    if (!out) throw new UsageError('cli.export.noOut');
    const stages = values.stage
      ? String(values.stage)
          .split(',')
          .map((stage) => stage.trim())
      : undefined;
    // The contract would refuse a wrong stage only as a wrong selection: here it is named, with the stages there are.
    const unknown = stages?.find((stage) => !(allStages as readonly string[]).includes(stage));
    if (unknown !== undefined)
      throw new UsageError('cli.import.unsupported', { option: '--stage', value: unknown, allowed: allStages.join(', ') });
    const selection: RequestInput<'export.contacts'>['selection'] = values.ids
      ? { ids: idList(values.ids) }
      : { filter: { search: '', ...(stages ? { stages: stages as Stage[] } : {}) } };
    const file = path.resolve(out);
    const exported = await send(session, 'export.contacts', { format: format as 'xlsx' | 'csv', selection });
    writeFileAtomically(file, Buffer.from(exported.data, 'base64'));
    io.out(
      values.json
        ? JSON.stringify({ file, format, count: exported.count })
        : translate(language, 'contacts.export.done', { count: exported.count, file }),
    );
    return 0;
  },
};
