import { translate } from '../../../shared/i18n';
import type { Invitation } from '../../../shared/invitations/invitation';
import { profileFieldLabel } from '../../../shared/invitations/profile-field';
import { targets, type Target } from '../../../shared/model/tracking';
import { allContacts } from '../../services/contacts';
import { checkInput } from '../../services/dispatch';
import { Refusal, send, UsageError, type CliCommand } from '../command';
import { idList } from './letters';

/** One invitation for people: the text and its link, or why there is nothing to send yet. */
function invitationLines(invitation: Invitation, language: 'de' | 'en'): string {
  const head = `#${invitation.id} (${invitation.channel})`;
  if (invitation.needsTarget) {
    const ask = translate(language, 'invite.cli.needsTarget', { targets: targets.join(', ') });
    const suggestion = invitation.suggestedTarget
      ? ` ${translate(language, 'invite.cli.suggestion', { target: invitation.suggestedTarget })}`
      : '';
    return `${head}\n${ask}${suggestion}`;
  }
  const notes = [];
  if (invitation.missingProfile.length) {
    const fields = invitation.missingProfile
      .map((field) => profileFieldLabel(field))
      .map(({ key, vars }) => translate(language, key, vars));
    notes.push(translate(language, 'invite.missingProfile', { fields: fields.join(', ') }));
  }
  if (invitation.noMessaging)
    notes.push(
      translate(language, `invite.noMessaging.${invitation.noMessaging.reason}`, { numbers: invitation.noMessaging.numbers.join(', ') }),
    );
  return [head, invitation.text, ...notes, invitation.links.whatsapp ?? invitation.links.mailto ?? ''].join('\n');
}

/**
 * invitations.forContact for each contact: those --ids names (in the order of their ids, each once,
 * leaving out any not in the list any more), or every contact in the order `contacts` lists them.
 */
export const invitationsCommand: CliCommand = {
  name: 'invitations',
  options: { ids: { type: 'string' }, all: { type: 'boolean' }, target: { type: 'string' }, json: { type: 'boolean' } },
  readOnly: true,
  async run(session, { values, language }, io) {
    if (!values.ids && !values.all) throw new UsageError('cli.forWhom');
    const target = values.target as Target | undefined;
    // The contract's check once, also when no contact is asked about (an empty list sends no request).
    const checked = checkInput('invitations.forContact', { id: 1, target }, language);
    if (!checked.ok) throw new Refusal(checked.code, checked.message);
    const ids = values.ids ? [...new Set(idList(values.ids))].sort((a, b) => a - b) : allContacts(session.ctx).map((contact) => contact.id);
    const invitations: Invitation[] = [];
    for (const id of ids) {
      try {
        invitations.push(await send(session, 'invitations.forContact', { id, target }));
      } catch (error) {
        if (!(error instanceof Refusal && error.code === 'not_found')) throw error;
      }
    }
    io.out(values.json ? JSON.stringify(invitations) : invitations.map((invitation) => invitationLines(invitation, language)).join('\n\n'));
    return 0;
  },
};
