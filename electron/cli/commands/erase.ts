import { translate } from '../../../shared/i18n';
import { addDays, formatDate, localDate } from '../../../shared/local-date';
import { DELETED_CONTACTS_KEPT_DAYS } from '../../services/erasure';
import { WITHDRAWN_CONSENT_PROOF_YEARS } from '../../../shared/model/erasure';
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

/**
 * Erasure at once on request (GDPR Art. 17), as the erasure on request in the contact's drawer does: the
 * contract's contacts.erase. --keep-evidence keeps the scans of withdrawn consents as proof until the
 * limitation period ends; without it they are erased with everything else.
 */
export const eraseCommand: CliCommand = {
  name: 'erase',
  helpVars: { years: WITHDRAWN_CONSENT_PROOF_YEARS },
  options: { json: { type: 'boolean' }, 'keep-evidence': { type: 'boolean' } },
  allowPositionals: true,
  async run(session, { values, positionals, language }, io) {
    const id = contactId(positionals[0]);
    const result = await send(session, 'contacts.erase', { id, keepWithdrawnEvidence: values['keep-evidence'] === true });
    if (values.json) {
      io.out(JSON.stringify({ ...result, erased: true }));
      return 0;
    }
    const lines = [translate(language, 'tracking.cli.erased', { id: String(id), date: formatDate(result.erasedOn, language) })];
    if (result.alsoErased.length > 0) lines.push(translate(language, 'tracking.cli.erasedMerged', { count: result.alsoErased.length }));
    if (result.keptEvidence.length > 0) {
      const until = result.keptEvidence
        .map((kept) => kept.keepUntil)
        .sort()
        .at(-1)!;
      lines.push(
        translate(language, 'tracking.cli.evidenceKept', { count: result.keptEvidence.length, date: formatDate(until, language) }),
      );
    }
    if (!result.scrubbed) lines.push(translate(language, 'tracking.cli.notScrubbed', { path: session.ctx.databasePath }));
    io.out(lines.join(' '));
    return 0;
  },
};
