import path from 'node:path';
import { addDays, localDate, localDateOf } from '../../shared/local-date';
import { proofKeptUntil } from '../../shared/model/erasure';
import { normalizeHeader } from '../importers/columns';
import type { RetainedEvidence } from '../db/repositories/contact-erasure';
import type { ServiceContext } from './context';
import { AppError } from '../db/errors';

/** How long a deleted contact can be brought back (undo) before it is erased for good. */
export const DELETED_CONTACTS_KEPT_DAYS = 30;

/**
 * The office's day from which a contact deleted at `deletedAt` (ISO) is erased: DELETED_CONTACTS_KEPT_DAYS
 * later (the next start on or after it erases it). The bin and the access report say the same day.
 */
export const binPurgeDay = (deletedAt: string): string => addDays(localDateOf(deletedAt)!, DELETED_CONTACTS_KEPT_DAYS);

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
export function eraseContacts(
  ctx: ServiceContext,
  contacts: ErasedContact[],
  now: Date,
  purged: boolean,
  /** Per contact, the last day a proof of its withdrawn consent is kept (retainWithdrawnEvidence), said in its entry. */
  evidenceKeptUntil: ReadonlyMap<number, string> = new Map(),
): void {
  if (contacts.length === 0) return;
  const ids = contacts.map((contact) => contact.id);
  const cells = personalCells(ctx, ids);
  const mappings = ctx.repos.imports.mappings().filter(([signature]) => signature.split('\u241f').some((header) => cells.has(header)));
  ctx.repos.contacts.erase(ids);
  const erasedOn = localDate(now);
  for (const contact of contacts) {
    const after: Record<string, unknown> = purged
      ? { deletedOn: localDateOf(contact.deletedAt), erasedOn, keptDays: DELETED_CONTACTS_KEPT_DAYS }
      : { deletedOn: erasedOn };
    const keptUntil = evidenceKeptUntil.get(contact.id);
    if (keptUntil) after.evidenceKeptUntil = keptUntil;
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
  /** The scans of withdrawn consents kept as proof (keepWithdrawnEvidence), each with its last day. */
  keptEvidence: { id: number; keepUntil: string }[];
}

export interface ErasureOptions {
  /**
   * Keep the scans of the contact's withdrawn consents as proof until the limitation period ends
   * (WITHDRAWN_CONSENT_PROOF_YEARS), detached from the person; else they are erased with the rest.
   */
  keepWithdrawnEvidence?: boolean;
}

/**
 * Copies the scans of these contacts' withdrawn consents into retained_evidence (without file name
 * or note), each kept until the end of the limitation period of its latest withdrawal. Inside the
 * caller's transaction, before the contacts are erased. Returns what was kept, and per contact the
 * last day any of its proof is kept.
 */
function retainWithdrawnEvidence(ctx: ServiceContext, ids: number[]) {
  const kept: { id: number; keepUntil: string }[] = [];
  const byContact = new Map<number, string>();
  for (const evidence of ctx.repos.contacts.withdrawnEvidenceOf(ids)) {
    const keepUntil = proofKeptUntil(evidence.consents.map((consent) => consent.withdrawnAt));
    kept.push({ id: ctx.repos.contacts.retainEvidence(evidence, keepUntil), keepUntil });
    const latest = byContact.get(evidence.contactId);
    if (!latest || latest < keepUntil) byContact.set(evidence.contactId, keepUntil);
  }
  return { kept, byContact };
}

/**
 * Erases one contact at once and irreversibly (a request under GDPR Art. 17), whether it is in the
 * list or in the bin. What is left is its id with the entry "Kontakt gelöscht am …". The write-ahead
 * log is emptied afterwards, so the -wal file holds no copy of what was erased (see `scrubbed`).
 */
export function eraseContact(ctx: ServiceContext, id: number, now = new Date(), options: ErasureOptions = {}): ErasureResult {
  const contact = ctx.repos.contacts.erasable(id);
  if (!contact) throw new AppError('not_found', 'tracking.errors.contactNotFound');
  const result = ctx.repos.transaction(() => {
    const merged = ctx.repos.contacts.mergedIntoInBin(id);
    const erased = [{ id, deletedAt: now.toISOString() }, ...merged];
    // The merged records' proof is the same person's: it is kept with this contact's.
    const retained = options.keepWithdrawnEvidence
      ? retainWithdrawnEvidence(
          ctx,
          erased.map((one) => one.id),
        )
      : { kept: [], byContact: new Map<number, string>() };
    eraseContacts(ctx, erased, now, false, retained.byContact);
    return { id, erasedOn: localDate(now), alsoErased: merged.map((other) => other.id), keptEvidence: retained.kept };
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
  // Proof of a withdrawn consent whose limitation period has ended goes too.
  const today = localDate(now);
  const proofDue = ctx.repos.contacts.retainedEvidenceDue(today);
  if (due.length === 0 && !unusedUploads && proofDue.length === 0) return 0;
  ctx.repos.transaction(() => {
    eraseContacts(ctx, due, now, true);
    ctx.repos.contacts.purgeUnusedEvidenceBefore(before);
    ctx.repos.contacts.deleteRetainedEvidence(proofDue.map((proof) => proof.id));
    for (const contactId of new Set(proofDue.map((proof) => proof.contactId))) {
      ctx.repos.tracking.addHistory({ contactId, kind: 'evidenceErased', before: null, after: { erasedOn: today } });
    }
  });
  // Held up by another program, the clean-up of the files stays pending (done at close or next start).
  ctx.repos.checkpoint();
  return due.length;
}

/** The proof kept after erasures, oldest first (without the scans' bytes). */
export function retainedEvidence(ctx: ServiceContext): RetainedEvidence[] {
  return ctx.repos.contacts.retainedEvidence();
}

const extensions: Record<string, string> = { 'application/pdf': '.pdf', 'image/jpeg': '.jpg', 'image/png': '.png' };

/**
 * One kept scan, to show an authority or a court: named by the erased contact's id and its own,
 * since its original file name (often the person's) was not kept.
 */
export function readRetainedEvidence(ctx: ServiceContext, id: number): { fileName: string; mime: string; data: Buffer } {
  const file = ctx.repos.contacts.retainedEvidenceFile(id);
  if (!file) throw new AppError('not_found', 'tracking.errors.evidenceNotFound');
  return { fileName: `Nachweis-Kontakt-${file.contactId}-${file.id}${extensions[file.mime] ?? ''}`, mime: file.mime, data: file.data };
}
