import { invitationsFor } from '../../services/invitations';
import { UsageError, type CliCommand } from '../command';
import { idList } from './letters';

export const invitationsCommand: CliCommand = {
  name: 'invitations',
  usage: 'invitations (--ids <id,...> | --all) [--json]',
  summary: 'Zeigt die persönliche Einladung je Kontakt mit den Links zum Senden (wa.me, Messenger, E-Mail).',
  options: { ids: { type: 'string' }, all: { type: 'boolean' }, json: { type: 'boolean' } },
  run(session, { values }, io) {
    if (!values.ids && !values.all) throw new UsageError('Für wen? --ids <id,...> oder --all angeben.');
    const invitations = invitationsFor(session.ctx, values.ids ? idList(values.ids) : undefined);
    io.out(values.json ? JSON.stringify(invitations) : invitations.map((i) => `#${i.id} (${i.channel})\n${i.text}\n${i.links.whatsapp ?? i.links.mailto ?? ''}`).join('\n\n'));
    return 0;
  },
};
