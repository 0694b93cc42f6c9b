import { invitationFor, type Invitation } from '../../shared/invitations/invitation';
import type { Target } from '../../shared/model/tracking';
import type { ServiceContext } from './context';
import { getProfile } from './profile';
import { getTemplates } from './templates';
import { requireContact } from './tracking';

/**
 * The invitation for one contact, in the contact's language and with their Du or Sie. `target`: for a
 * contact without one, the target the office chose for this invitation (the contact's own always wins).
 */
export function invitationForContact(ctx: ServiceContext, id: number, target?: Target): Invitation {
  return invitationFor(requireContact(ctx, id), getProfile(ctx), { templates: getTemplates(ctx), target });
}
