import { z } from 'zod';

export const importFormats = ['vcard', 'csv', 'xlsx', 'whatsapp'] as const;
export type ImportFormat = (typeof importFormats)[number];

/**
 * Where a CSV or Excel column goes. `phone:work` is a number labelled "work"; `street:home` the
 * street of the home address. `ignore` leaves the column out.
 */
export const columnTargets = [
  'ignore',
  'fullName',
  'givenName',
  'middleName',
  'familyName',
  'salutation',
  'title',
  'organization',
  'department',
  'jobTitle',
  'phone:mobile',
  'phone:work',
  'phone:home',
  'phone:other',
  'phone:fax',
  'email',
  'email:work',
  'email:home',
  'street',
  'postalCode',
  'city',
  'region',
  'country',
  'street:home',
  'postalCode:home',
  'city:home',
  'region:home',
  'country:home',
  'street:work',
  'postalCode:work',
  'city:work',
  'region:work',
  'country:work',
  'addressFull',
  'note',
  'birthday',
  'birthYear',
  'birthMonth',
  'birthDay',
  'gender',
  'customerNumber',
  'kind',
  'language',
] as const;
export type ColumnTarget = (typeof columnTargets)[number];
export const columnTargetSchema = z.enum(columnTargets);

/** What a contact row of an import will do when committed. */
export const importActions = ['create', 'update', 'unchanged', 'duplicate', 'invalid'] as const;
export type ImportAction = (typeof importActions)[number];

/**
 * What the office decides for a row in the preview: fill the existing contact (`merge`), create a
 * contact of its own beside the existing one, as a different person (`keepBoth`: recorded as kept
 * apart), create it and decide later (`review`: listed as a possible duplicate), create a contact
 * where none matched (`create`), or leave the row out (`skip`).
 */
export const importDecisions = ['merge', 'keepBoth', 'review', 'create', 'skip'] as const;
export type ImportDecision = (typeof importDecisions)[number];

export const importCountsSchema = z.object({
  created: z.int().min(0),
  updated: z.int().min(0),
  unchanged: z.int().min(0),
  duplicates: z.int().min(0),
  invalid: z.int().min(0),
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

export const emptyCounts = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0, duplicates: 0, invalid: 0 });

export const importIssueSchema = z.object({
  /** Line in the file, or null for the whole file. */
  line: z.int().nullable(),
  message: z.string(),
});

export const columnMappingStepSchema = z.object({
  headers: z.array(z.string()),
  /** The first data rows, for the preview next to the mapping. */
  sampleRows: z.array(z.array(z.string())),
  /** One target per column: recognised, remembered, or `ignore`. */
  mapping: z.array(columnTargetSchema),
  /** Columns no known header name matched. */
  unknownColumns: z.array(z.int()),
  /** True when the mapping was remembered from an earlier import with the same headers. */
  remembered: z.boolean(),
});
export type ColumnMappingStep = z.infer<typeof columnMappingStepSchema>;

/**
 * Encodings a user may choose for a file whose bytes are not UTF-8 and say nothing about their
 * charset: the guess (windows-1252) is wrong for Polish or Czech names ("Iksiñski" for "Iksiński").
 */
export const legacyEncodings = ['windows-1252', 'windows-1250', 'iso-8859-2', 'shift_jis'] as const;
export type LegacyEncoding = (typeof legacyEncodings)[number];

export const importFileSummarySchema = z.object({
  index: z.int().min(0),
  file: z.string(),
  format: z.enum(importFormats).nullable(),
  encoding: z.string().nullable(),
  /** Some text was not UTF-8 and carried no charset: the user may choose its encoding. */
  encodingChoice: z.object({ chosen: z.enum(legacyEncodings).nullable() }).nullable(),
  /** Rejected files are not written at all; the issues say why. */
  rejected: z.boolean(),
  /** What the import will write, with the office's decisions. */
  counts: importCountsSchema,
  /** Rows per action the plan found (the preview's filters), before any decision. */
  actions: importCountsSchema,
  issues: z.array(importIssueSchema),
  /** CSV and Excel: the column mapping, to confirm or change before the import. */
  columns: columnMappingStepSchema.nullable(),
  /** The mapping has columns nobody recognised: the user should look before committing. */
  needsMapping: z.boolean(),
});
export type ImportFileSummary = z.infer<typeof importFileSummarySchema>;

export const previewRowSchema = z.object({
  line: z.int().nullable(),
  action: z.enum(importActions),
  displayName: z.string(),
  organization: z.string().nullable(),
  /** Each number as read, with `shown`: as the office writes it (German national, others international). */
  phones: z.array(z.object({ raw: z.string(), e164: z.string().nullable(), kind: z.string(), shown: z.string() })),
  /** `valid: false`: kept as written, not an address (shown flagged, never used to match). */
  emails: z.array(z.object({ address: z.string(), valid: z.boolean() })),
  /** Why: the reason for invalid, the fields that change for update, the other contact for duplicate. */
  reason: z.string().nullable(),
  /** The contact in the database this row matches (update, unchanged, duplicate). */
  existingId: z.int().nullable(),
  existingName: z.string().nullable(),
  /** The row's number in the plan, for import.decide. */
  row: z.int().min(0),
  /** What will happen: the office's decision, or the default (the first of `choices`); null: nothing to decide. */
  decision: z.enum(importDecisions).nullable(),
  /** What the office may decide for this row, the default first. */
  choices: z.array(z.enum(importDecisions)),
  /** The office decided this row itself. */
  decided: z.boolean(),
});
export type PreviewRow = z.infer<typeof previewRowSchema>;

export const importJobStates = ['uploading', 'analysing', 'ready', 'committing', 'done', 'cancelled', 'failed'] as const;

export const importJobSchema = z.object({
  jobId: z.string(),
  state: z.enum(importJobStates),
  /** Bytes uploaded or read so far, of `total`. */
  progress: z.object({ done: z.number().min(0), total: z.number().min(0), file: z.string().nullable() }),
  files: z.array(importFileSummarySchema),
  error: z.string().nullable(),
});
export type ImportJob = z.infer<typeof importJobSchema>;

export const importRecordSchema = z.object({
  id: z.int(),
  file: z.string(),
  format: z.enum(importFormats),
  importedAt: z.string(),
  counts: importCountsSchema,
  undoneAt: z.string().nullable(),
  /** Null when undo is possible, else why not (in the user's language). */
  undoBlockedBy: z.string().nullable(),
  /**
   * Contacts of the import changed since, which an undo as a whole would overwrite: how many, the
   * first names, and how many others an undo of the rest (`skipChanged`) takes back. Null when none.
   */
  changedSince: z.object({ count: z.int().min(1), names: z.array(z.string()), rest: z.int().min(0) }).nullable(),
  /** Contacts its undo left as they were, changed since (the undo of the rest); null otherwise. */
  keptOnUndo: z.int().nullable(),
});
export type ImportRecord = z.infer<typeof importRecordSchema>;
