import { z } from 'zod';

export const languages = ['de', 'en'] as const;
export type Language = (typeof languages)[number];
export const languageSchema = z.enum(languages);

/** Regions offered for reading phone numbers without a country code (ISO 3166-1 alpha-2). */
export const phoneRegions = ['DE', 'AT', 'CH', 'LU', 'NL', 'BE', 'FR', 'IT', 'PL', 'CZ', 'DK'] as const;

export const settingsSchema = z.object({
  /** Language of the interface, of error messages and of the native menu. */
  language: languageSchema,
  /** Country assumed for phone numbers written without +49 or 0049. */
  defaultRegion: z.enum(phoneRegions),
  /** After how many days an invitation without a switch counts as overdue. */
  invitationReminderDays: z.int().min(1).max(365),
  /** After how many days a consent letter without an answer counts as overdue. */
  letterReminderDays: z.int().min(1).max(365),
  /** Where backups go (an absolute path: a USB stick, a network drive); '' is the folder "Sicherungen" beside the database. */
  backupFolder: z.string().max(1000),
  /** Backups are kept for this many days (today counted), the newest one of each earlier day … */
  backupDays: z.int().min(1).max(365),
  /** … and every one of today up to this many. */
  backupsPerDay: z.int().min(1).max(50),
});

export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  language: 'de',
  defaultRegion: 'DE',
  invitationReminderDays: 14,
  letterReminderDays: 21,
  backupFolder: '',
  backupDays: 14,
  backupsPerDay: 10,
};

/** A partial update: only the fields named change. */
export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
