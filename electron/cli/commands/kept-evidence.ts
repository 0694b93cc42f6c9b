import path from 'node:path';
import { translate } from '../../../shared/i18n';
import { formatDate } from '../../../shared/local-date';
import { writeFileAtomically } from '../../db/temp-files';
import { readRetainedEvidence, retainedEvidence } from '../../services/erasure';
import { refused, type CliCommand, UsageError } from '../command';

/**
 * The proof of withdrawn consents kept after an erasure on request (`erase --keep-evidence`), by the
 * services: the app has no view of it (nobody needs it until a claim is made), so the contract has no
 * request. Without an id it lists what is kept; with an id and --out it writes that scan, to show an
 * authority or a court.
 */
export const keptEvidenceCommand: CliCommand = {
  name: 'kept-evidence',
  options: { out: { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  readOnly: true,
  run(session, { values, positionals, language }, io) {
    if (positionals[0] === undefined) {
      const kept = retainedEvidence(session.ctx);
      if (values.json) io.out(JSON.stringify(kept));
      else if (kept.length === 0) io.out(translate(language, 'cli.keptEvidence.none'));
      else
        for (const proof of kept) {
          io.out(
            translate(language, 'cli.keptEvidence.line', {
              id: proof.id,
              contact: proof.contactId,
              purposes: proof.consents.map((consent) => translate(language, `tracking.purposes.${consent.purpose}`)).join(', '),
              withdrawn: proof.consents.map((consent) => formatDate(consent.withdrawnAt, language)).join(', '),
              until: formatDate(proof.keepUntil, language),
            }),
          );
        }
      return 0;
    }
    const id = Number(positionals[0]);
    if (!Number.isInteger(id) || id <= 0) throw new UsageError('cli.keptEvidence.notId', { text: positionals[0] });
    const out = values.out as string | undefined;
    if (!out) throw new UsageError('cli.keptEvidence.noOut');
    try {
      const file = readRetainedEvidence(session.ctx, id);
      const target = path.resolve(out);
      writeFileAtomically(target, file.data);
      io.out(
        values.json
          ? JSON.stringify({ id, file: target, mime: file.mime, size: file.data.length })
          : translate(language, 'cli.keptEvidence.written', { file: target }),
      );
      return 0;
    } catch (error) {
      return refused(error, io, language);
    }
  },
};
