import { translate } from '../../../shared/i18n';
import { addDays, formatDate, localDate } from '../../../shared/local-date';
import { restoreContact } from '../../services/contacts';
import { DELETED_CONTACTS_KEPT_DAYS, eraseContact } from '../../services/erasure';
import { getSettings } from '../../services/settings';
import { bulkChange, requireContact } from '../../services/tracking';
import type { Language } from '../../../shared/model/settings';
import type { Session } from '../../services/session';
import { contactId, refused, type CliCommand } from '../command';

/**
 * A command on one contact, named by its id: `act` does it and returns what to print (as JSON with
 * --json); a contact that does not exist, or cannot take the step, is refused with exit 2.
 */
function oneContactCommand(name: string, summary: string, act: (session: Session, id: number, language: Language, json: boolean) => string): CliCommand {
  return {
    name,
    usage: `${name} <ID> [--json]`,
    summary,
    options: { json: { type: 'boolean' } },
    allowPositionals: true,
    run(session, { values, positionals }, io) {
      const id = contactId(positionals[0]);
      const language = getSettings(session.ctx).language;
      try {
        io.out(act(session, id, language, values.json === true));
        return 0;
      } catch (error) {
        return refused(error, io, language);
      }
    },
  };
}

export const deleteCommand = oneContactCommand('delete', `Verschiebt einen Kontakt in den Papierkorb (${DELETED_CONTACTS_KEPT_DAYS} Tage wiederherstellbar).`, (session, id, language, json) => {
  const contact = requireContact(session.ctx, id);
  // The same bulk action the contact list uses: one operation its undo takes back, or `restore` this one contact.
  const { operationId } = bulkChange(session.ctx, { ids: [id] }, { kind: 'delete' });
  const restorableUntil = addDays(localDate(new Date()), DELETED_CONTACTS_KEPT_DAYS);
  if (json) return JSON.stringify({ id, deleted: true, operationId, restorableUntil });
  return translate(language, 'tracking.cli.deleted', { name: contact.displayName, date: formatDate(restorableUntil, language), id });
});

export const restoreCommand = oneContactCommand('restore', `Holt einen Kontakt aus dem Papierkorb zurück (bis ${DELETED_CONTACTS_KEPT_DAYS} Tage nach dem Löschen).`, (session, id, language, json) => {
  const contact = restoreContact(session.ctx, id);
  return json ? JSON.stringify({ id, restored: true }) : translate(language, 'tracking.cli.restored', { name: contact.displayName });
});

export const eraseCommand = oneContactCommand(
  'erase',
  'Löscht einen Kontakt sofort und endgültig (auch aus dem Papierkorb); der Verlauf behält nur „Kontakt gelöscht am …“.',
  (session, id, language, json) => {
    const result = eraseContact(session.ctx, id);
    if (json) return JSON.stringify({ ...result, erased: true });
    const lines = [translate(language, 'tracking.cli.erased', { id, date: formatDate(result.erasedOn, language) })];
    if (result.alsoErased.length > 0) lines.push(translate(language, 'tracking.cli.erasedMerged', { count: result.alsoErased.length }));
    if (!result.scrubbed) lines.push(translate(language, 'tracking.cli.notScrubbed', { path: session.ctx.databasePath }));
    return lines.join(' ');
  },
);
