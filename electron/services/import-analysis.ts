// An import, step 1: read a file (in a worker) and plan it against the database; writes nothing.
import type { Contact } from '../../shared/model/contact';
import type { ColumnTarget, LegacyEncoding } from '../../shared/model/import';
import type { MatchIndex, NewContact } from '../db/repositories/contacts';
import { planChat } from '../importers/chat-plan';
import { MemoryCandidateStore, type CandidateStore } from '../importers/candidate-store';
import { Planner, type Plan, type PlanContext } from '../importers/import-plan';
import type { Decision } from '../importers/decisions';
import type { CandidateContact } from '../importers/normalize';
import type { FileReading } from '../importers/read';
import { readImportFileIsolated } from '../importers/read-isolated';
import { createStagingStore } from '../importers/staging-store';
import type { ByteSource } from '../importers/source';
import type { ServiceContext } from './context';
import { runStepsInSlices, timeSlices, type Steps } from '../db/time-slices';
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

const emptyPlan = (): Plan => ({
  rows: [],
  counts: { created: 0, updated: 0, unchanged: 0, duplicates: 0, invalid: 0 },
  store: new MemoryCandidateStore(),
});

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
export function* planReading(ctx: ServiceContext, reading: FileReading, region: string, earlier: FileAnalysis[]): Steps<Plan> {
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
export async function analyseFile(
  ctx: ServiceContext,
  source: ByteSource,
  options: AnalyseOptions = {},
  earlier: FileAnalysis[] = [],
): Promise<FileAnalysis> {
  const region = options.region ?? getSettings(ctx).defaultRegion;
  const stateToken = ctx.repos.contacts.stateToken();
  const context = await runStepsInSlices(planningContext(ctx, earlier));
  const store = createStagingStore(ctx.repos.openScratch());
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
  return {
    reading,
    plan,
    region,
    stateToken,
    plannedAfterOthers: earlier.length > 0,
    legacyEncoding: options.legacyEncoding ?? null,
    decisions: new Map(),
  };
}

/** Whether the file's columns need a look before importing: unknown headers, or nothing usable mapped. */
export function needsMapping(reading: FileReading): boolean {
  const table = reading.table;
  if (!table || table.remembered || table.confirmed) return false;
  const usable = table.mapping.some((target) => /^(fullName|givenName|familyName|organization|phone|email)/.test(target));
  return !usable || table.unknown.some((index) => table.mapping[index] === 'ignore');
}

/** Frees what an analysis holds (its staged contacts); call when it is committed or dropped. */
export function releaseAnalysis(analysis: FileAnalysis): void {
  analysis.plan.store.close();
  analysis.reading.candidates.close();
}
