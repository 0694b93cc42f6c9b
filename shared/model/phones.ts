import { z } from 'zod';
import { addMonths } from '../local-date';

export const phonePlatforms = ['android', 'iphone'] as const;
export type PhonePlatform = (typeof phonePlatforms)[number];

/**
 * The checklist of a business phone with WhatsApp (docs/business-phone.md), in the order an office
 * goes through it. Each item's wording and where to tap on Android and iPhone live in the i18n
 * catalogue under phones.items.<item>.
 */
export const checklistItems = [
  /** WhatsApp may not read the address book, or the address book holds only consented contacts. */
  'contactAccess',
  /** WhatsApp's chat backup to Google Drive / iCloud is off. */
  'chatBackup',
  /** The phone's screen lock and WhatsApp's own app lock are on. */
  'appLock',
  /** The phone and its number are the business's, not an employee's private ones. */
  'businessNumber',
  /** A second phone used only for WhatsApp was considered (the simplest way to a clean address book). */
  'secondPhone',
  /** WhatsApp Business: the business profile names the business and links its privacy notice. */
  'businessProfile',
] as const;
export type ChecklistItem = (typeof checklistItems)[number];

/** An item counts as due when it was never checked or last checked longer ago than this (docs/business-phone.md: at least every 6 months). */
export const CHECK_AGAIN_MONTHS = 6;

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const phoneInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    number: z.string().trim().max(50).nullable(),
    platform: z.enum(phonePlatforms),
    usedBy: z.string().trim().max(200).nullable(),
  })
  .strict();
export type PhoneInput = z.infer<typeof phoneInputSchema>;

export const checklistStateSchema = z.object({
  item: z.enum(checklistItems),
  /** The office's local day it was last checked, null: never. */
  checkedOn: isoDay.nullable(),
  checkedBy: z.string().nullable(),
  /** Never checked, or longer ago than CHECK_AGAIN_MONTHS. */
  due: z.boolean(),
});

export const phoneBookCheckSummarySchema = z.object({
  checkedAt: z.string(),
  numbers: z.int(),
  ok: z.int(),
  withoutConsent: z.int(),
  consentedMissing: z.int(),
  unknown: z.int(),
});

export const businessPhoneSchema = z.object({
  id: z.int(),
  name: z.string(),
  number: z.string().nullable(),
  platform: z.enum(phonePlatforms),
  usedBy: z.string().nullable(),
  createdAt: z.string(),
  /** When it went out of use (ISO); null while in use. */
  retiredAt: z.string().nullable(),
  checklist: z.array(checklistStateSchema),
  /** The newest comparison of this phone's address book with the consent record. */
  lastPhoneBookCheck: phoneBookCheckSummarySchema.nullable(),
});
export type BusinessPhone = z.infer<typeof businessPhoneSchema>;

/** Whether an item last checked on `checkedOn` is due again on `today`: never checked, or on or before the cutoff. */
export const isDue = (checkedOn: string | null, today: string): boolean =>
  checkedOn === null || checkedOn <= addMonths(today, -CHECK_AGAIN_MONTHS);

/** One number of the phone's address book, compared with the consent record. */
export const phoneBookEntrySchema = z.object({
  /** The name the app knows (a contact), else the name on the phone. */
  name: z.string().max(1000),
  /** The name the entry has on the phone (what to look for there to delete it); null for a consented contact missing there. */
  nameOnPhone: z.string().max(1000).nullable(),
  /** The number in international form; null when the phone's text is no phone number. */
  e164: z.string().max(50).nullable(),
  /** The number as the office reads it (German ones national: 0171 1234567), or the phone's text. */
  shown: z.string().max(200),
  /** The contact it belongs to, null for a number the app does not know. */
  contactId: z.int().nullable(),
});
export type PhoneBookEntry = z.infer<typeof phoneBookEntrySchema>;

export const phoneBookCheckSchema = z.object({
  checkedAt: z.string(),
  /** Numbers on the phone (each once, however many entries hold it). */
  numbers: z.int(),
  /** On the phone with a valid consent. */
  ok: z.int(),
  /** On the phone, in the app, without a valid consent: must be removed from the phone, or asked. */
  withoutConsent: z.array(phoneBookEntrySchema),
  /** Consented contacts none of whose numbers is on the phone: may be added. */
  consentedMissing: z.array(phoneBookEntrySchema),
  /** On the phone, not in the app at all. */
  unknown: z.array(phoneBookEntrySchema),
  /** Numbers that appear in more than one entry of the phone's address book. */
  duplicates: z.int(),
});
export type PhoneBookCheck = z.infer<typeof phoneBookCheckSchema>;
