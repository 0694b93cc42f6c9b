import { formatDateTime } from '../../../shared/local-date';
import { stages, type HistoryEntryView, type InvitationChannel, type Messenger, type Stage } from '../../../shared/model/tracking';
import { historyView } from '../../services/contact-detail';
import { requireContact } from '../../services/tracking';
import { translate } from '../../../shared/i18n';
import { contactId, refused, send, usageOf, UsageError, type CliCommand } from '../command';
import { forScripts } from './contacts';

/** contacts.setStage: the stage and what goes with it are the contract's to check, the step the rules'. */
export const setStageCommand: CliCommand = {
  name: 'set-stage',
  helpVars: { stages: stages.join(', ') },
  options: {
    json: { type: 'boolean' },
    messenger: { type: 'string' },
    channel: { type: 'string' },
    date: { type: 'string' },
    'letter-version': { type: 'string' },
  },
  allowPositionals: true,
  async run(session, { values, positionals, language }, io) {
    const [idText, stage] = positionals;
    const id = contactId(idText);
    if (!stage) throw new UsageError('cli.setStage.noStage');
    if (stage === 'consent_given') {
      io.err(
        `${translate(language, 'cli.setStage.consentNeedsProof')}\n  npm run --silent cli -- ${usageOf({ name: 'consent' }, language)}`,
      );
      return 2;
    }
    const contact = await send(session, 'contacts.setStage', {
      id,
      change: {
        stage: stage as Stage,
        messenger: values.messenger as Messenger | undefined,
        channel: values.channel as InvitationChannel | undefined,
        date: values.date as string | undefined,
        letterVersion: values['letter-version'] as string | undefined,
      },
    });
    io.out(
      values.json
        ? JSON.stringify(forScripts(contact))
        : `${contact.displayName}: ${translate(language, `tracking.stages.${contact.stage}`)}`,
    );
    return 0;
  },
};

/** One entry as a line for people: the local time as the office reads it (04.12.2026, 14:30), then what happened. */
function historyLine(entry: HistoryEntryView, language: 'de' | 'en'): string {
  const empty = translate(language, 'tracking.empty');
  const changes = entry.changes.map((change) => `${change.field}: ${change.before ?? empty} → ${change.after ?? empty}`).join('; ');
  return `${formatDateTime(entry.at, language)}  ${entry.text}${changes ? ` – ${changes}` : ''}`;
}

/**
 * The services' history in the CLI's language: contacts.get has it too, but in the settings'
 * language and not for an erased contact, whose history is the entry saying when it was deleted.
 */
export const historyCommand: CliCommand = {
  name: 'history',
  options: { json: { type: 'boolean' } },
  allowPositionals: true,
  readOnly: true,
  run(session, { values, positionals, language }, io) {
    const id = contactId(positionals[0]);
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
