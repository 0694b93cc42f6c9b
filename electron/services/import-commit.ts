// An import, step 3: write the analysed files in one transaction, all or nothing.
import type { Contact } from '../../shared/model/contact';
import type { ImportAction, ImportCounts, ImportRecord } from '../../shared/model/import';
import type { AddedRows, ContactFields } from '../db/repositories/contacts';
import type { ImportChange } from '../db/repositories/imports';
import { chatPatch } from '../importers/chat-plan';
import { countKey, patchFor, type ContactPatch, type Plan, type PlanRow } from '../importers/import-plan';
import { decisionFor } from '../importers/decisions';
import type { CandidateContact } from '../importers/normalize';
import { backupBefore } from './backups';
import type { ServiceContext } from './context';
import { runSteps, type Steps } from '../db/time-slices';

import { planReading, type FileAnalysis } from './import-analysis';
import { importRecords } from './import-history';

/** Candidates read from the store at a time while committing. */
const CANDIDATE_PAGE = 500;

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
  const importId = imports.create({
    fileName: reading.name,
    fileHash: reading.hash,
    format: reading.format!,
    encoding: reading.encoding,
    counts,
  });
  const createdIds: (number | undefined)[] = [];
  const changes = new Map<number, Omit<ImportChange, 'revisionAfter'>>();

  const applyPatch = (contact: Contact, patch: ContactPatch) => {
    const before: Partial<ContactFields> = {};
    for (const key of Object.keys(patch.fields) as (keyof ContactFields)[])
      (before as Record<string, unknown>)[key] = contact[key as keyof Contact] ?? null;
    const after = patch.fields;
    contacts.updateFields(contact.id, patch.fields);
    const added: AddedRows = {
      phones: contacts.addPhones(
        contact.id,
        patch.phones.map((p) => ({ e164: p.e164, raw: p.raw, label: p.label, kind: p.kind })),
      ),
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
            added: {
              phones: [...earlier.added.phones, ...added.phones],
              emails: [...earlier.added.emails, ...added.emails],
              addresses: [...earlier.added.addresses, ...added.addresses],
            },
          }
        : { contactId: contact.id, before, after, added },
    );
  };

  // The candidates a page at a time (rows come in file order): one query per page, not per row.
  let pageStart = 0;
  let page: CandidateContact[] = [];
  const candidateAt = (index: number) => {
    if (index < pageStart || index >= pageStart + page.length) {
      pageStart = index;
      page = plan.store.range(index, CANDIDATE_PAGE);
    }
    return page[index - pageStart] ?? plan.store.get(index);
  };

  const created: number[] = [];
  const decisions = analysis.decisions;
  /** A contact of its own for the row (a chat sender with what the chat says about them). */
  const insertRow = (row: PlanRow, index: number): number => {
    const candidate = candidateAt(row.index);
    const id = contacts.insert(
      row.lastMessageAt ? { ...candidate, onWhatsapp: true, whatsappLastMessageAt: row.lastMessageAt } : candidate,
      importId,
    );
    createdIds[index] = id;
    created.push(id);
    return id;
  };
  /** The contact the row matched: in the database, or created by an earlier row of this file. */
  const matchedId = (row: PlanRow): number | undefined =>
    row.existingId ?? (row.plannedIndex !== null ? createdIds[row.plannedIndex] : undefined);

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
      if (other !== undefined && decision === 'review')
        imports.addDuplicate(id, other, row.reason?.key === 'sameNameOtherWays' ? 'sameNameOtherWays' : 'sameNumberOtherName', importId);
      action = other !== undefined && decision === 'review' ? 'duplicate' : 'create';
    } else {
      // merge: fresh from the database, since an earlier row of this file may have filled the same contact.
      const id = matchedId(row);
      const contact = id !== undefined ? contacts.byIds([id]).get(id) : undefined;
      const patch = !contact ? null : row.lastMessageAt ? chatPatch(contact, row.lastMessageAt) : patchFor(contact, candidateAt(row.index));
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
  backupBefore(ctx, 'vor-Import');
  return ctx.repos.transaction(() => runSteps(commitSteps(ctx, analyses)));
}

/** The commit in time slices (the UI): the list can be searched while 100,000 contacts are written. */
export async function commitAnalysesInSlices(ctx: ServiceContext, analyses: FileAnalysis[]): Promise<CommittedFile[]> {
  backupBefore(ctx, 'vor-Import');
  return ctx.repos.transactionInSlices(commitSteps(ctx, analyses));
}
