import type { RequestOutput } from '../../shared/contract';
import { localToday } from '../../shared/local-date';
import type { Contact } from '../../shared/model/contact';
import { toVcard } from '../exporters/vcard';
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

/** The consented contacts as the vCard file for the business phone's address book (base64), named with today's date. */
export function consentedContactsFile(ctx: ServiceContext): RequestOutput<'export.consented'> {
  const contacts = consentedContacts(ctx);
  return {
    fileName: `Firmenhandy-Einwilligungen-${localToday()}.vcf`,
    data: Buffer.from(toVcard(contacts)).toString('base64'),
    count: contacts.length,
  };
}
