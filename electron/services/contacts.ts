import { displayNumber } from '../../shared/phone';
import type { RequestOutput, ValidInput } from '../../shared/contract';
import type { BinContact } from '../../shared/contract/contacts';
import { localDaysAgo } from '../../shared/local-date';
import type { Contact, Selection } from '../../shared/model/contact';
import type { ContactListQuery } from '../db/repositories/contact-list';
import type { ServiceContext } from './context';
import { AppError } from '../db/errors';
import { binPurgeDay, DELETED_CONTACTS_KEPT_DAYS, eraseContact, type ErasureResult } from './erasure';
import { getSettings } from './settings';

/**
 * The parts of every contact query that come from the settings: when an invitation or a letter is
 * overdue (days counted on the office's calendar, so "14 days ago" is the same at 00:30 as at noon).
 */
export function overdueCutoffs(ctx: ServiceContext): Pick<ContactListQuery, 'invitedBefore' | 'letterSentBefore'> {
  const settings = getSettings(ctx);
  return { invitedBefore: localDaysAgo(settings.invitationReminderDays), letterSentBefore: localDaysAgo(settings.letterReminderDays) };
}

export const countContacts = (ctx: ServiceContext): RequestOutput<'contacts.count'> => ({ total: ctx.repos.contacts.count() });

export function listContacts(ctx: ServiceContext, input: ValidInput<'contacts.list'>): RequestOutput<'contacts.list'> {
  const { offset, limit, sort, descending, ...filter } = input;
  const page = ctx.repos.contactList.page(
    { ...overdueCutoffs(ctx), ...filter, search: filter.search ?? '' },
    { sort, descending, offset, limit },
  );
  // The number as the office reads it (a page is at most a few hundred rows: about 10 µs each).
  return {
    ...page,
    rows: page.rows.map((row) =>
      row.mobile ? { ...row, mobile: displayNumber(row.mobile.startsWith('+') ? row.mobile : null, row.mobile) } : row,
    ),
  };
}

/** The contacts a selection names: its ids, or every contact the filter finds but those excepted, in table order. */
export function selectionIds(ctx: ServiceContext, selection: Selection): number[] {
  if ('ids' in selection) return [...new Set(selection.ids)];
  const except = new Set(selection.except ?? []);
  return ctx.repos.contactList
    .ids({ ...overdueCutoffs(ctx), ...selection.filter, search: selection.filter.search ?? '' })
    .filter((id) => !except.has(id));
}

/** Every tag in use, for the filter and the bulk menu. */
export const allTags = (ctx: ServiceContext): string[] => ctx.repos.contacts.allTags();

export const allContacts = (ctx: ServiceContext): Contact[] => ctx.repos.contacts.all();

/**
 * Brings one contact back from the bin (the CLI's `restore`; the contact list's undo takes back a
 * whole operation instead). Possible until the bin's 30 days run out: an erased contact stays erased.
 */
export function restoreContact(ctx: ServiceContext, id: number): Contact {
  const found = ctx.repos.contacts.erasable(id);
  if (!found) throw new AppError('not_found', 'tracking.errors.contactNotFound');
  if (found.deletedAt === null) throw new AppError('conflict', 'tracking.errors.notInBin', { name: found.displayName });
  ctx.repos.transaction(() => {
    ctx.repos.contacts.setDeleted([id], false);
    ctx.repos.tracking.addHistory({ contactId: id, kind: 'restored', before: { deleted: true }, after: { deleted: false } });
  });
  return ctx.repos.contacts.byIds([id]).get(id)!;
}

/** What the bin's list shows at most; the rest is counted (a bulk delete of thousands is undone as a whole). */
const BIN_LIST_LIMIT = 1000;

/**
 * The bin (Papierkorb), the most recently deleted first: each contact with when it was deleted and
 * the office's day from which the next start erases it (DELETED_CONTACTS_KEPT_DAYS after deletion).
 */
export function binContacts(ctx: ServiceContext, limit = BIN_LIST_LIMIT): { total: number; keptDays: number; contacts: BinContact[] } {
  const { total, contacts } = ctx.repos.contacts.bin(limit);
  return {
    total,
    keptDays: DELETED_CONTACTS_KEPT_DAYS,
    contacts: contacts.map((row) => ({ ...row, purgeOn: binPurgeDay(row.deletedAt) })),
  };
}

/** "Endgültig löschen" in the bin: only a contact that lies in it; erased at once, as `erase` does. */
export function eraseFromBin(ctx: ServiceContext, id: number): ErasureResult {
  const found = ctx.repos.contacts.erasable(id);
  if (!found) throw new AppError('not_found', 'tracking.errors.contactNotFound');
  if (found.deletedAt === null) throw new AppError('conflict', 'tracking.errors.notInBin', { name: found.displayName });
  return eraseContact(ctx, id);
}
