import type { Contact } from '../../shared/model/contact';
import { legacyEncodings, type ColumnTarget, type ImportAction, type ImportCounts, type ImportDecision, type ImportFileSummary, type ImportRecord, type LegacyEncoding, type PreviewRow } from '../../shared/model/import';
import { translate } from '../../shared/i18n';
import { formatDate } from '../../shared/local-date';
import type { Language } from '../../shared/model/settings';
import type { AddedRows, ContactFields, MatchIndex, NewContact } from '../db/repositories/contacts';
import type { ImportChange } from '../db/repositories/imports';
import { chatPatch, planChat } from '../importers/chat-plan';
import { MemoryCandidateStore, type CandidateStore } from '../importers/candidate-store';
import { countKey, patchFor, Planner, type ContactPatch, type Plan, type PlanContext, type PlanRow, type Reason } from '../importers/import-plan';
import { choicesFor, decidedByOffice, decidedCounts, decisionFor, type Decision } from '../importers/decisions';
import type { CandidateContact } from '../importers/normalize';
import type { FileReading } from '../importers/read';
import { readImportFileIsolated } from '../importers/read-isolated';
import type { ByteSource } from '../importers/source';
import type { ServiceContext } from './context';
import { runSteps, runStepsInSlices, timeSlices, type Steps } from './time-slices';
import { AppError } from './errors';
import { getSettings } from './settings';

/** One file, read and planned: what the preview shows and what a commit writes. */
export interface FileAnalysis {
  reading: FileReading;
  plan: Plan;
  region: string;
  /** The database state the plan was made in (see ContactsRepository.stateToken). */
  stateToken: string;
  /** Planned on top of other files of the same import (their contacts not yet written). */
  plannedAfterOthers: boolean;
  /** The encoding the user chose for this file's text that is not UTF-8 (null: the app's guess). */
  legacyEncoding: LegacyEncoding | null;
  /** The office's decisions in the preview, by row (see importers/decisions.ts); empty: the defaults. */
  decisions: Map<number, Decision>;
}

export interface AnalyseOptions {
  region?: string;
  mapping?: ColumnTarget[];
  legacyEncoding?: LegacyEncoding | null;
  onProgress?: (bytesRead: number) => void;
  /** Stops reading at once (the import was cancelled); analyseFile then throws ReadCancelled. */
  signal?: AbortSignal;
  /** How the file is read: in a worker thread (the default; the benchmark compares reading in this thread). */
  read?: typeof readImportFileIsolated;
}

const emptyPlan = (): Plan => ({ rows: [], counts: { created: 0, updated: 0, unchanged: 0, duplicates: 0, invalid: 0 }, store: new MemoryCandidateStore() });

/** What the repository stores of a candidate (also the base of its preview as a contact). */
const toNewContact = (candidate: CandidateContact) =>
  ({
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
    kind: candidate.kind ?? ('other' as const),
    language: candidate.language ?? ('de' as const),
    phones: candidate.phones.map((p) => ({ e164: p.e164, raw: p.raw, label: p.label, kind: p.kind })),
    emails: candidate.emails,
    addresses: candidate.addresses,
  }) satisfies NewContact;

const candidateAsContact = (id: number, candidate: CandidateContact): Contact => ({
  ...toNewContact(candidate),
  id,
  formal: null,
  minor: false,
  tags: [],
  stage: 'new',
  target: null,
  messenger: null,
  messengerId: null,
  stageChangedAt: null,
  invitedAt: null,
  invitedChannel: null,
  switchedAt: null,
  letterSentAt: null,
  letterVersion: null,
  onWhatsapp: false,
  whatsappLastMessageAt: null,
  revision: 0,
  updatedAt: '',
});

/** Contact ids per slice of the match index: about 10 ms of reading on an office PC. */
const MATCH_INDEX_SLICE = 2_000;

/**
 * The database as it will be once the earlier files of the same import are written: their new
 * contacts join the match index under negative ids, so a person in two files is planned once.
 * Read in slices of contact ids, so other requests are answered in between (see time-slices.ts).
 */
function* planningContext(ctx: ServiceContext, earlier: FileAnalysis[]): Steps<PlanContext> {
  const index: MatchIndex = { byE164: new Map(), byEmail: new Map(), names: new Map() };
  const lastId = ctx.repos.contacts.lastId();
  for (let after = 0; after < lastId; after += MATCH_INDEX_SLICE) {
    ctx.repos.contacts.fillMatchIndex(index, after, Math.min(after + MATCH_INDEX_SLICE, lastId));
    yield;
  }
  const planned = new Map<number, { store: CandidateStore; index: number }>();
  const add = <K>(map: Map<K, number[]>, key: K, id: number) => map.set(key, [...(map.get(key) ?? []), id]);
  let nextId = -1;
  for (const analysis of earlier) {
    for (const row of analysis.plan.rows) {
      if (row.action !== 'create' && row.action !== 'duplicate') continue;
      const id = nextId--;
      const candidate = analysis.plan.store.get(row.index);
      planned.set(id, { store: analysis.plan.store, index: row.index });
      for (const phone of candidate.phones) if (phone.e164) add(index.byE164, phone.e164, id);
      for (const email of candidate.emails) if (email.valid) add(index.byEmail, email.address.toLowerCase(), id);
      const { displayName, givenName, familyName, organization } = candidate;
      index.names.set(id, { displayName, givenName, familyName, organization });
      yield;
    }
  }
  const load = (ids: number[]) => {
    const found = ctx.repos.contacts.byIds(ids.filter((id) => id > 0));
    for (const id of ids) {
      const entry = id < 0 ? planned.get(id) : undefined;
      if (entry) found.set(id, candidateAsContact(id, entry.store.get(entry.index)));
    }
    return found;
  };
  return { index, load, keptApart: ctx.repos.imports.keptApart() };
}

/** Plans a file read earlier again (in a commit, when the database changed since its preview). */
function* planReading(ctx: ServiceContext, reading: FileReading, region: string, earlier: FileAnalysis[]): Steps<Plan> {
  if (reading.rejected) return emptyPlan();
  const context = yield* planningContext(ctx, earlier);
  if (reading.chat) return planChat(reading.chat.participants, reading.chat.partner, { ...context, region });
  const planner = new Planner(reading.candidates, context);
  let index = 0;
  for (const candidate of reading.candidates.values()) {
    planner.add(candidate, index++);
    yield;
  }
  return planner.finish();
}

/**
 * Reads a file and plans it against the database and the files before it in the same import,
 * contact by contact as it streams; writes nothing.
 */
export async function analyseFile(ctx: ServiceContext, source: ByteSource, options: AnalyseOptions = {}, earlier: FileAnalysis[] = []): Promise<FileAnalysis> {
  const region = options.region ?? getSettings(ctx).defaultRegion;
  const stateToken = ctx.repos.contacts.stateToken();
  const context = await runStepsInSlices(planningContext(ctx, earlier));
  const store = ctx.repos.newStagingStore();
  const planner = new Planner(store, context);
  // Planning runs here, on the main thread, as the contacts arrive: it gives way every few ms.
  const pause = timeSlices();
  let reading: FileReading;
  try {
    const read = options.read ?? readImportFileIsolated;
    reading = await read(source, {
      region,
      mapping: options.mapping,
      legacyEncoding: options.legacyEncoding ?? undefined,
      rememberedMappings: ctx.repos.imports.mappings(),
      onProgress: options.onProgress,
      signal: options.signal,
      store,
      onCandidate: (candidate, index) => {
        planner.add(candidate, index);
        return pause();
      },
    });
  } catch (error) {
    store.close();
    throw error;
  }
  const plan = reading.rejected
    ? emptyPlan()
    : reading.chat
      ? planChat(reading.chat.participants, reading.chat.partner, { ...context, region })
      : planner.finish();
  if (plan.store !== store) store.close();
  return { reading, plan, region, stateToken, plannedAfterOthers: earlier.length > 0, legacyEncoding: options.legacyEncoding ?? null, decisions: new Map() };
}

/** Whether the file's columns need a look before importing: unknown headers, or nothing usable mapped. */
export function needsMapping(reading: FileReading): boolean {
  const table = reading.table;
  if (!table || table.remembered || table.confirmed) return false;
  const usable = table.mapping.some((target) => /^(fullName|givenName|familyName|organization|phone|email)/.test(target));
  return !usable || table.unknown.some((index) => table.mapping[index] === 'ignore');
}

/** Text that was not UTF-8 (the encodings read, e.g. "utf-8+windows-1252"): its encoding was a guess or the user's choice. */
const hasUndeclaredLegacyText = (reading: FileReading) => !reading.rejected && (reading.encoding ?? '').split('+').some((encoding) => (legacyEncodings as readonly string[]).includes(encoding));

export function summarise(index: number, analysis: FileAnalysis, language: Language): ImportFileSummary {
  const { reading, plan } = analysis;
  return {
    index,
    file: reading.name,
    format: reading.format,
    encoding: reading.encoding,
    encodingChoice: hasUndeclaredLegacyText(reading) ? { chosen: analysis.legacyEncoding } : null,
    rejected: reading.rejected,
    counts: decidedCounts(plan.rows, analysis.decisions),
    actions: plan.counts,
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
  // A chat's last message day, as the office reads days.
  if (typeof vars.date === 'string') vars.date = formatDate(vars.date, language);
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
    rows: page.map((row) => {
      const candidate = analysis.plan.store.get(row.index);
      return {
      line: row.line,
      action: row.action,
      displayName: candidate.displayName,
      organization: candidate.organization,
      phones: candidate.phones.map((p) => ({ raw: p.raw, e164: p.e164, kind: p.kind })),
      emails: candidate.emails.map((e) => ({ address: e.address, valid: e.valid })),
      reason: row.reason ? reasonText(row.reason, language) : null,
      // Negative ids are contacts an earlier file of this import creates: no link yet.
      existingId: row.existingId !== null && row.existingId > 0 ? row.existingId : null,
      existingName: row.existingName,
      row: row.index,
      decision: decisionFor(row, analysis.decisions),
      choices: choicesFor(row),
      decided: decidedByOffice(row, analysis.decisions),
      };
    }),
  };
}


export interface CommittedFile {
  record: ImportRecord;
  /** Contacts the import created or changed, for "show the imported contacts". */
  contactIds: number[];
}

/**
 * Writes one analysed file: one import record, then every row. Updates are worked out again
 * against the contact as it is now, and only fill gaps. The caller wraps all files of a commit in
 * one transaction.
 */
function* commitFile(ctx: ServiceContext, analysis: FileAnalysis, plan: Plan): Steps<CommittedFile> {
  const { reading } = analysis;
  const { contacts, imports } = ctx.repos;
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, duplicates: 0, invalid: 0 };
  const importId = imports.create({ fileName: reading.name, fileHash: reading.hash, format: reading.format!, encoding: reading.encoding, counts });
  const createdIds: (number | undefined)[] = [];
  const changes = new Map<number, Omit<ImportChange, 'revisionAfter'>>();

  const applyPatch = (contact: Contact, patch: ContactPatch) => {
    const before: Partial<ContactFields> = {};
    for (const key of Object.keys(patch.fields) as (keyof ContactFields)[]) (before as Record<string, unknown>)[key] = contact[key as keyof Contact] ?? null;
    const after = patch.fields;
    contacts.updateFields(contact.id, patch.fields);
    const added: AddedRows = {
      phones: contacts.addPhones(contact.id, patch.phones.map((p) => ({ e164: p.e164, raw: p.raw, label: p.label, kind: p.kind }))),
      emails: contacts.addEmails(contact.id, patch.emails),
      addresses: contacts.addAddresses(contact.id, patch.addresses),
    };
    const earlier = changes.get(contact.id);
    // A second row for the same contact keeps the oldest values and collects every added row.
    changes.set(
      contact.id,
      earlier
        ? {
            contactId: contact.id,
            before: { ...before, ...earlier.before },
            after: { ...earlier.after, ...after },
            added: { phones: [...earlier.added.phones, ...added.phones], emails: [...earlier.added.emails, ...added.emails], addresses: [...earlier.added.addresses, ...added.addresses] },
          }
        : { contactId: contact.id, before, after, added },
    );
  };

  const created: number[] = [];
  const decisions = analysis.decisions;
  /** A contact of its own for the row (a chat sender with what the chat says about them). */
  const insertRow = (row: PlanRow, index: number): number => {
    const candidate = plan.store.get(row.index);
    const id = contacts.insert(row.lastMessageAt ? { ...candidate, onWhatsapp: true, whatsappLastMessageAt: row.lastMessageAt } : candidate, importId);
    createdIds[index] = id;
    created.push(id);
    return id;
  };
  /** The contact the row matched: in the database, or created by an earlier row of this file. */
  const matchedId = (row: PlanRow): number | undefined => row.existingId ?? (row.plannedIndex !== null ? createdIds[row.plannedIndex] : undefined);

  for (const [index, row] of plan.rows.entries()) {
    yield;
    const decision = decisionFor(row, decisions);
    let action: ImportAction = row.action;
    if (decision === null) {
      // Nothing to write: invalid, or the same person as an earlier row of this file (already in its contact).
      counts[countKey[row.action]] += 1;
      continue;
    }
    if (decision === 'skip') {
      counts[row.action === 'invalid' ? 'invalid' : 'unchanged'] += 1;
      continue;
    }
    if (decision === 'create' || decision === 'keepBoth' || decision === 'review') {
      const id = insertRow(row, index);
      const other = row.action === 'create' || row.action === 'invalid' ? undefined : matchedId(row);
      // "keep both": different people for good; "review": a possible duplicate, decided later.
      if (other !== undefined && decision === 'keepBoth') imports.keepApart(id, other);
      if (other !== undefined && decision === 'review') imports.addDuplicate(id, other, row.reason?.key === 'sameNameOtherWays' ? 'sameNameOtherWays' : 'sameNumberOtherName', importId);
      action = other !== undefined && decision === 'review' ? 'duplicate' : 'create';
    } else {
      // merge: fresh from the database, since an earlier row of this file may have filled the same contact.
      const id = matchedId(row);
      const contact = id !== undefined ? contacts.byIds([id]).get(id) : undefined;
      const patch = !contact ? null : row.lastMessageAt ? chatPatch(contact, row.lastMessageAt) : patchFor(contact, plan.store.get(row.index));
      if (contact && patch) applyPatch(contact, patch);
      action = contact && patch ? 'update' : 'unchanged';
    }
    counts[countKey[action]] += 1;
  }

  const revisions = contacts.revisions([...changes.keys()]);
  for (const change of changes.values()) imports.addChange(importId, { ...change, revisionAfter: revisions.get(change.contactId) ?? 0 });
  imports.updateCounts(importId, counts);
  // Nothing has happened to its contacts yet: undo is possible.
  const record = importRecords(ctx, [importId], { fresh: true })[0]!;
  return { record, contactIds: [...created, ...changes.keys()] };
}

/** Frees what an analysis holds (its staged contacts); call when it is committed or dropped. */
export function releaseAnalysis(analysis: FileAnalysis): void {
  analysis.plan.store.close();
  analysis.reading.candidates.close();
}

/**
 * Commits analysed files in one transaction: all of them are written, or none. A file is planned
 * again inside the transaction unless nothing was written since its preview (the usual case of a
 * single file): earlier files of the same commit, or edits meanwhile, change what it should do.
 */
function* commitSteps(ctx: ServiceContext, analyses: FileAnalysis[]): Steps<CommittedFile[]> {
  const committed: CommittedFile[] = [];
  for (const [index, analysis] of analyses.filter((analysis) => !analysis.reading.rejected).entries()) {
    const current = index === 0 && !analysis.plannedAfterOthers && analysis.stateToken === ctx.repos.contacts.stateToken();
    const plan = current ? analysis.plan : yield* planReading(ctx, analysis.reading, analysis.region, []);
    committed.push(yield* commitFile(ctx, analysis, plan));
  }
  return committed;
}

/** The commit at once (the CLI, which has nothing else to answer meanwhile). */
export function commitAnalyses(ctx: ServiceContext, analyses: FileAnalysis[]): CommittedFile[] {
  return ctx.repos.transaction(() => runSteps(commitSteps(ctx, analyses)));
}

/** The commit in time slices (the UI): the list can be searched while 100,000 contacts are written. */
export function commitAnalysesInSlices(ctx: ServiceContext, analyses: FileAnalysis[]): Promise<CommittedFile[]> {
  return ctx.repos.transactionInSlices(commitSteps(ctx, analyses));
}

/** Why an import cannot be undone, or null when it can. */
function undoBlocker(ctx: ServiceContext, importId: number, language: Language): string | null {
  const record = ctx.repos.imports.get(importId);
  if (!record) return translate(language, 'import.undo.notFound');
  if (record.undoneAt) return translate(language, 'import.undo.alreadyUndone');
  // Created contacts are at revision 1 until anything is done to them; updated ones at the
  // revision the import left them at. A contact that is gone can no longer be restored.
  const changedCreated = ctx.repos.contacts.changedSinceCreatedBy(importId);
  const changes = ctx.repos.imports.changes(importId);
  const revisions = ctx.repos.contacts.revisions(changes.map((change) => change.contactId));
  const changedUpdated = changes.filter((change) => revisions.get(change.contactId) !== change.revisionAfter);
  const count = changedCreated.count + changedUpdated.length;
  if (count === 0) return null;
  const names = [
    ...changedCreated.names,
    ...[...ctx.repos.contacts.byIds(changedUpdated.slice(0, 3).map((c) => c.contactId)).values()].map((c) => c.displayName),
  ].slice(0, 3);
  return translate(language, 'import.undo.blocked', { count, names: names.join(', ') || '–' });
}

export function importRecords(ctx: ServiceContext, ids?: number[], { fresh = false } = {}): ImportRecord[] {
  const language = getSettings(ctx).language;
  const list = ids ? ids.map((id) => ctx.repos.imports.get(id)).filter((row) => row !== null) : ctx.repos.imports.list();
  return list.map((row) => ({
    id: row.id,
    file: row.fileName,
    format: row.format,
    importedAt: row.importedAt,
    counts: row.counts,
    undoneAt: row.undoneAt,
    undoBlockedBy: row.undoneAt || fresh ? null : undoBlocker(ctx, row.id, language),
  }));
}

/** Takes an import back: its new contacts go, the fields it filled return, its added rows go. */
export function undoImport(ctx: ServiceContext, importId: number): ImportRecord {
  const language = getSettings(ctx).language;
  const blocker = undoBlocker(ctx, importId, language);
  if (blocker) throw new AppError('conflict', 'import.undo.refused', { reason: blocker });
  ctx.repos.transaction(() => {
    ctx.repos.contacts.deleteMany(ctx.repos.contacts.createdBy(importId));
    for (const change of ctx.repos.imports.changes(importId)) {
      if (Object.keys(change.before).length) ctx.repos.contacts.updateFields(change.contactId, change.before);
      ctx.repos.contacts.removeRows(change.contactId, change.added);
    }
    ctx.repos.imports.markUndone(importId);
  });
  return importRecords(ctx, [importId])[0]!;
}
