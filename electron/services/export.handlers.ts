import type { exportRequests } from '../../shared/contract/export';
import { toVcard } from '../exporters/vcard';
import { consentedContacts } from './export';
import type { HandlerMap } from './handler-types';
import { today } from './tracking';

export const exportHandlers: HandlerMap<typeof exportRequests> = {
  'export.consented': (ctx) => {
    const contacts = consentedContacts(ctx);
    return {
      fileName: `Firmenhandy-Einwilligungen-${today()}.vcf`,
      data: Buffer.from(toVcard(contacts)).toString('base64'),
      count: contacts.length,
    };
  },
};
