import type { backupRequests } from '../../shared/contract/backups';
import { backupNow, backupsView } from './backups';
import type { HandlerMap } from './handler-types';
import { restoreListedBackup } from './restore-backup';

export const backupHandlers: HandlerMap<typeof backupRequests> = {
  'backups.list': (ctx) => backupsView(ctx),
  'backups.create': (ctx) => backupNow(ctx),
  'backups.restore': (ctx, { file }) => restoreListedBackup(ctx, file),
};
