import type { phoneRequests } from '../../shared/contract/phones';
import { bufferSource } from '../importers/source';
import type { HandlerMap } from './handler-types';
import { checkPhoneBook, deletionListPdf } from './phone-check';
import { addPhone, listPhones, retirePhone, tickChecklistItem, updatePhone } from './phones';

export const phoneHandlers: HandlerMap<typeof phoneRequests> = {
  'phones.list': (ctx) => listPhones(ctx),
  'phones.add': (ctx, phone) => addPhone(ctx, phone),
  'phones.update': (ctx, { id, phone }) => updatePhone(ctx, id, phone),
  'phones.retire': (ctx, { id }) => {
    retirePhone(ctx, id);
    return {};
  },
  'phones.tick': (ctx, tick) => tickChecklistItem(ctx, tick),
  'phones.checkPhoneBook': (ctx, { phoneId, fileName, data }) =>
    checkPhoneBook(ctx, bufferSource(fileName, Buffer.from(data, 'base64')), phoneId),
  'phones.deletionList': (ctx, { phoneId, entries }) => deletionListPdf(ctx, phoneId, entries),
};
