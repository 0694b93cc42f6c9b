import type { invitationRequests } from '../../shared/contract/invitations';
import type { HandlerMap } from './handler-types';
import { invitationForContact } from './invitations';
import { selectionIds } from './contacts';

export const invitationHandlers: HandlerMap<typeof invitationRequests> = {
  'invitations.forContact': (ctx, { id, target }) => invitationForContact(ctx, id, target),
  'invitations.queue': (ctx, { selection }) => ({ ids: selectionIds(ctx, selection) }),
};
