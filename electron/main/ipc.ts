import type { IpcMain, WebFrameMain } from 'electron';
import { ipcChannel, requestNames } from '../../shared/contract';
import { fail } from '../../shared/result';
import type { Dispatch } from '../services/dispatch';

/**
 * One ipcMain handler per contract entry and no other. Input validation happens in the dispatcher;
 * here a request from any frame but the app's own page is refused.
 */
export function registerIpcHandlers(
  ipcMain: IpcMain,
  dispatch: Dispatch,
  isTrustedSender: (frame: WebFrameMain | null) => boolean,
  message: (key: string) => string,
): void {
  for (const name of requestNames) {
    ipcMain.handle(ipcChannel(name), (event, input: unknown) =>
      isTrustedSender(event.senderFrame) ? dispatch(name, input) : fail('forbidden', message('errors.forbidden')),
    );
  }
}
