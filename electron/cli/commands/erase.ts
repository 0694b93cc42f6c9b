import { translate } from '../../../shared/i18n';
import { addDays, formatDate, localDate } from '../../../shared/local-date';
import { DELETED_CONTACTS_KEPT_DAYS, eraseContact } from '../../services/erasure';
import type { Language } from '../../../shared/model/settings';
import type { Session } from '../../services/session';
import { contactId, refused, send, type CliCommand } from '../command';

/**
 * A command on one contact, named by its id: `act` does it and returns what to print (as JSON with
 * --json); a contact that does not exist, or cannot take the step, is refused with exit 2.
 */
function oneContactCommand(
  name: string,
  helpVars: CliCommand['helpVars'],
  act: (session: Session, id: number, language: Language, json: boolean) => string | Promise<string>,
): CliCommand {
  return {
    name,
    helpVars,
    options: { json: { type: 'boolean' } },
    allowPositionals: true,
    async run(session, { values, positionals, language }, io) {
      const id = contactId(positionals[0]);
      try {
        io.out(await act(session, id, language, values.json === true));
        return 0;
      } catch (error) {
        return refused(error, io, language);
      }
    },
  };
}

/** The delete of the contact list: contacts.bulk on this one contact, one operation its undo takes back (or `restore` this one contact). */
export const deleteCommand = oneContactCommand('delete', { days: DELETED_CONTACTS_KEPT_DAYS }, async (session, id, language, json) => {
  const { contact } = await send(session, 'contacts.get', { id });
  const { operationId } = await send(session, 'contacts.bulk', { selection: { ids: [id] }, action: { kind: 'delete' } });
  const restorableUntil = addDays(localDate(new Date()), DELETED_CONTACTS_KEPT_DAYS);
  if (json) return JSON.stringify({ id, deleted: true, operationId, restorableUntil });
  return translate(language, 'tracking.cli.deleted', {
    name: contact.displayName,
    date: formatDate(restorableUntil, language),
    id: String(id),
  });
});

/** A contact back from the bin, as the Papierkorb's "Wiederherstellen" does (contacts.restore). */
export async function undeleteContact(session: Session, id: number, language: Language, json: boolean): Promise<string> {
  const contact = await send(session, 'contacts.restore', { id });
  return json ? JSON.stringify({ id, restored: true }) : translate(language, 'tracking.cli.restored', { name: contact.displayName });
}

export const undeleteCommand = oneContactCommand('undelete', { days: DELETED_CONTACTS_KEPT_DAYS }, undeleteContact);

/** Erasure at once (GDPR Art. 17), of a contact in the list or in the bin (the app erases from the bin only: contacts.eraseFromBin). */
export const eraseCommand = oneContactCommand('erase', {}, (session, id, language, json) => {
  const result = eraseContact(session.ctx, id);
  if (json) return JSON.stringify({ ...result, erased: true });
  const lines = [translate(language, 'tracking.cli.erased', { id: String(id), date: formatDate(result.erasedOn, language) })];
  if (result.alsoErased.length > 0) lines.push(translate(language, 'tracking.cli.erasedMerged', { count: result.alsoErased.length }));
  if (!result.scrubbed) lines.push(translate(language, 'tracking.cli.notScrubbed', { path: session.ctx.databasePath }));
  return lines.join(' ');
});
