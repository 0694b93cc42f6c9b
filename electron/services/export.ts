import type { Contact } from '../../shared/model/contact';
import type { ServiceContext } from './context';
import { overdueCutoffs } from './contacts';

/**
 * The contacts with a valid WhatsApp consent (VALID_CONSENT_SQL): the only ones the business phone
 * may hold, so that WhatsApp never uploads anyone else's number.
 */
export function consentedContacts(ctx: ServiceContext): Contact[] {
  const ids = new Set(ctx.repos.contactList.ids({ ...overdueCutoffs(ctx), search: '', consented: true }));
  return ctx.repos.contacts.all().filter((contact) => ids.has(contact.id));
}
