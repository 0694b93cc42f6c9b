import { translate } from '../../shared/i18n';
import { openDatabase } from '../db/open';
import { createServiceContext, type AdapterName, type ServiceContext } from './context';
import { createDispatcher, type Dispatch } from './dispatch';
import { AppError } from './errors';
import { getSettings } from './settings';
import { purgeDeletedContacts } from './tracking';

export interface Session {
  ctx: ServiceContext;
  dispatch: Dispatch;
  /** Translates a catalogue key into the language the user chose. */
  message: (key: string, vars?: Record<string, string | number>) => string;
  close: () => void;
}

/** Opens the database and wires the services: what each adapter does first. */
export function openSession(options: { databasePath: string; adapter: AdapterName; nativeBinding?: string; openPrinter?: ServiceContext['openPrinter']; printDialog?: ServiceContext['printDialog'] }): Session {
  const opened = openDatabase(options.databasePath, { nativeBinding: options.nativeBinding });
  const ctx = createServiceContext(opened, options.adapter, options.openPrinter, options.printDialog);
  purgeDeletedContacts(ctx);
  return {
    ctx,
    dispatch: createDispatcher(ctx),
    message: (key, vars) => translate(getSettings(ctx).language, key, vars),
    close: () => {
      ctx.importJobs.closeAll();
      opened.db.close();
    },
  };
}

/** An error as one sentence for the user, without a stack (German: the settings may not be readable). */
export function describeError(error: unknown): string {
  if (error instanceof AppError) return translate('de', error.messageKey, error.vars);
  if (error instanceof Error) return error.message;
  return String(error);
}
