// Imports done: the list with what each did, and undo (whole, or the rest without the contacts changed since).
import type { ImportRecord } from '../../shared/model/import';
import { translate } from '../../shared/i18n';
import type { Language } from '../../shared/model/settings';
import type { ImportChange } from '../db/repositories/imports';
import type { ServiceContext } from './context';
import { AppError } from '../db/errors';
import { messageLanguage } from './settings';

/** How many names of changed contacts an import's record carries (the rest is counted). */
const NAMED_CHANGED = 5;

interface ChangedSince {
  /** Contacts the import created or filled in that were changed since: how many, and the first names. */
  count: number;
  names: string[];
  /** Contacts the import touched that nobody changed since: what an undo of the rest takes back. */
  rest: number;
  /** The import's records of contacts it filled in, each with whether it was changed since. */
  updates: { change: ImportChange; changed: boolean }[];
}

/**
 * What was changed since an import. Created contacts are at revision 1 until anything is done to
 * them; updated ones at the revision the import left them at. A contact that is gone can no longer
 * be restored.
 */
function changedSince(ctx: ServiceContext, importId: number): ChangedSince {
  const changedCreated = ctx.repos.contacts.changedSinceCreatedBy(importId);
  const unchangedCreated = ctx.repos.contacts.unchangedCreatedBy(importId).length;
  const changes = ctx.repos.imports.changes(importId);
  const revisions = ctx.repos.contacts.revisions(changes.map((change) => change.contactId));
  const updates = changes.map((change) => ({ change, changed: revisions.get(change.contactId) !== change.revisionAfter }));
  const changedUpdated = updates.filter((update) => update.changed).map((update) => update.change.contactId);
  const names = [
    ...changedCreated.names,
    ...[...ctx.repos.contacts.byIds(changedUpdated.slice(0, NAMED_CHANGED)).values()].map((c) => c.displayName),
  ].slice(0, NAMED_CHANGED);
  return {
    count: changedCreated.count + changedUpdated.length,
    names,
    rest: unchangedCreated + updates.length - changedUpdated.length,
    updates,
  };
}

/** Why an import cannot be undone as a whole, or null when it can. */
function undoBlocker(ctx: ServiceContext, importId: number, language: Language, changed: ChangedSince | null): string | null {
  const record = ctx.repos.imports.get(importId);
  if (!record) return translate(language, 'import.undo.notFound');
  if (record.undoneAt) return translate(language, 'import.undo.alreadyUndone');
  const since = changed ?? changedSince(ctx, importId);
  if (since.count === 0) return null;
  return translate(language, 'import.undo.blocked', { count: since.count, names: since.names.slice(0, 3).join(', ') || '–' });
}

export function importRecords(ctx: ServiceContext, ids?: number[], { fresh = false } = {}): ImportRecord[] {
  const language = messageLanguage(ctx);
  const list = ids ? ids.map((id) => ctx.repos.imports.get(id)).filter((row) => row !== null) : ctx.repos.imports.list();
  return list.map((row) => {
    const since = row.undoneAt || fresh ? null : changedSince(ctx, row.id);
    return {
      id: row.id,
      file: row.fileName,
      format: row.format,
      importedAt: row.importedAt,
      counts: row.counts,
      undoneAt: row.undoneAt,
      undoBlockedBy: since ? undoBlocker(ctx, row.id, language, since) : null,
      changedSince: since && since.count > 0 ? { count: since.count, names: since.names, rest: since.rest } : null,
      keptOnUndo: row.keptOnUndo,
    };
  });
}

/**
 * Takes an import back: its new contacts go, the fields it filled return, its added rows go. Refused
 * once a contact it touched was changed since, unless `skipChanged`: then the rest is taken back and
 * the changed contacts stay as they are now (a contact it created and the office changed stays, one it
 * filled in keeps what it holds); the import's record says how many were kept. One transaction.
 */
export function undoImport(ctx: ServiceContext, importId: number, { skipChanged = false } = {}): ImportRecord {
  const language = messageLanguage(ctx);
  const since = ctx.repos.imports.get(importId)?.undoneAt ? null : changedSince(ctx, importId);
  const blocker = undoBlocker(ctx, importId, language, since);
  if (blocker && !(skipChanged && since && since.count > 0)) throw new AppError('conflict', 'import.undo.refused', { reason: blocker });
  ctx.repos.transaction(() => {
    if (since && since.count > 0) {
      ctx.repos.contacts.deleteMany(ctx.repos.contacts.unchangedCreatedBy(importId));
      const undone = since.updates.filter((update) => !update.changed).map((update) => update.change);
      for (const change of undone) {
        if (Object.keys(change.before).length) ctx.repos.contacts.updateFields(change.contactId, change.before);
        ctx.repos.contacts.removeRows(change.contactId, change.added);
      }
      // What is left of the import's records names the contacts it kept (their history still shows it).
      ctx.repos.imports.removeChanges(
        importId,
        undone.map((change) => change.contactId),
      );
      ctx.repos.imports.markUndone(importId, since.count);
      return;
    }
    ctx.repos.contacts.deleteMany(ctx.repos.contacts.createdBy(importId));
    for (const change of ctx.repos.imports.changes(importId)) {
      if (Object.keys(change.before).length) ctx.repos.contacts.updateFields(change.contactId, change.before);
      ctx.repos.contacts.removeRows(change.contactId, change.added);
    }
    ctx.repos.imports.markUndone(importId);
  });
  return importRecords(ctx, [importId])[0]!;
}
