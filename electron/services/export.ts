import type { Contact } from '../../shared/model/contact';
import type { ServiceContext } from './context';

/**
 * The contacts whose WhatsApp consent is given and not withdrawn: the only ones the business phone
 * may hold, so that WhatsApp never uploads anyone else's number.
 */
export function consentedContacts(ctx: ServiceContext): Contact[] {
  return ctx.repos.contacts
    .all()
    .filter((contact) => contact.stage === 'consent_given' && ctx.repos.tracking.consents(contact.id).some((consent) => !consent.withdrawnAt));
}
