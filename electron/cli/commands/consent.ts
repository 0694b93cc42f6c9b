import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RequestInput } from '../../../shared/contract';
import { translate } from '../../../shared/i18n';
import { consentMethods, purposes, type ConsentMethod, type Purpose } from '../../../shared/model/tracking';
import { contactId, send, UsageError, type CliCommand } from '../command';
import { forScripts } from './contacts';

/**
 * Records a consent as the consent form in the app does (consents.record): purposes, date, text
 * version (by default the version of the letter last sent to the contact) and its proof, a scan or
 * a stated reason. The command line says which options are missing; the contract checks the values.
 */
export const consentCommand: CliCommand = {
  name: 'consent',
  helpVars: { purposes: purposes.join(', '), methods: consentMethods.join(', ') },
  options: {
    json: { type: 'boolean' },
    purposes: { type: 'string' },
    date: { type: 'string' },
    version: { type: 'string' },
    evidence: { type: 'string' },
    'evidence-note': { type: 'string' },
    method: { type: 'string' },
  },
  allowPositionals: true,
  async run(session, { values, positionals, language }, io) {
    const id = contactId(positionals[0]);
    const chosen = String(values.purposes ?? '')
      .split(',')
      .map((purpose) => purpose.trim())
      .filter(Boolean);
    if (chosen.length === 0) throw new UsageError('cli.consent.noPurposes', { purposes: purposes.join(', ') });
    // Each item of the list as typed (the contract could name only its place in the list).
    const unknown = chosen.filter((purpose) => !(purposes as readonly string[]).includes(purpose));
    if (unknown.length) throw new UsageError('cli.consent.unknownPurposes', { unknown: unknown.join(', '), purposes: purposes.join(', ') });
    const date = values.date as string | undefined;
    if (!date) throw new UsageError('cli.consent.noDate');
    const file = values.evidence as string | undefined;
    const note = values['evidence-note'] as string | undefined;
    if (!file === !note) throw new UsageError('cli.consent.noEvidence');
    const method = (values.method as string | undefined) ?? (file ? 'signed_letter' : 'phone');
    let evidence: RequestInput<'consents.record'>['evidence'];
    if (file) {
      try {
        // As the form uploads it: the file's name and its content in base64.
        evidence = { kind: 'scan', fileName: path.basename(file), data: readFileSync(file).toString('base64') };
      } catch (error) {
        throw new UsageError('cli.consent.unreadable', { file, reason: (error as Error).message });
      }
    } else evidence = { kind: 'note', note: note! };
    const contact = await send(session, 'consents.record', {
      contactId: id,
      purposes: chosen as Purpose[],
      givenAt: date,
      textVersion: (values.version as string | undefined) ?? null,
      method: method as ConsentMethod,
      evidence,
    });
    io.out(
      values.json
        ? JSON.stringify(forScripts(contact))
        : `${contact.displayName}: ${translate(language, `tracking.stages.${contact.stage}`)}`,
    );
    return 0;
  },
};
