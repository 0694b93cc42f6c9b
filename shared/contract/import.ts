// The `import.*` requests. Handlers: electron/services/import.handlers.ts, which calls the service(s) it imports.
import { z } from 'zod';
import {
  columnTargetSchema,
  importActions,
  importDecisions,
  importJobSchema,
  importRecordSchema,
  legacyEncodings,
  previewRowSchema,
} from '../model/import';
import { pollRequest, readRequest, request } from './define';

const jobId = z.string().min(1).max(64);
/**
 * A chunk of a file, base64. The page encodes it on its main thread and the main side decodes it on
 * its own: 1 MB costs each a few milliseconds, so the contact list stays quick to search (in this tab
 * or another) while a large file goes up; 4 MB held both up for tens of milliseconds (issue 20).
 */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;

export const importRequests = {
  /** Announces the files of an import; their bytes follow with import.upload. */
  'import.begin': readRequest(
    z
      .object({
        files: z
          .array(
            z.object({
              name: z.string().min(1).max(255),
              size: z
                .int()
                .min(0)
                .max(2 * 1024 ** 3),
            }),
          )
          .min(1)
          .max(20),
      })
      .strict(),
    importJobSchema,
  ),
  'import.upload': readRequest(
    z
      .object({ jobId, index: z.int().min(0), offset: z.int().min(0), data: z.string().max(Math.ceil((UPLOAD_CHUNK_BYTES * 4) / 3) + 4) })
      .strict(),
    z.object({ received: z.int().min(0) }),
  ),
  /** Reads and plans the uploaded files in the background; follow with import.status. */
  'import.analyse': readRequest(z.object({ jobId }).strict(), importJobSchema),
  'import.status': pollRequest(z.object({ jobId }).strict(), importJobSchema),
  'import.rows': readRequest(
    z
      .object({
        jobId,
        index: z.int().min(0),
        action: z.enum(importActions).optional(),
        offset: z.int().min(0).default(0),
        limit: z.int().min(1).max(500).default(50),
      })
      .strict(),
    z.object({ total: z.int().min(0), rows: z.array(previewRowSchema) }),
  ),
  /** The user's column mapping for a CSV or Excel file; plans that file again. */
  'import.map': request(
    z.object({ jobId, index: z.int().min(0), mapping: z.array(columnTargetSchema).max(1000), remember: z.boolean() }).strict(),
    importJobSchema,
  ),
  /** The encoding of a file's text that is not UTF-8 (null: the app's guess); plans the files again. */
  'import.encoding': request(
    z.object({ jobId, index: z.int().min(0), encoding: z.enum(legacyEncodings).nullable() }).strict(),
    importJobSchema,
  ),
  /**
   * The office's decision for rows of a file's preview: merge into the existing contact, keep both,
   * check later, create, or skip (null: back to the defaults); for the rows given, or for all rows
   * (of one action) that offer it. Says how many rows changed.
   */
  'import.decide': readRequest(
    z
      .object({
        jobId,
        index: z.int().min(0),
        decision: z.enum(importDecisions).nullable(),
        rows: z.array(z.int().min(0)).min(1).max(100_000).optional(),
        action: z.enum(importActions).optional(),
      })
      .strict(),
    z.object({ job: importJobSchema, changed: z.int().min(0) }),
  ),
  /** Writes the previewed import in one transaction. */
  'import.commit': request(z.object({ jobId }).strict(), z.object({ imports: z.array(importRecordSchema), contactIds: z.array(z.int()) })),
  'import.cancel': readRequest(z.object({ jobId }).strict(), z.object({})),
  /** Earlier imports, newest first, with whether each can still be undone. */
  'import.history': readRequest(z.object({}).strict(), z.array(importRecordSchema)),
  /**
   * Takes an import back. Refused once a contact it created or filled in was changed since, unless
   * `skipChanged`: then the rest is taken back and the changed contacts stay as they are.
   */
  'import.undo': request(z.object({ importId: z.int().positive(), skipChanged: z.boolean().optional() }).strict(), importRecordSchema),
};
