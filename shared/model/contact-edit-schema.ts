import { z } from 'zod';
import { contactKindSchema, contactLanguageSchema, genderSchema } from './contact';
import { isoDateSchema } from './tracking';

const text = (max: number) => z.string().trim().max(max).nullable();

/** What the contact form sends: every field the office may edit, checked here and again on save. */
export const contactEditSchema = z
  .object({
    givenName: text(100),
    familyName: text(100),
    displayName: text(200).optional(),
    title: text(50),
    gender: genderSchema.nullable(),
    organization: text(200),
    department: text(200),
    jobTitle: text(200),
    isCompany: z.boolean(),
    /** Left out: stays as it is. */
    minor: z.boolean().optional(),
    customerNumber: text(50),
    birthday: z.union([isoDateSchema, z.string().regex(/^--\d{2}-\d{2}$/)]).nullable(),
    note: text(5000),
    kind: contactKindSchema,
    /** Left out: stays as it is. */
    language: contactLanguageSchema.optional(),
    formal: z.boolean().nullable().optional(),
    phones: z.array(z.object({ raw: z.string().trim().min(1).max(50), label: text(50) })).max(20),
    /** As typed: a text that is no address is kept, flagged (valid: false), for the office to fix later. */
    emails: z.array(z.object({ address: z.string().trim().min(1).max(200), label: text(50) })).max(20),
    addresses: z
      .array(z.object({ street: text(300), postalCode: text(20), city: text(100), region: text(100), country: text(100), label: text(50) }))
      .max(10),
    tags: z.array(z.string().trim().min(1).max(50)).max(30),
    messengerId: text(200),
  })
  .strict();
export type ContactEdit = z.infer<typeof contactEditSchema>;
