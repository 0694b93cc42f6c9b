import { readFileSync } from 'node:fs';
import { translate } from '../../../shared/i18n';
import { consentMethods, purposes, type ConsentMethod, type Purpose } from '../../../shared/model/tracking';
import { recordConsent, type ConsentEvidence } from '../../services/consents';
import { getSettings } from '../../services/settings';
import { contactId, refused, UsageError, type CliCommand } from '../command';
import { forScripts } from './contacts';

export const CONSENT_USAGE =
  'consent <ID> --purposes <z1,z2> --date JJJJ-MM-TT [--version <Fassung>] (--evidence <Scan.pdf|.jpg|.png> | --evidence-note <Text>) [--method <Art>] [--json]';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Records a consent as the consent form in the app does: purposes, date, text version (by default the
 * version of the letter last sent to the contact) and its proof, a scan or a stated reason.
 */
export const consentCommand: CliCommand = {
  name: 'consent',
  usage: CONSENT_USAGE,
  summary: `Erfasst eine WhatsApp-Einwilligung mit Nachweis (Zwecke: ${purposes.join(', ')}; Art: ${consentMethods.join(', ')}).`,
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
  run(session, { values, positionals }, io) {
    const id = contactId(positionals[0]);
    const chosen = String(values.purposes ?? '')
      .split(',')
      .map((purpose) => purpose.trim())
      .filter(Boolean);
    if (chosen.length === 0) throw new UsageError(`--purposes fehlt: welche Zwecke wurden angekreuzt? (${purposes.join(', ')})`);
    const unknown = chosen.filter((purpose) => !(purposes as readonly string[]).includes(purpose));
    if (unknown.length) throw new UsageError(`--purposes: „${unknown.join(', ')}“ gibt es nicht (${purposes.join(', ')}).`);
    const date = values.date as string | undefined;
    if (!date || !isoDate.test(date)) throw new UsageError(`--date: „${date ?? ''}“ ist kein Datum (JJJJ-MM-TT): an welchem Tag wurde eingewilligt?`);
    const file = values.evidence as string | undefined;
    const note = values['evidence-note'] as string | undefined;
    if (!file === !note) throw new UsageError('Ohne Nachweis keine Einwilligung: entweder --evidence <Scan des unterschriebenen Formulars> oder --evidence-note <warum es keinen gibt, z. B. „mündlich am Telefon“>.');
    const method = (values.method as string | undefined) ?? (file ? 'signed_letter' : 'phone');
    if (!(consentMethods as readonly string[]).includes(method)) throw new UsageError(`--method: „${method}“ gibt es nicht (${consentMethods.join(', ')}).`);
    let evidence: ConsentEvidence;
    if (file) {
      try {
        evidence = { kind: 'scan', fileName: file, data: readFileSync(file) };
      } catch (error) {
        throw new UsageError(`--evidence: „${file}“ lässt sich nicht lesen (${(error as Error).message}).`);
      }
    } else evidence = { kind: 'note', note: note! };
    const language = getSettings(session.ctx).language;
    try {
      const contact = recordConsent(session.ctx, id, {
        purposes: chosen as Purpose[],
        givenAt: date,
        textVersion: (values.version as string | undefined) ?? null,
        method: method as ConsentMethod,
        evidence,
      });
      io.out(values.json ? JSON.stringify(forScripts(contact)) : `${contact.displayName}: ${translate(language, `tracking.stages.${contact.stage}`)}`);
      return 0;
    } catch (error) {
      return refused(error, io, language);
    }
  },
};
