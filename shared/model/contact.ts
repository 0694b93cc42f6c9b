import { z } from 'zod';

export const contactKinds = ['customer', 'employee', 'supplier', 'other'] as const;
export const contactKindSchema = z.enum(contactKinds);
export type ContactKind = z.infer<typeof contactKindSchema>;

export const phoneSchema = z.object({
  /** The number in E.164 (+491701234567), or null when it could not be read. */
  e164: z.string().nullable(),
  /** The number exactly as it stood in the source. */
  raw: z.string(),
  /** The type or label the source gave (mobile, work, "Baustelle" ...), or null. */
  label: z.string().nullable(),
});
export type Phone = z.infer<typeof phoneSchema>;

export const contactSchema = z.object({
  id: z.int().positive(),
  displayName: z.string(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  organization: z.string().nullable(),
  phones: z.array(phoneSchema),
  emails: z.array(z.string()),
  kind: contactKindSchema,
  status: z.string(),
  messenger: z.string().nullable(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof contactSchema>;

/** The row the contact table shows: one page at a time, never the whole list. */
export const contactListInputSchema = z
  .object({
    offset: z.int().min(0).default(0),
    limit: z.int().min(1).max(500).default(100),
    search: z.string().max(200).default(''),
  })
  .strict();
export type ContactListInput = z.input<typeof contactListInputSchema>;

export const contactPageSchema = z.object({
  total: z.int().min(0),
  rows: z.array(contactSchema),
});
export type ContactPage = z.infer<typeof contactPageSchema>;
