import { translate } from '../../../shared/i18n';
import { profileFieldLabel, type Invitation } from '../../../shared/invitations/invitation';
import { targets, type Target } from '../../../shared/model/tracking';
import { invitationsFor } from '../../services/invitations';
import { getSettings } from '../../services/settings';
import { UsageError, type CliCommand } from '../command';
import { idList } from './letters';

/** One invitation for people: the text and its link, or why there is nothing to send yet. */
function invitationLines(invitation: Invitation, language: 'de' | 'en'): string {
  const head = `#${invitation.id} (${invitation.channel})`;
  if (invitation.needsTarget) {
    const ask = translate(language, 'invite.cli.needsTarget', { targets: targets.join(', ') });
    const suggestion = invitation.suggestedTarget ? ` ${translate(language, 'invite.cli.suggestion', { target: invitation.suggestedTarget })}` : '';
    return `${head}\n${ask}${suggestion}`;
  }
  const notes = [];
  if (invitation.missingProfile.length) {
    const fields = invitation.missingProfile.map((field) => profileFieldLabel(field)).map(({ key, vars }) => translate(language, key, vars));
    notes.push(translate(language, 'invite.missingProfile', { fields: fields.join(', ') }));
  }
  if (invitation.noMessaging) notes.push(translate(language, `invite.noMessaging.${invitation.noMessaging.reason}`, { numbers: invitation.noMessaging.numbers.join(', ') }));
  return [head, invitation.text, ...notes, invitation.links.whatsapp ?? invitation.links.mailto ?? ''].join('\n');
}

export const invitationsCommand: CliCommand = {
  name: 'invitations',
  usage: 'invitations (--ids <id,...> | --all) [--target <Ziel>] [--json]',
  summary:
    'Zeigt die persönliche Einladung je Kontakt mit den Links zum Senden (wa.me, Messenger, E-Mail). Kontakte ohne Ziel bekommen erst mit --target einen Text (ihr eigenes Ziel geht immer vor; sonst needsTarget und suggestedTarget). Was der Text aus dem Betriebsprofil braucht, aber leer ist, steht in missingProfile (dann keine Links); warum kein WhatsApp/SMS (nur Festnetz …), in noMessaging.',
  options: { ids: { type: 'string' }, all: { type: 'boolean' }, target: { type: 'string' }, json: { type: 'boolean' } },
  readOnly: true,
  run(session, { values }, io) {
    if (!values.ids && !values.all) throw new UsageError('Für wen? --ids <id,...> oder --all angeben.');
    const target = values.target as string | undefined;
    if (target !== undefined && !(targets as readonly string[]).includes(target)) throw new UsageError(`--target: „${target}“ gibt es nicht (${targets.join(', ')}).`);
    const invitations = invitationsFor(session.ctx, values.ids ? idList(values.ids) : undefined, target as Target | undefined);
    const language = getSettings(session.ctx).language;
    io.out(values.json ? JSON.stringify(invitations) : invitations.map((invitation) => invitationLines(invitation, language)).join('\n\n'));
    return 0;
  },
};
