import { z } from 'zod';
import { contactKinds } from './contact';
import { businessPhoneSchema } from './phones';
import { dashboardSchema, purposes, stages, targets } from './tracking';

const count = z.int().min(0);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A form part of a consent text version (shared/letters/consent-text-version.ts). */
const formPartSchema = z.object({ kind: z.enum(['heading', 'paragraph', 'box']), text: z.string() });

/**
 * The accountability report (Art. 5(2), Art. 30 GDPR) as data: every figure the PDF prints, in the
 * JSON of `report --json` too. Counts describe the end of `date` (the office's local day).
 */
export const accountabilityReportSchema = z.object({
  date: day,
  generatedAt: z.string(),
  controller: z.object({
    name: z.string(),
    representative: z.string(),
    address: z.string(),
    phone: z.string(),
    email: z.string(),
    dpo: z.string().nullable(),
    whatsappNumber: z.string(),
    privacyUrl: z.string(),
    retention: z.string(),
  }),
  /** The purposes consent is asked for (the profile's), in the order of the form. */
  purposesAsked: z.array(z.enum(purposes)),
  /** Contacts in the list (not in the bin). */
  contacts: count,
  /** Contacts per kind (customers, employees …): the categories of people. */
  byKind: z.record(z.enum(contactKinds), count),
  byStage: z.record(z.enum(stages), count),
  byTarget: z.record(z.enum([...targets, 'none']), count),
  /** Contacts with a valid WhatsApp consent at the end of the day. */
  consentsValid: count,
  /** Contacts with a valid consent, per purpose. */
  byPurpose: z.record(z.enum(purposes), count),
  /** The development: per week, contacts whose way was finished and begun (the overview's chart). */
  progress: dashboardSchema.shape.progress,
  /** Each consent text version in use: letters sent with it, consents on it, and its full wording (null: not kept). */
  textVersions: z.array(
    z.object({
      version: z.string(),
      letters: count,
      firstSent: day.nullable(),
      lastSent: day.nullable(),
      consents: count,
      wording: z.array(formPartSchema).nullable(),
    }),
  ),
  letters: z.object({ consentLetters: count, invitationLetters: count }),
  answers: z.object({
    /** Contacts who gave a consent (up to the day, withdrawn later or not). */
    consentsReceived: count,
    refused: count,
    /** Withdrawals recorded (a contact who withdrew twice counts twice). */
    withdrawn: count,
    /** Days from a withdrawal to its record in the app: median and longest (null: none). */
    withdrawalDaysMedian: z.number().nullable(),
    withdrawalDaysMax: z.int().nullable(),
  }),
  phones: z.array(businessPhoneSchema),
  /** Erasures (no names): on request, and after the bin's 30 days, with the days they happened. */
  erasures: z.object({ onRequest: count, fromBin: count, days: z.array(day) }),
  /** Access requests answered (Auskunft, Art. 15 GDPR: each report produced), with their days; no names. */
  accessRequests: z.object({ answered: count, days: z.array(day) }),
  /** The contacts with a valid consent: name, purposes, day, text version, proof (scan's file name or the reason given). */
  annex: z.array(
    z.object({
      contactId: z.int(),
      name: z.string(),
      purposes: z.array(z.enum(purposes)),
      givenAt: day,
      textVersion: z.string(),
      evidence: z.string(),
    }),
  ),
});
export type AccountabilityReport = z.infer<typeof accountabilityReportSchema>;
