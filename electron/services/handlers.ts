import type { RequestName, RequestOutput, ValidInput } from '../../shared/contract';
import { appInfo } from './app';
import { countContacts, listContacts } from './contacts';
import type { ServiceContext } from './context';
import { importRecords, undoImport } from './import';
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
  'import.begin': (ctx, input) => ctx.importJobs.begin(input.files),
  'import.upload': (ctx, input) => ctx.importJobs.upload(input.jobId, input.index, input.offset, Buffer.from(input.data, 'base64')),
  'import.analyse': (ctx, input) => ctx.importJobs.analyse(ctx, input.jobId),
  'import.status': (ctx, input) => ctx.importJobs.status(ctx, input.jobId),
  'import.rows': (ctx, input) => ctx.importJobs.rows(ctx, input),
  'import.map': (ctx, input) => ctx.importJobs.remap(ctx, input.jobId, input.index, input.mapping, input.remember),
  'import.commit': (ctx, input) => ctx.importJobs.commit(ctx, input.jobId),
  'import.cancel': (ctx, input) => {
    ctx.importJobs.cancel(input.jobId);
    return {};
  },
  'import.history': (ctx) => importRecords(ctx),
  'import.undo': (ctx, input) => undoImport(ctx, input.importId),
};
