import { z } from 'zod';
import { isoDateSchema, purposes, stageSchema } from './tracking';

/**
 * Returned consent forms read back from scans (issue 18): what the reader measured on one page
 * (shared/scan/read-page.ts, in the renderer or the CLI), and what the services propose from it.
 * Positions in mm on the form page, after aligning the scan on the corner marks.
 */
export const pageReadingSchema = z
  .object({
    /** The page's number in the stack read (all files in order), from 1. */
    page: z.int().positive(),
    /** The file it came from and its page there. */
    fileName: z.string().min(1).max(255),
    filePage: z.int().positive(),
    /** The QR code's text, as read, or the Rückläufer-Code typed by the office; null when there is none. */
    code: z.string().max(200).nullable(),
    /** The contact the office matched a page without a code to (search): its boxes are then read for them. */
    matchedContactId: z.int().positive().nullable().optional(),
    /** Whether the three corner marks were found (the boxes can only be read then). */
    aligned: z.boolean(),
    /** Nothing printed or written on the page at all (a blank sheet in the stack). */
    blank: z.boolean(),
    /** The tick boxes found, in reading order, with how dark their inside is (0 white … 1 black). */
    boxes: z.array(z.object({ x: z.number(), y: z.number(), darkness: z.number().min(0).max(1) }).strict()).max(20),
    /** The signature lines found under the boxes, left to right, with how much ink is above each. */
    signatureLines: z.array(z.object({ x0: z.number(), x1: z.number(), y: z.number(), ink: z.number().min(0).max(1) }).strict()).max(6),
  })
  .strict();
export type PageReading = z.infer<typeof pageReadingSchema>;

/** A box read as ticked (true), empty (false) or too unclear to say (null: the office decides). */
const tickSchema = z.boolean().nullable();

export const codeStates = ['valid', 'foreign', 'unreadable', 'missing'] as const;

export const pageProposalSchema = z.object({
  page: z.int(),
  fileName: z.string(),
  filePage: z.int(),
  code: z.string().nullable(),
  /** valid: one of this database's codes; foreign: another business's or mistyped; unreadable: not a code of the app; missing: none found. */
  codeState: z.enum(codeStates),
  contact: z.object({ id: z.int(), displayName: z.string(), stage: stageSchema }).nullable(),
  letterDate: isoDateSchema.nullable(),
  version: z.string().nullable(),
  /** The purposes on the form (the version's), each as read; purposes not on the form are left out. */
  purposes: z.partialRecord(z.enum(purposes), tickSchema),
  /** The optional Art. 49 box (transfer to the USA should the adequacy decision fall). */
  transfer: tickSchema,
  /** The "Nein" box. */
  refused: tickSchema,
  signed: tickSchema,
  /** 0 … 1: how sure the reading is; sure pages may be recorded without a look (CLI --apply, "Alle sicheren übernehmen"). */
  confidence: z.number(),
  sure: z.boolean(),
  blank: z.boolean(),
  /** Why the page needs the office (translated sentences), empty when it is sure. */
  notes: z.array(z.string()),
  /** A page of the same form is kept as proof already (read before). */
  alreadyRecorded: z.boolean(),
  /** An earlier page of this stack has the same code: this one is the same form again. */
  sameAsPage: z.int().nullable(),
});
export type PageProposal = z.infer<typeof pageProposalSchema>;
