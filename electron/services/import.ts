import type { Contact } from '../../shared/model/contact';
import type { ColumnTarget, ImportCounts, ImportFileSummary, ImportRecord, PreviewRow } from '../../shared/model/import';
import { translate } from '../../shared/i18n';
import type { Language } from '../../shared/model/settings';
import type { AddedRows, ContactFields, NewContact } from '../db/repositories/contacts';
import type { ImportChange } from '../db/repositories/imports';
import { chatPatch, planChat } from '../importers/chat-plan';
import { countKey, patchFor, planImport, type ContactPatch, type Plan, type PlanRow, type Reason } from '../importers/merge';
import type { CandidateContact } from '../importers/normalize';
import { readImportFile, type FileReading } from '../importers/read';
import type { ByteSource } from '../importers/source';
import type { ServiceContext } from './context';
import { AppError } from './errors';
import { getSettings } from './settings';

/** One file, read and planned: what the preview shows and what a commit writes. */
export interface FileAnalysis {
  reading: FileReading;
  plan: Plan;
  region: string;
}

export interface AnalyseOptions {
  region?: string;
  mapping?: ColumnTarget[];
  onProgress?: (bytesRead: number) => void;
}

const emptyPlan = (): Plan => ({ rows: [], counts: { created: 0, updated: 0, unchanged: 0, duplicates: 0, invalid: 0 } });

const candidateAsContact = (id: number, candidate: CandidateContact): Contact => ({
  ...toNewContact(candidate),
  id,
  givenName: candidate.givenName,
  familyName: candidate.familyName,
  title: candidate.title,
  gender: candidate.gender,
  organization: candidate.organization,
  department: candidate.department,
  jobTitle: candidate.jobTitle,
  isCompany: candidate.isCompany,
  customerNumber: candidate.customerNumber,
  birthday: candidate.birthday,
  note: candidate.note,
  kind: candidate.kind ?? 'other',
  phones: candidate.phones.map((p) => ({ e164: p.e164, raw: p.raw, label: p.label, kind: p.kind })),
  emails: candidate.emails,
  addresses: candidate.addresses,
  status: 'new',
  messenger: null,
  onWhatsapp: false,
  whatsappLastMessageAt: null,
  revision: 0,
  updatedAt: '',
});

/**
 * The database as it will be once the earlier files of the same import are written: their new
 * contacts join the match index under negative ids, so a person in two files is planned once.
 */
function planningContext(ctx: ServiceContext, earlier: FileAnalysis[]) {
  const index = ctx.repos.contacts.matchIndex();
  const planned = new Map<number, Contact>();
  let nextId = -1;
  for (const analysis of earlier) {
    for (const row of analysis.plan.rows) {
      if (row.action !== 'create' && row.action !== 'duplicate') continue;
      const id = nextId--;
      planned.set(id, candidateAsContact(id, row.candidate));
      for (const phone of row.candidate.phones) if (phone.e164) index.byE164.set(phone.e164, [...(index.byE164.get(phone.e164) ?? []), id]);
      for (const email of row.candidate.emails) index.byEmail.set(email.address.toLowerCase(), [...(index.byEmail.get(email.address.toLowerCase()) ?? []), id]);
      const { displayName, givenName, familyName, organization } = row.candidate;
      index.names.set(id, { displayName, givenName, familyName, organization });
    }
  }
  const load = (ids: number[]) => {
    const found = ctx.repos.contacts.byIds(ids.filter((id) => id > 0));
    for (const id of ids) if (id < 0 && planned.has(id)) found.set(id, planned.get(id)!);
    return found;
  };
  return { index, load };
}

function planReading(ctx: ServiceContext, reading: FileReading, region: string, earlier: FileAnalysis[]): Plan {
  if (reading.rejected) return emptyPlan();
  const context = planningContext(ctx, earlier);
  return reading.chat ? planChat(reading.chat.participants, reading.chat.partner, { ...context, region }) : planImport(reading.candidates, context);
}

/**
 * Reads a file and plans it against the database and the files before it in the same import;
 * writes nothing.
 */
export async function analyseFile(ctx: ServiceContext, source: ByteSource, options: AnalyseOptions = {}, earlier: FileAnalysis[] = []): Promise<FileAnalysis> {
  const region = options.region ?? getSettings(ctx).defaultRegion;
  const reading = await readImportFile(source, {
    region,
    mapping: options.mapping,
    rememberedMapping: (signature) => ctx.repos.imports.mapping(signature),
    onProgress: options.onProgress,
  });
  return { reading, plan: planReading(ctx, reading, region, earlier), region };
}

/** Whether the file's columns need a look before importing: unknown headers, or nothing usable mapped. */
export function needsMapping(reading: FileReading): boolean {
  const table = reading.table;
  if (!table || table.remembered || table.confirmed) return false;
  const usable = table.mapping.some((target) => /^(fullName|givenName|familyName|organization|phone|email)/.test(target));
  return !usable || table.unknown.some((index) => table.mapping[index] === 'ignore');
}

export function summarise(index: number, analysis: FileAnalysis, language: Language): ImportFileSummary {
  const { reading, plan } = analysis;
  return {
    index,
    file: reading.name,
    format: reading.format,
    encoding: reading.encoding,
    rejected: reading.rejected,
    counts: plan.counts,
    issues: reading.issues.map((issue) => ({
      line: issue.line,
      message: translate(language, `import.issues.${issue.key}`, { file: reading.name, ...issue.vars }),
    })),
    columns: reading.table
      ? {
          headers: reading.table.headers,
          sampleRows: reading.table.sampleRows,
          mapping: reading.table.mapping,
          unknownColumns: reading.table.unknown,
          remembered: reading.table.remembered,
        }
      : null,
    needsMapping: needsMapping(reading),
  };
}

function reasonText(reason: Reason, language: Language): string {
  const vars = { ...reason.vars };
  if (reason.key === 'fills') {
    vars.fields = String(vars.fields ?? '')
      .split(', ')
      .filter(Boolean)
      .map((field) => translate(language, `import.fields.${field}`))
      .join(', ');
  }
  return translate(language, `import.reasons.${reason.key}`, vars);
}

export function previewRows(
  analysis: FileAnalysis,
  filter: { action?: PlanRow['action']; offset: number; limit: number },
  language: Language,
): { total: number; rows: PreviewRow[] } {
  const matching = filter.action ? analysis.plan.rows.filter((row) => row.action === filter.action) : analysis.plan.rows;
  const page = matching.slice(filter.offset, filter.offset + filter.limit);
  return {
    total: matching.length,
    rows: page.map((row) => ({
      line: row.candidate.line,
      action: row.action,
      displayName: row.candidate.displayName,
      organization: row.candidate.organization,
      phones: row.candidate.phones.map((p) => ({ raw: p.raw, e164: p.e164, kind: p.kind })),
      emails: row.candidate.emails.map((e) => e.address),
      reason: row.reason ? reasonText(row.reason, language) : null,
      // Negative ids are contacts an earlier file of this import creates: no link yet.
      existingId: row.existingId !== null && row.existingId > 0 ? row.existingId : null,
      existingName: row.existingName,
    })),
  };
}

const toNewContact = (candidate: CandidateContact): NewContact => ({
  displayName: candidate.displayName,
  givenName: candidate.givenName,
  familyName: candidate.familyName,
  title: candidate.title,
  gender: candidate.gender,
  organization: candidate.organization,
  department: candidate.department,
  jobTitle: candidate.jobTitle,
  isCompany: candidate.isCompany,
  customerNumber: candidate.customerNumber,
  birthday: candidate.birthday,
  note: candidate.note,
  kind: candidate.kind ?? 'other',
  phones: candidate.phones.map((p) => ({ e164: p.e164, raw: p.raw, label: p.label, kind: p.kind })),
  emails: candidate.emails,
  addresses: candidate.addresses,
});

export interface CommittedFile {
  record: ImportRecord;
  /** Contacts the import created or changed, for "show the imported contacts". */
  contactIds: number[];
}

/**
 * Writes one analysed file: one import record, then every row. Updates are worked out again
 * against the contact as it is now (the user may have edited it since the preview), and only fill
 * gaps. The caller wraps all files of a commit in one transaction.
 */
function commitFile(ctx: ServiceContext, analysis: FileAnalysis): CommittedFile {
  const { reading } = analysis;
  // Planned again against the database as it is now, inside the commit's transaction: earlier
  // files of this commit are written already, and the user may have edited contacts since.
  const plan = planReading(ctx, reading, analysis.region, []);
  const { contacts, imports } = ctx.repos;
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, duplicates: 0, invalid: 0 };
  const importId = imports.create({ fileName: reading.name, fileHash: reading.hash, format: reading.format!, encoding: reading.encoding, counts });
  const createdIds: (number | undefined)[] = [];
  const changes = new Map<number, Omit<ImportChange, 'revisionAfter'>>();

  const applyPatch = (contact: Contact, patch: ContactPatch) => {
    const before: Partial<ContactFields> = {};
    for (const key of Object.keys(patch.fields) as (keyof ContactFields)[]) (before as Record<string, unknown>)[key] = contact[key as keyof Contact] ?? null;
    contacts.updateFields(contact.id, patch.fields);
    const added: AddedRows = {
      phones: contacts.addPhones(contact.id, patch.phones.map((p) => ({ e164: p.e164, raw: p.raw, label: p.label, kind: p.kind }))),
      emails: contacts.addEmails(contact.id, patch.emails),
      addresses: contacts.addAddresses(contact.id, patch.addresses),
    };
    const earlier = changes.get(contact.id);
    if (earlier?.before && earlier.added) {
      // A second row for the same contact: keep the oldest values, collect every added row.
      changes.set(contact.id, {
        ...earlier,
        before: { ...before, ...earlier.before },
        added: { phones: [...earlier.added.phones, ...added.phones], emails: [...earlier.added.emails, ...added.emails], addresses: [...earlier.added.addresses, ...added.addresses] },
      });
    } else if (!earlier) changes.set(contact.id, { contactId: contact.id, action: 'updated', before, added });
  };

  plan.rows.forEach((row, index) => {
    let action = row.action;
    if (action === 'create' || action === 'duplicate') {
      const id = contacts.insert(toNewContact(row.candidate));
      createdIds[index] = id;
      changes.set(id, { contactId: id, action: 'created', before: null, added: null });
      if (action === 'duplicate') {
        const other = row.existingId ?? (row.plannedIndex !== null ? createdIds[row.plannedIndex] : undefined);
        if (other !== undefined) imports.addDuplicate(id, other, 'sameNumberOtherName', importId);
      }
    } else if (action === 'update' && row.existingId !== null) {
      // Fresh from the database: an earlier row of this file may have filled the same contact.
      const contact = contacts.byIds([row.existingId]).get(row.existingId);
      const patch = !contact ? null : row.lastMessageAt ? chatPatch(contact, row.lastMessageAt) : patchFor(contact, row.candidate);
      if (contact && patch) applyPatch(contact, patch);
      else action = 'unchanged';
    }
    counts[countKey[action]] += 1;
  });

  const revisions = contacts.revisions([...changes.keys()]);
  for (const change of changes.values()) imports.addChange(importId, { ...change, revisionAfter: revisions.get(change.contactId) ?? 0 });
  imports.updateCounts(importId, counts);
  const record = importRecords(ctx, [importId])[0]!;
  return { record, contactIds: [...changes.keys()] };
}

/** Commits analysed files in one transaction: all of them are written, or none. */
export function commitAnalyses(ctx: ServiceContext, analyses: FileAnalysis[]): CommittedFile[] {
  const writable = analyses.filter((analysis) => !analysis.reading.rejected);
  return ctx.repos.transaction(() => writable.map((analysis) => commitFile(ctx, analysis)));
}

/** Why an import cannot be undone, or null when it can. */
function undoBlocker(ctx: ServiceContext, importId: number, language: Language): string | null {
  const record = ctx.repos.imports.get(importId);
  if (!record) return translate(language, 'import.undo.notFound');
  if (record.undoneAt) return translate(language, 'import.undo.alreadyUndone');
  const changes = ctx.repos.imports.changes(importId);
  const revisions = ctx.repos.contacts.revisions(changes.map((change) => change.contactId));
  const changedSince = changes.filter((change) => {
    const revision = revisions.get(change.contactId);
    return revision === undefined ? change.action === 'updated' : revision !== change.revisionAfter;
  });
  if (changedSince.length === 0) return null;
  const names = [...ctx.repos.contacts.byIds(changedSince.slice(0, 3).map((c) => c.contactId)).values()].map((c) => c.displayName);
  return translate(language, 'import.undo.blocked', { count: changedSince.length, names: names.join(', ') || '–' });
}

export function importRecords(ctx: ServiceContext, ids?: number[]): ImportRecord[] {
  const language = getSettings(ctx).language;
  const list = ids ? ids.map((id) => ctx.repos.imports.get(id)).filter((row) => row !== null) : ctx.repos.imports.list();
  return list.map((row) => ({
    id: row.id,
    file: row.fileName,
    format: row.format,
    importedAt: row.importedAt,
    counts: row.counts,
    undoneAt: row.undoneAt,
    undoBlockedBy: row.undoneAt ? null : undoBlocker(ctx, row.id, language),
  }));
}

/** Takes an import back: its new contacts go, the fields it filled return, its added rows go. */
export function undoImport(ctx: ServiceContext, importId: number): ImportRecord {
  const language = getSettings(ctx).language;
  const blocker = undoBlocker(ctx, importId, language);
  if (blocker) throw new AppError('conflict', 'import.undo.refused', { reason: blocker });
  ctx.repos.transaction(() => {
    const changes = ctx.repos.imports.changes(importId);
    ctx.repos.contacts.deleteMany(changes.filter((c) => c.action === 'created').map((c) => c.contactId));
    for (const change of changes) {
      if (change.action !== 'updated') continue;
      if (change.before && Object.keys(change.before).length) ctx.repos.contacts.updateFields(change.contactId, change.before);
      if (change.added) ctx.repos.contacts.removeRows(change.added);
    }
    ctx.repos.imports.markUndone(importId);
  });
  return importRecords(ctx, [importId])[0]!;
}
