import { formatDateTime } from '../../../shared/local-date';
import { messengers, stages, invitationChannels, type HistoryEntryView, type Stage } from '../../../shared/model/tracking';
import { historyView } from '../../services/contact-detail';
import { getSettings } from '../../services/settings';
import { requireContact, setStage } from '../../services/tracking';
import { translate } from '../../../shared/i18n';
import { contactId, refused, UsageError, type CliCommand } from '../command';
import { forScripts } from './contacts';
import { CONSENT_USAGE } from './consent';

const oneOf = <T extends string>(value: unknown, allowed: readonly T[], option: string): T | undefined => {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(String(value))) throw new UsageError(`${option}: „${String(value)}“ gibt es nicht (${allowed.join(', ')}).`);
  return value as T;
};


export const setStageCommand: CliCommand = {
  name: 'set-stage',
  usage: 'set-stage <ID> <Stand> [--messenger <m>] [--channel <k>] [--date JJJJ-MM-TT] [--letter-version <v>] [--json]',
  summary: `Setzt den Stand eines Kontakts (${stages.join(', ')}).`,
  options: { json: { type: 'boolean' }, messenger: { type: 'string' }, channel: { type: 'string' }, date: { type: 'string' }, 'letter-version': { type: 'string' } },
  allowPositionals: true,
  run(session, { values, positionals }, io) {
    const [idText, stageText] = positionals;
    const id = contactId(idText);
    const stage = oneOf<Stage>(stageText, stages, 'Stand');
    if (!stage) throw new UsageError('Welcher Stand? Zum Beispiel: set-stage 12 invited');
    if (stage === 'consent_given') {
      io.err(`Eine Einwilligung wird nur mit ihrem Nachweis erfasst (Zwecke, Datum, Textfassung, Scan oder Begründung):\n  npm run --silent cli -- ${CONSENT_USAGE}`);
      return 2;
    }
    const date = values.date as string | undefined;
    if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError(`--date: „${date}“ ist kein Datum (JJJJ-MM-TT).`);
    const language = getSettings(session.ctx).language;
    try {
      const contact = setStage(session.ctx, id, {
        stage,
        messenger: oneOf(values.messenger, messengers, '--messenger'),
        channel: oneOf(values.channel, invitationChannels, '--channel'),
        date,
        letterVersion: values['letter-version'] as string | undefined,
      });
      io.out(values.json ? JSON.stringify(forScripts(contact)) : `${contact.displayName}: ${translate(language, `tracking.stages.${contact.stage}`)}`);
      return 0;
    } catch (error) {
      return refused(error, io, language);
    }
  },
};

/** One entry as a line for people: the local time as the office reads it (04.12.2026, 14:30), then what happened. */
function historyLine(entry: HistoryEntryView, language: 'de' | 'en'): string {
  const empty = translate(language, 'tracking.empty');
  const changes = entry.changes.map((change) => `${change.field}: ${change.before ?? empty} → ${change.after ?? empty}`).join('; ');
  return `${formatDateTime(entry.at, language)}  ${entry.text}${changes ? ` – ${changes}` : ''}`;
}

export const historyCommand: CliCommand = {
  name: 'history',
  usage: 'history <ID> [--json]',
  summary: 'Zeigt den Verlauf eines Kontakts (jede Änderung mit Zeit, vorher und nachher).',
  options: { json: { type: 'boolean' } },
  allowPositionals: true,
  readOnly: true,
  run(session, { values, positionals }, io) {
    const id = contactId(positionals[0]);
    const language = getSettings(session.ctx).language;
    try {
      // An erased contact is nothing but its id and the entry saying when it was deleted.
      const contact = session.ctx.repos.contacts.isErased(id) ? { id } : requireContact(session.ctx, id);
      const entries = historyView(session.ctx, contact, language);
      if (values.json) io.out(JSON.stringify(entries));
      else for (const entry of entries) io.out(historyLine(entry, language));
      return 0;
    } catch (error) {
      return refused(error, io, language);
    }
  },
};
