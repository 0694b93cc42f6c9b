import { z } from 'zod';

/** What a backup holds, read from the file itself (never from its name alone). */
export const backupFileSchema = z.object({
  file: z.string(),
  /** When it was made (the file's time), ISO. */
  madeAt: z.string(),
  /** Bytes. */
  size: z.int().min(0),
  schemaVersion: z.int(),
  /** Contacts in the list (not in the bin) when it was made. */
  contacts: z.int().min(0),
  /** Why it was made, from its name: '' (daily or by hand), 'vor-Import', 'vor-Loeschen', 'vor-Wiederherstellung'. */
  note: z.string(),
});
export type BackupFile = z.infer<typeof backupFileSchema>;

/** A restore done: what is now in the database's place, and the backup of the state before (restoring it undoes this). */
export const restoredBackupSchema = z.object({
  restored: z.string(),
  before: backupFileSchema,
  schemaVersion: z.int(),
  contacts: z.int().min(0),
  /** Contacts erased since the backup was made (GDPR Art. 17), erased again in the restored database. */
  erasedAgain: z.int().min(0),
});
export type RestoredBackup = z.infer<typeof restoredBackupSchema>;
