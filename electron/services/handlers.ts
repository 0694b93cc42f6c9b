import type { RequestName, RequestOutput, ValidInput } from '../../shared/contract';
import { appInfo } from './app';
import { countContacts, listContacts } from './contacts';
import type { ServiceContext } from './context';
import { getSettings, updateSettings } from './settings';

export type Handler<K extends RequestName> = (
  ctx: ServiceContext,
  input: ValidInput<K>,
) => RequestOutput<K> | Promise<RequestOutput<K>>;

export type Handlers = { [K in RequestName]: Handler<K> };

/** One handler per contract entry; the compiler refuses a missing or extra one. */
export const handlers: Handlers = {
  'app.info': (ctx) => appInfo(ctx),
  'settings.get': (ctx) => getSettings(ctx),
  'settings.update': (ctx, patch) => updateSettings(ctx, patch),
  'contacts.count': (ctx) => countContacts(ctx),
  'contacts.list': (ctx, input) => listContacts(ctx, input),
};
