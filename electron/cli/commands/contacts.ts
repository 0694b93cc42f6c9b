import { translate } from '../../../shared/i18n';
import { formatDate, localDateOf } from '../../../shared/local-date';
import type { Contact } from '../../../shared/model/contact';
import { allContacts, binContacts } from '../../services/contacts';
import type { CliCommand } from '../command';

/** The stable JSON shape scripts rely on. */
export const forScripts = (contact: Contact) => ({
  id: contact.id,
  displayName: contact.displayName,
  givenName: contact.givenName,
  familyName: contact.familyName,
  organization: contact.organization,
  phones: contact.phones.map((phone) => ({ e164: phone.e164, raw: phone.raw, label: phone.label, kind: phone.kind })),
  emails: contact.emails.map((email) => email.address),
  kind: contact.kind,
  language: contact.language,
  formal: contact.formal,
  status: contact.stage,
  stage: contact.stage,
  target: contact.target,
  messenger: contact.messenger,
  messengerId: contact.messengerId,
  tags: contact.tags,
  onWhatsapp: contact.onWhatsapp,
});

/**
 * Every contact with its numbers and addresses, as the services give them: no request answers with
 * the whole list (contacts.list is a page of the table's rows, without numbers, e-mails or language).
 */
export const contactsCommand: CliCommand = {
  name: 'contacts',
  options: { json: { type: 'boolean' }, deleted: { type: 'boolean' } },
  readOnly: true,
  run(session, { values, language }, io) {
    if (values.deleted) {
      // The whole bin: contacts.deleted gives the app's list its first 1,000.
      const bin = binContacts(session.ctx, Number.MAX_SAFE_INTEGER).contacts;
      if (values.json) io.out(JSON.stringify(bin.map((contact) => ({ ...contact, deletedOn: localDateOf(contact.deletedAt) }))));
      else if (bin.length === 0) io.out(translate(language, 'cli.contacts.binEmpty'));
      else
        for (const contact of bin)
          io.out(
            [
              contact.id,
              contact.displayName,
              contact.organization ?? '',
              formatDate(contact.deletedAt, language),
              formatDate(contact.purgeOn, language),
            ].join('\t'),
          );
      return 0;
    }
    const contacts = allContacts(session.ctx);
    if (values.json) {
      io.out(JSON.stringify(contacts.map(forScripts)));
      return 0;
    }
    if (contacts.length === 0) {
      io.out(translate(language, 'cli.contacts.none'));
      return 0;
    }
    for (const contact of contacts) {
      const phone = contact.phones[0]?.e164 ?? contact.phones[0]?.raw ?? '';
      io.out([contact.id, contact.displayName, contact.organization ?? '', phone, contact.stage, contact.target ?? ''].join('\t'));
    }
    return 0;
  },
};
