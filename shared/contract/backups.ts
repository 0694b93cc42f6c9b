// The `backups.*` requests. Handlers: electron/services/backups.handlers.ts, which calls the service(s) it imports.
import { z } from 'zod';
import { backupFileSchema, restoredBackupSchema } from '../model/backup';
import { readRequest, request } from './define';

export const backupRequests = {
  /** The backups in the backup folder, newest first, each read from the file itself. */
  'backups.list': readRequest(
    z.object({}).strict(),
    z.object({
      folder: z.string(),
      defaultFolder: z.string(),
      databasePath: z.string(),
      /** False when a chosen folder is not there (a USB stick not plugged in): no backup can be made. */
      folderReachable: z.boolean(),
      backups: z.array(backupFileSchema),
    }),
  ),
  /** A backup now ("Jetzt sichern"). Waits for its turn like a write: a copy in the middle of an import's write would be refused. */
  'backups.create': request(z.object({}).strict(), backupFileSchema),
  /**
   * Puts a backup from the backup folder in the database's place (the current state backed up first);
   * the app reloads afterwards, as everything it shows may have changed.
   */
  'backups.restore': request(z.object({ file: z.string().min(1).max(1000) }).strict(), restoredBackupSchema),
};
