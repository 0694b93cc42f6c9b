import type { LikelyDuplicate } from '../../shared/contract/contacts';
import type { Contact } from '../../shared/model/contact';
import type { ContactFields } from '../db/repositories/contacts';
import { nameIdentity, patchFor } from '../importers/import-plan';
import type { ServiceContext } from './context';
import { AppError } from '../db/errors';
import { overdueCutoffs } from './contacts';
import { changeContact, requireContact } from './tracking';

/** A contact about to be created, as far as matching needs it. */
export interface NewContactDraft {
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  organization: string | null;
  phones: { e164: string | null }[];
  emails: { address: string; valid: boolean }[];
}

/** At most this many matches are shown: more say nothing a name search in the list would not. */
const MAX_LIKELY_DUPLICATES = 10;

const personName = (names: { givenName: string | null; familyName: string | null }): string | null =>
  names.givenName && names.familyName ? `${names.givenName}\u0000${names.familyName}`.toLowerCase() : null;

/**
 * The contacts in the list a new contact likely is, by the import's matching: the same number
 * (E.164) or a real e-mail address, whatever the name (the import merges or suggests those), or the
 * same name – its words in any order with the same company, or the same given and family name.
 */
export function likelyDuplicates(ctx: ServiceContext, draft: NewContactDraft): LikelyDuplicate[] {
  const reasons = new Map<number, LikelyDuplicate['reason']>();
  const shared = ctx.repos.contacts.sharingWays(
    draft.phones.flatMap((phone) => (phone.e164 ? [phone.e164] : [])),
    draft.emails.flatMap((email) => (email.valid ? [email.address] : [])),
  );
  for (const { id, via } of shared) reasons.set(id, via);
  const words = [draft.givenName, draft.familyName].filter(Boolean).join(' ') || draft.organization;
  if (words) {
    const identity = nameIdentity(draft);
    const person = personName(draft);
    // The list's search finds every contact whose name holds these words; the import's keys decide.
    const found = ctx.repos.contactList.ids({ ...overdueCutoffs(ctx), search: words }).slice(0, 200);
    for (const contact of ctx.repos.contacts.byIds(found.filter((id) => !reasons.has(id))).values()) {
      if (nameIdentity(contact) === identity || (person !== null && personName(contact) === person)) reasons.set(contact.id, 'name');
    }
  }
  const ids = [...reasons.keys()].slice(0, MAX_LIKELY_DUPLICATES);
  const contacts = ctx.repos.contacts.byIds(ids);
  return ids.flatMap((id) => {
    const contact = contacts.get(id);
    if (!contact) return [];
    const mobile = contact.phones.find((phone) => phone.kind === 'mobile') ?? contact.phones[0];
    return [
      {
        id,
        displayName: contact.displayName,
        organization: contact.organization,
        phone: mobile ? (mobile.e164 ?? mobile.raw) : null,
        email: contact.emails[0]?.address ?? null,
        reason: reasons.get(id)!,
      },
    ];
  });
}

/**
 * Merges a possible duplicate into the contact to keep: gaps in the kept contact are filled,
 * numbers, e-mails, addresses, tags and consents move over, and the other is deleted (softly, with
 * a history entry on both). The kept contact's stage and target stay as they are.
 */
export function mergeContacts(ctx: ServiceContext, keepId: number, otherId: number): Contact {
  if (keepId === otherId) throw new AppError('invalid_input', 'tracking.errors.mergeSelf');
  const keep = requireContact(ctx, keepId);
  const other = requireContact(ctx, otherId);
  if (ctx.repos.imports.isKeptApart(keepId, otherId))
    throw new AppError('conflict', 'tracking.errors.mergeKeptApart', { keep: keep.displayName, other: other.displayName });
  ctx.repos.transaction(() => {
    const patch = patchFor(keep, { ...other, line: null, invalidReason: null });
    const fields: Partial<ContactFields> = { ...(patch?.fields ?? {}) };
    delete fields.displayName; // the kept contact keeps its name
    if (!keep.target && other.target) fields.target = other.target;
    if (!keep.onWhatsapp && other.onWhatsapp) fields.onWhatsapp = true;
    if (other.whatsappLastMessageAt && (!keep.whatsappLastMessageAt || other.whatsappLastMessageAt > keep.whatsappLastMessageAt))
      fields.whatsappLastMessageAt = other.whatsappLastMessageAt;
    const before: Record<string, unknown> = {};
    // The ids link the two records for good (an erasure takes the earlier one along), also after a rename.
    const after: Record<string, unknown> = { mergedFrom: other.displayName, mergedFromId: otherId };
    if (patch?.phones.length) {
      before.phones = keep.phones;
      after.phones = [...keep.phones, ...patch.phones];
      ctx.repos.contacts.addPhones(keepId, patch.phones);
    }
    if (patch?.emails.length) {
      before.emails = keep.emails;
      after.emails = [...keep.emails, ...patch.emails];
      ctx.repos.contacts.addEmails(keepId, patch.emails);
    }
    if (patch?.addresses.length) {
      before.addresses = keep.addresses;
      after.addresses = [...keep.addresses, ...patch.addresses];
      ctx.repos.contacts.addAddresses(keepId, patch.addresses);
    }
    const tags = [...new Set([...keep.tags, ...other.tags])].sort();
    if (tags.length !== keep.tags.length) {
      before.tags = keep.tags;
      after.tags = tags;
      ctx.repos.contacts.setTags(keepId, tags);
    }
    ctx.repos.tracking.moveConsents(otherId, keepId);
    // Whom the other was kept apart from, the merged contact is kept apart from too.
    ctx.repos.imports.moveKeptApart(otherId, keepId);
    changeContact(ctx, keep, fields, 'merge', null, { before, after });
    ctx.repos.contacts.setDeleted([otherId], true);
    ctx.repos.tracking.addHistory({
      contactId: otherId,
      kind: 'deleted',
      before: { deleted: false },
      after: { deleted: true, mergedInto: keep.displayName, mergedIntoId: keepId },
    });
    ctx.repos.imports.resolveDuplicate(keepId, otherId);
  });
  return requireContact(ctx, keepId);
}

/**
 * The two are different people: the pair leaves the review list, and the decision is kept as a fact
 * (kept_apart) that later imports, suggestions and chat exports respect. Both histories say so.
 */
export function keepApart(ctx: ServiceContext, contactId: number, otherId: number): void {
  if (contactId === otherId) throw new AppError('invalid_input', 'tracking.errors.mergeSelf');
  const contact = requireContact(ctx, contactId);
  const other = requireContact(ctx, otherId);
  ctx.repos.transaction(() => {
    ctx.repos.imports.resolveDuplicate(contactId, otherId);
    ctx.repos.imports.keepApart(contactId, otherId);
    ctx.repos.tracking.addHistory({ contactId, kind: 'keptApart', before: null, after: { other: other.displayName } });
    ctx.repos.tracking.addHistory({ contactId: otherId, kind: 'keptApart', before: null, after: { other: contact.displayName } });
  });
}

/** Takes "different people" back: the pair is a possible duplicate again, to merge or keep apart. */
export function undoKeepApart(ctx: ServiceContext, contactId: number, otherId: number): void {
  const contact = requireContact(ctx, contactId);
  const other = requireContact(ctx, otherId);
  if (!ctx.repos.imports.isKeptApart(contactId, otherId)) return;
  ctx.repos.transaction(() => {
    ctx.repos.imports.unkeepApart(contactId, otherId);
    ctx.repos.tracking.addHistory({ contactId, kind: 'keptApartUndone', before: null, after: { other: other.displayName } });
    ctx.repos.tracking.addHistory({ contactId: otherId, kind: 'keptApartUndone', before: null, after: { other: contact.displayName } });
  });
}
