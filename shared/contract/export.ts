// The `export.*` requests. Handlers: electron/services/export.handlers.ts, which calls the service(s) it imports.
import { z } from 'zod';
import { selectionSchema } from '../model/contact';
import { readRequest } from './define';

/** The file formats of the contact list's export: Excel (.xlsx) and CSV as German Excel reads it. */
export const contactExportFormats = ['xlsx', 'csv'] as const;
export type ContactExportFormat = (typeof contactExportFormats)[number];

const fileSchema = z.object({ fileName: z.string(), data: z.string(), count: z.int() });

export const exportRequests = {
  /** The contacts with a valid WhatsApp consent as a vCard file (base64), for the business phone's address book. */
  'export.consented': readRequest(z.object({}).strict(), fileSchema),
  /**
   * The contact list as an Excel or CSV file (base64): the chosen contacts, or everything a filter of
   * the list finds (the same selection contacts.bulk takes; `{ filter: {} }` is every contact).
   */
  'export.contacts': readRequest(z.object({ format: z.enum(contactExportFormats), selection: selectionSchema }).strict(), fileSchema),
};
