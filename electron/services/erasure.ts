import path from 'node:path';
import { localDate, localDateOf } from '../../shared/local-date';
import { normalizeHeader } from '../importers/columns';
import type { ServiceContext } from './context';
import { AppError } from '../db/errors';

/** How long a deleted contact can be brought back (undo) before it is erased for good. */
export const DELETED_CONTACTS_KEPT_DAYS = 30;

/**
 * What an import whose contacts are all erased keeps of its file name: the kind of file, not the
 * person it was named after ("Anna Berg.vcf" becomes "(Name entfernt).vcf" in the import history).
 */
export const anonymousFileName = (fileName: string): string => `(Name entfernt)${path.extname(fileName).toLowerCase()}`;

export interface ErasedContact {
  id: number;
  /** When it was deleted (ISO); an immediate erasure deletes and erases at once. */
  deletedAt: string;
}

/**
 * The values of contacts about to be erased, as a column header would hold them after
 * normalizeHeader: a CSV without a header row makes its first person the "headers", and the mapping
 * the office confirmed for it is saved under them.
 */
function personalCells(ctx: ServiceContext, ids: number[]): Set<string> {
  const cells = new Set<string>();
  const contacts = ctx.repos.contacts.byIdsIncludingBin(ids);
  for (const contact of contacts) {
    const values = [
      contact.displayName,
      contact.givenName,
      contact.familyName,
      contact.note,
      contact.customerNumber,
      ...contact.phones.flatMap((p) => [p.raw, p.e164]),
      ...contact.emails.map((e) => e.address),
      ...contact.addresses.map((a) => a.street),
    ];
    for (const value of values) if (value) cells.add(normalizeHeader(value));
  }
  cells.delete('');
  return cells;
}

/**
 * Erases contacts for good, inside the caller's transaction: everything that names them goes (see
 * ContactsRepository.erase), their history becomes one entry without personal data, saved column
 * mappings made from their row go, and imports left without any contact lose their file name.
 * `purged`: the bin's 30 days ran out (the entry says both days), else an erasure on request.
 */
export function eraseContacts(ctx: ServiceContext, contacts: ErasedContact[], now: Date, purged: boolean): void {
  if (contacts.length === 0) return;
  const ids = contacts.map((contact) => contact.id);
  const cells = personalCells(ctx, ids);
  const mappings = ctx.repos.imports.mappings().filter(([signature]) => signature.split('\u241f').some((header) => cells.has(header)));
  ctx.repos.contacts.erase(ids);
  const erasedOn = localDate(now);
  for (const contact of contacts) {
    const after = purged
      ? { deletedOn: localDateOf(contact.deletedAt), erasedOn, keptDays: DELETED_CONTACTS_KEPT_DAYS }
      : { deletedOn: erasedOn };
    ctx.repos.tracking.addHistory({ contactId: contact.id, kind: 'erased', before: null, after });
  }
  ctx.repos.imports.deleteMappings(mappings.map(([signature]) => signature));
  ctx.repos.imports.forgetFileNamesWithoutContacts(anonymousFileName);
}

export interface ErasureResult {
  id: number;
  /** The office's local day of the erasure (YYYY-MM-DD). */
  erasedOn: string;
  /** Earlier records of the same person merged into this contact and still in the bin, erased with it. */
  alsoErased: number[];
  /**
   * Whether the files hold no copy any more. False while another program (the desktop app, the host)
   * reads the database: the contact is erased for every program, but the -wal and freed pages keep
   * the old bytes until that program lets go; the clean-up runs again when this session closes and at
   * the next start, and SQLite does it itself when the last program closes the file.
   */
  scrubbed: boolean;
}

/**
 * Erases one contact at once and irreversibly (a request under GDPR Art. 17), whether it is in the
 * list or in the bin. What is left is its id with the entry "Kontakt gelöscht am …". The write-ahead
 * log is emptied afterwards, so the -wal file holds no copy of what was erased (see `scrubbed`).
 */
export function eraseContact(ctx: ServiceContext, id: number, now = new Date()): ErasureResult {
  const contact = ctx.repos.contacts.erasable(id);
  if (!contact) throw new AppError('not_found', 'tracking.errors.contactNotFound');
  const result = ctx.repos.transaction(() => {
    const merged = ctx.repos.contacts.mergedIntoInBin(id);
    eraseContacts(ctx, [{ id, deletedAt: now.toISOString() }, ...merged], now, false);
    return { id, erasedOn: localDate(now), alsoErased: merged.map((other) => other.id) };
  });
  return { ...result, scrubbed: ctx.repos.checkpoint() };
}

/**
 * Erases the contacts that lay in the bin for longer than 30 days (GDPR Art. 17: deleted must mean
 * gone once the chance to undo has passed), and uploads no consent came of. Only reads when nothing
 * is due, so it runs on every start, also on a write-protected database. Returns how many went.
 */
export function purgeBin(ctx: ServiceContext, now = new Date()): number {
  const before = new Date(now.getTime() - DELETED_CONTACTS_KEPT_DAYS * 86_400_000).toISOString();
  const due = ctx.repos.contacts.inBinBefore(before);
  const unusedUploads = ctx.repos.contacts.hasUnusedEvidenceBefore(before);
  if (due.length === 0 && !unusedUploads) return 0;
  ctx.repos.transaction(() => {
    eraseContacts(ctx, due, now, true);
    ctx.repos.contacts.purgeUnusedEvidenceBefore(before);
  });
  // Held up by another program, the clean-up of the files stays pending (done at close or next start).
  ctx.repos.checkpoint();
  return due.length;
}
