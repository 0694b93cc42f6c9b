import { z } from 'zod';
import { phoneKinds } from '../phone-kinds';
import { contactKinds, contactLanguages, contactViews, genders, sortColumns } from './contact-terms';
import { invitationChannels, messengerSchema, stageSchema, stages, targetSchema, targets } from './tracking';

export * from './contact-terms';

export const contactKindSchema = z.enum(contactKinds);
export const contactLanguageSchema = z.enum(contactLanguages);
export const genderSchema = z.enum(genders);

export const phoneSchema = z.object({
  /** The number in E.164 (+491701234567), or null when it could not be read. */
  e164: z.string().nullable(),
  /** The number exactly as it stood in the source. */
  raw: z.string(),
  /** The type or label the source gave (cell, work, "Baustelle" …), or null. */
  label: z.string().nullable(),
  kind: z.enum(phoneKinds),
});
export type Phone = z.infer<typeof phoneSchema>;

/** An e-mail as the source wrote it; `valid` false: the text is not an address and is kept, flagged, for the office to fix. */
export const emailSchema = z.object({ address: z.string(), label: z.string().nullable(), valid: z.boolean() });
export type Email = z.infer<typeof emailSchema>;
/** An e-mail to store: valid unless said otherwise. */
export type EmailInput = Omit<Email, 'valid'> & { valid?: boolean };

export const addressSchema = z.object({
  street: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  country: z.string().nullable(),
  label: z.string().nullable(),
});
export type Address = z.infer<typeof addressSchema>;

export const contactSchema = z.object({
  id: z.int().positive(),
  displayName: z.string(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  title: z.string().nullable(),
  gender: genderSchema.nullable(),
  organization: z.string().nullable(),
  department: z.string().nullable(),
  jobTitle: z.string().nullable(),
  isCompany: z.boolean(),
  customerNumber: z.string().nullable(),
  birthday: z.string().nullable(),
  note: z.string().nullable(),
  phones: z.array(phoneSchema),
  emails: z.array(emailSchema),
  addresses: z.array(addressSchema),
  kind: contactKindSchema,
  /** The language of the contact's invitations and letters. */
  language: contactLanguageSchema,
  /** Sie (true) or Du (false); null: by kind, Du to employees and Sie to everyone else. */
  formal: z.boolean().nullable(),
  /** Under 18: a parent or guardian signs the consent form too. */
  minor: z.boolean(),
  tags: z.array(z.string()),
  /** Where the contact stands on the way off WhatsApp. */
  stage: stageSchema,
  /** What the contact should use in future. */
  target: targetSchema.nullable(),
  /** The messenger the contact switched to, and their id there once known. */
  messenger: messengerSchema.nullable(),
  messengerId: z.string().nullable(),
  stageChangedAt: z.string().nullable(),
  invitedAt: z.string().nullable(),
  invitedChannel: z.enum(invitationChannels).nullable(),
  switchedAt: z.string().nullable(),
  letterSentAt: z.string().nullable(),
  letterVersion: z.string().nullable(),
  /** Seen in a WhatsApp chat export, and when last. */
  onWhatsapp: z.boolean(),
  whatsappLastMessageAt: z.string().nullable(),
  revision: z.int(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof contactSchema>;

/** A line of the contact table: what the list shows, nothing more. */
export const contactRowSchema = z.object({
  id: z.int().positive(),
  displayName: z.string(),
  organization: z.string().nullable(),
  kind: contactKindSchema,
  /** The mobile number (else the first number), E.164 where it could be read. */
  mobile: z.string().nullable(),
  target: targetSchema.nullable(),
  stage: stageSchema,
  updatedAt: z.string(),
  onWhatsapp: z.boolean(),
  whatsappLastMessageAt: z.string().nullable(),
  tags: z.array(z.string()),
});
export type ContactRow = z.infer<typeof contactRowSchema>;

export const contactViewSchema = z.enum(contactViews);

export const contactFilterSchema = z
  .object({
    search: z.string().max(200).default(''),
    stages: z.array(z.enum(stages)).max(stages.length).optional(),
    targets: z
      .array(z.enum([...targets, 'none']))
      .max(targets.length + 1)
      .optional(),
    kinds: z.array(contactKindSchema).max(contactKinds.length).optional(),
    languages: z.array(contactLanguageSchema).max(contactLanguages.length).optional(),
    tag: z.string().max(100).optional(),
    view: contactViewSchema.optional(),
    /** Only the contacts an import created or changed ("show the imported contacts"). */
    importId: z.int().positive().optional(),
    onWhatsapp: z.boolean().optional(),
    /** With (true) or without (false) a valid WhatsApp consent: given, not withdrawn (see VALID_CONSENT_SQL). */
    consented: z.boolean().optional(),
    /** Only contacts with a possible duplicate still to decide ("mögliche Dubletten"). */
    duplicates: z.boolean().optional(),
  })
  .strict();
export type ContactFilter = z.input<typeof contactFilterSchema>;

export const contactListInputSchema = contactFilterSchema
  .extend({
    offset: z.int().min(0).default(0),
    limit: z.int().min(1).max(500).default(100),
    sort: z.enum(sortColumns).default('name'),
    descending: z.boolean().default(false),
  })
  .strict();
export type ContactListInput = z.input<typeof contactListInputSchema>;

export const contactPageSchema = z.object({
  total: z.int().min(0),
  rows: z.array(contactRowSchema),
});

/** Which contacts a bulk action applies to: chosen ones, or everything a filter finds. */
export const selectionSchema = z.union([
  z.object({ ids: z.array(z.int().positive()).min(1).max(100_000) }).strict(),
  z.object({ filter: contactFilterSchema, except: z.array(z.int().positive()).max(100_000).default([]) }).strict(),
]);
export type Selection = z.input<typeof selectionSchema>;
