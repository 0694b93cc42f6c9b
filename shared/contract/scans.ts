// The `scans.*` requests (returned consent forms read back from scans). Handlers: electron/services/scans.handlers.ts, which calls the service(s) it imports.
import { z } from 'zod';
import { contactSchema } from '../model/contact';
import { pageProposalSchema, pageReadingSchema } from '../model/return-forms';
import { isoDateSchema, purposeSchema } from '../model/tracking';
import { readRequest, request } from './define';

export const scanRequests = {
  /**
   * "Rückläufer einlesen": what the office should record for each page read from a stack of returned
   * consent forms (the reading itself happens where the file is, in the renderer or the CLI).
   */
  'scans.propose': readRequest(z.object({ pages: z.array(pageReadingSchema).min(1).max(2000) }).strict(), z.array(pageProposalSchema)),
  /** Checks a Rückläufer-Code typed by hand (a page whose QR code cannot be read). */
  'scans.checkCode': readRequest(
    z.object({ code: z.string().trim().min(1).max(200) }).strict(),
    z.object({ codeState: pageProposalSchema.shape.codeState, contact: pageProposalSchema.shape.contact, version: z.string().nullable() }),
  ),
  /**
   * Records one page as the office accepted it: the consent (purposes ticked) or the refusal, dated the
   * day of the scan, with the letter's text version and the page alone as proof (a PDF made from the
   * page image, JPEG or PNG, base64, at most 20 MB).
   */
  'scans.record': request(
    z
      .object({
        contactId: z.int().positive(),
        code: z.string().max(200).nullable(),
        decision: z.enum(['consent', 'refusal']),
        purposes: z.array(purposeSchema).max(4),
        transfer: z.boolean().nullable(),
        scanDate: isoDateSchema,
        page: z
          .object({ fileName: z.string().min(1).max(255), filePage: z.int().positive(), image: z.string().min(1).max(28_000_000) })
          .strict(),
      })
      .strict(),
    z.object({ contact: contactSchema, evidenceId: z.int().nullable() }),
  ),
};
