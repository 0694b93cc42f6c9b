// Imports done: the list with what each did, and undo.
import type { ImportRecord } from '../../shared/model/import';
import { translate } from '../../shared/i18n';
import type { Language } from '../../shared/model/settings';
import type { ServiceContext } from './context';
import { AppError } from '../db/errors';
import { messageLanguage } from './settings';

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
  const language = messageLanguage(ctx);
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
  const language = messageLanguage(ctx);
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
