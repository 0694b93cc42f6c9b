import type { backupRequests } from '../../shared/contract/backups';
import { backupNowOrRefuse, backupsView } from './backups';
import type { HandlerMap } from './handler-types';
import { restoreListedBackup } from './restore-backup';

export const backupHandlers: HandlerMap<typeof backupRequests> = {
  'backups.list': (ctx) => backupsView(ctx),
  'backups.create': (ctx) => backupNowOrRefuse(ctx),
  'backups.restore': (ctx, { file }) => restoreListedBackup(ctx, file),
};
