import { z } from 'zod';
import { phoneKinds } from '../phone';

export const contactKinds = ['customer', 'employee', 'supplier', 'other'] as const;
export const contactKindSchema = z.enum(contactKinds);
export type ContactKind = z.infer<typeof contactKindSchema>;

export const genders = ['female', 'male', 'diverse'] as const;
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

export const emailSchema = z.object({ address: z.string(), label: z.string().nullable() });
export type Email = z.infer<typeof emailSchema>;

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
  status: z.string(),
  messenger: z.string().nullable(),
  /** Seen in a WhatsApp chat export, and when last. */
  onWhatsapp: z.boolean(),
  whatsappLastMessageAt: z.string().nullable(),
  revision: z.int(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof contactSchema>;

/** The row the contact table shows: one page at a time, never the whole list. */
export const contactListInputSchema = z
  .object({
    offset: z.int().min(0).default(0),
    limit: z.int().min(1).max(500).default(100),
    search: z.string().max(200).default(''),
    /** Only the contacts an import created or changed ("show the imported contacts"). */
    importId: z.int().positive().optional(),
  })
  .strict();
export type ContactListInput = z.input<typeof contactListInputSchema>;

export const contactPageSchema = z.object({
  total: z.int().min(0),
  rows: z.array(contactSchema),
});
export type ContactPage = z.infer<typeof contactPageSchema>;
