import { invitationFor, type Invitation } from '../../shared/invitations/invitation';
import type { ServiceContext } from './context';
import { getProfile } from './profile';
import { getTemplates } from './templates';
import { requireContact } from './tracking';

/** The invitation for one contact, in the contact's language and with their Du or Sie. */
export function invitationForContact(ctx: ServiceContext, id: number): Invitation {
  return invitationFor(requireContact(ctx, id), getProfile(ctx), { templates: getTemplates(ctx) });
}

/** The invitations for these contacts (all without ids), each as invitationForContact gives it. */
export function invitationsFor(ctx: ServiceContext, ids?: readonly number[]): Invitation[] {
  const profile = getProfile(ctx);
  const templates = getTemplates(ctx);
  const contacts = ids ? [...ctx.repos.contacts.byIds([...ids]).values()] : ctx.repos.contacts.all();
  return contacts.map((contact) => invitationFor(contact, profile, { templates }));
}
