import { invitationFor, type Invitation } from '../../shared/invitations/invitation';
import type { ServiceContext } from './context';
import { getProfile } from './profile';
import { getTemplates } from './templates';
import { requireContact } from './tracking';

/** The invitation for one contact, in German (the language of the office's customers). */
export function invitationForContact(ctx: ServiceContext, id: number): Invitation {
  return invitationFor(requireContact(ctx, id), getProfile(ctx), { language: 'de', templates: getTemplates(ctx) });
}
