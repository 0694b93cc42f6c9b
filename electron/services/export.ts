import type { RequestOutput, ValidInput } from '../../shared/contract';
import { translate } from '../../shared/i18n';
import { localToday } from '../../shared/local-date';
import type { Contact } from '../../shared/model/contact';
import { timeSlices } from '../db/time-slices';
import { exportColumns, exportRow } from '../exporters/contact-rows';
import { ContactsCsvWriter } from '../exporters/contacts-csv';
import { ContactsXlsxWriter } from '../exporters/contacts-xlsx';
import { toVcard } from '../exporters/vcard';
import type { ServiceContext } from './context';
import { overdueCutoffs, selectionIds } from './contacts';
import { messageLanguage } from './settings';

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

/** Contacts loaded (with numbers, e-mails, addresses, tags, consents) per query: 50,000 never lie in memory as objects at once. */
const EXPORT_BATCH = 1000;

/**
 * The contact list as an Excel or CSV file (base64): the contacts of the selection (chosen ones, or
 * what a filter of the list finds, exactly as the list finds it: selectionIds), by name as the list
 * sorts by default. Written in batches that give way to other requests every few milliseconds (a
 * search in the list stays quick while 50,000 contacts are written); a contact deleted meanwhile is
 * left out, and `count` says how many the file holds.
 */
export async function contactListFile(
  ctx: ServiceContext,
  { format, selection }: ValidInput<'export.contacts'>,
): Promise<RequestOutput<'export.contacts'>> {
  const ids = ctx.repos.contactList.inNameOrder(selectionIds(ctx, selection));
  const language = messageLanguage(ctx);
  const columns = exportColumns(language);
  const writer =
    format === 'xlsx' ? new ContactsXlsxWriter(columns, translate(language, 'export.sheetName')) : new ContactsCsvWriter(columns);
  const pause = timeSlices();
  let count = 0;
  for (let start = 0; start < ids.length; start += EXPORT_BATCH) {
    const batch = ids.slice(start, start + EXPORT_BATCH);
    const contacts = ctx.repos.contacts.byIds(batch);
    const consents = ctx.repos.tracking.consentsOfContacts(batch);
    for (const id of batch) {
      const contact = contacts.get(id);
      if (!contact) continue;
      writer.addRow(exportRow(contact, consents.get(id) ?? [], language));
      count += 1;
    }
    const turn = pause();
    if (turn !== undefined) await turn;
  }
  const data = await writer.finish();
  return { fileName: `${translate(language, 'export.fileName', { date: localToday() })}.${format}`, data: data.toString('base64'), count };
}
