// The `phones.*` requests. Handlers: electron/services/phones.handlers.ts, which calls the service(s) it imports.
import { z } from 'zod';
import { businessPhoneSchema, checklistItems, phoneBookCheckSchema, phoneBookEntrySchema, phoneInputSchema } from '../model/phones';
import { readRequest, request } from './define';

const id = z.int().positive();

export const phoneRequests = {
  /** The business phones in use, each with its checklist and its newest address-book check. */
  'phones.list': readRequest(z.object({}).strict(), z.array(businessPhoneSchema)),
  'phones.add': request(phoneInputSchema, businessPhoneSchema),
  'phones.update': request(z.object({ id, phone: phoneInputSchema }).strict(), businessPhoneSchema),
  /** A phone no longer in use: it leaves the list, what was checked on it stays on record. */
  'phones.retire': request(z.object({ id }).strict(), z.object({})),
  /** A checklist item checked on a day (the office's local day, not in the future) by someone. */
  'phones.tick': request(
    z
      .object({
        phoneId: id,
        item: z.enum(checklistItems),
        checkedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        checkedBy: z.string().trim().min(1).max(200),
      })
      .strict(),
    businessPhoneSchema,
  ),
  /**
   * "Handy-Abgleich": the phone's exported address book (vCard, at most 20 MB, base64) compared with
   * the consent record. Nothing is imported; the counts are stored with the day (and the phone, if named).
   */
  'phones.checkPhoneBook': request(
    z.object({ phoneId: id.nullable(), fileName: z.string().min(1).max(255), data: z.string().min(1).max(28_000_000) }).strict(),
    phoneBookCheckSchema,
  ),
  /** The entries to delete from the phone as a printable list (PDF, base64), with a box to tick for each. */
  'phones.deletionList': readRequest(
    z.object({ phoneId: id.nullable(), entries: z.array(phoneBookEntrySchema).min(1).max(100_000) }).strict(),
    z.object({ fileName: z.string(), data: z.string() }),
  ),
};
