import { allContacts } from '../../services/contacts';
import type { CliCommand } from '../command';

export const contactsCommand: CliCommand = {
  name: 'contacts',
  usage: 'contacts [--db <Datei>] [--json]',
  summary: 'Listet alle Kontakte (mit --json als JSON-Array).',
  options: { json: { type: 'boolean' } },
  run(session, { values }, io) {
    const contacts = allContacts(session.ctx);
    if (values.json) {
      io.out(JSON.stringify(contacts.map(({ updatedAt: _updatedAt, ...contact }) => contact)));
      return 0;
    }
    if (contacts.length === 0) {
      io.out('Noch keine Kontakte. Importieren Sie zuerst eine Kontaktdatei.');
      return 0;
    }
    for (const contact of contacts) {
      const phone = contact.phones[0]?.e164 ?? contact.phones[0]?.raw ?? '';
      io.out([contact.id, contact.displayName, contact.organization ?? '', phone, contact.status].join('\t'));
    }
    return 0;
  },
};
