import type { Address, Contact } from '../../shared/model/contact';
import type { ImportAction, ImportCounts } from '../../shared/model/import';
import { nameTokens, namesCompatible } from '../../shared/names';
import type { ContactFields, MatchIndex } from '../db/repositories/contacts';
import type { CandidateContact } from './normalize';

/**
 * The plan of an import, before anything is written: for every row whether it creates a contact,
 * fills gaps in an existing one, changes nothing, is a possible duplicate, or is invalid.
 *
 * Matching: the same e-mail address, or the same number under a compatible name, is the same
 * contact; the same number under a clearly different name is a possible duplicate (created, and
 * linked for the user to review). An import only fills empty fields and adds numbers, e-mails and
 * addresses: it never overwrites what the office entered, nor status, history or consent.
 */

export interface Reason {
  key: string;
  vars?: Record<string, string | number>;
}

/** What an update adds to an existing contact. */
export interface ContactPatch {
  fields: Partial<ContactFields>;
  phones: CandidateContact['phones'];
  emails: CandidateContact['emails'];
  addresses: Address[];
}

export interface PlanRow {
  action: ImportAction;
  candidate: CandidateContact;
  /** update / unchanged / duplicate: the contact in the database … */
  existingId: number | null;
  /** … or a contact this same import creates (its index in `rows`). */
  plannedIndex: number | null;
  /** The name of the matched contact, for the preview. */
  existingName: string | null;
  patch: ContactPatch | null;
  reason: Reason | null;
  /** Chat exports: the sender's last message. */
  lastMessageAt?: string;
}

export interface Plan {
  rows: PlanRow[];
  counts: ImportCounts;
}

/** "Schulze, Bernd" and "Bernd Schulze" have one key: the name's words, sorted. */
export const nameKey = (name: string | null | undefined): string => {
  const tokens = nameTokens(name);
  // Names of single letters ("Ñ Ñ") have no tokens; then the name as written is the key.
  return tokens.length ? tokens.sort().join(' ') : (name ?? '').toLowerCase().replace(/\s+/g, ' ').trim();
};

/** Without a number or e-mail to match on, the same full name (and company) is the same contact. */
const identityByName = (candidate: CandidateContact): string | null => {
  if (candidate.phones.some((p) => p.e164) || candidate.emails.length > 0) return null;
  const key = nameKey(candidate.displayName);
  return key ? `${key}|${nameKey(candidate.organization)}` : null;
};

export const nameIdentity = (names: { displayName: string; organization: string | null }): string => `${nameKey(names.displayName)}|${nameKey(names.organization)}`;

const fillableFields = ['givenName', 'familyName', 'title', 'gender', 'organization', 'department', 'jobTitle', 'birthday', 'customerNumber', 'note'] as const;

const addressKey = (a: Address) => `${(a.street ?? '').toLowerCase().replace(/\W+/g, '')}|${(a.postalCode ?? '').replace(/\s+/g, '')}|${(a.city ?? '').toLowerCase()}`;

/** What the candidate would add to a contact that already has `existing`'s data. */
export function patchFor(existing: Contact | CandidateContact, candidate: CandidateContact): ContactPatch | null {
  const fields: Partial<ContactFields> = {};
  for (const field of fillableFields) {
    const value = candidate[field];
    if (value && !existing[field]) (fields as Record<string, unknown>)[field] = value;
  }
  if (candidate.kind && (existing.kind === 'other' || existing.kind === null) && candidate.kind !== 'other') fields.kind = candidate.kind;
  const hadName = !!(existing.givenName || existing.familyName || existing.organization);
  if (!hadName && (fields.givenName || fields.familyName || fields.organization)) fields.displayName = candidate.displayName;

  const knownPhones = new Set(existing.phones.map((p) => p.e164 ?? `raw:${p.raw}`));
  const phones = candidate.phones.filter((p) => !knownPhones.has(p.e164 ?? `raw:${p.raw}`));
  const knownEmails = new Set(existing.emails.map((e) => e.address.toLowerCase()));
  const emails = candidate.emails.filter((e) => !knownEmails.has(e.address.toLowerCase()));
  const knownAddresses = new Set(existing.addresses.map(addressKey));
  const addresses = candidate.addresses.filter((a) => !knownAddresses.has(addressKey(a)));

  const empty = Object.keys(fields).length === 0 && phones.length === 0 && emails.length === 0 && addresses.length === 0;
  return empty ? null : { fields, phones, emails, addresses };
}

/** Applies a patch to a candidate this import creates (two rows of one file for one person). */
function mergeInto(target: CandidateContact, patch: ContactPatch): void {
  Object.assign(target, patch.fields);
  target.phones.push(...patch.phones);
  target.emails.push(...patch.emails);
  target.addresses.push(...patch.addresses);
}

const changedFieldNames = (patch: ContactPatch): string =>
  [...Object.keys(patch.fields).filter((f) => f !== 'displayName'), ...(patch.phones.length ? ['phones'] : []), ...(patch.emails.length ? ['emails'] : []), ...(patch.addresses.length ? ['addresses'] : [])].join(', ');

interface PlanContext {
  index: MatchIndex;
  /** Loads contacts the plan matched, in batches. */
  load: (ids: number[]) => Map<number, Contact>;
}

/** Builds the plan for all candidates of one file (rows stay in file order). */
export function planImport(candidates: CandidateContact[], context: PlanContext): Plan {
  const rows: PlanRow[] = [];
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, duplicates: 0, invalid: 0 };
  // Contacts created by this file, findable by later rows of the same file.
  const plannedByE164 = new Map<string, number>();
  const plannedByEmail = new Map<string, number>();
  const plannedByName = new Map<string, number>();
  let byName: Map<string, number[]> | null = null;
  const existingByName = (key: string) => {
    if (!byName) {
      byName = new Map();
      for (const [id, names] of context.index.names) {
        const identity = nameIdentity(names);
        byName.set(identity, [...(byName.get(identity) ?? []), id]);
      }
    }
    return byName.get(key);
  };

  // First pass: match every row against the database.
  const matches = candidates.map((candidate) => {
    if (candidate.invalidReason) return { kind: 'invalid' as const };
    for (const email of candidate.emails) {
      const ids = context.index.byEmail.get(email.address.toLowerCase());
      if (ids?.length) return { kind: 'same' as const, id: ids[0]! };
    }
    let duplicateOf: number | null = null;
    for (const phone of candidate.phones) {
      if (!phone.e164) continue;
      for (const id of context.index.byE164.get(phone.e164) ?? []) {
        const names = context.index.names.get(id);
        const existingName = names ? [names.givenName, names.familyName].filter(Boolean).join(' ') || names.displayName : null;
        const compatible =
          namesCompatible(candidate.displayName, existingName) || (candidate.organization !== null && namesCompatible(candidate.organization, names?.organization));
        if (compatible) return { kind: 'same' as const, id };
        duplicateOf ??= id;
      }
    }
    if (duplicateOf !== null) return { kind: 'duplicate' as const, id: duplicateOf };
    const identity = identityByName(candidate);
    const sameName = identity ? existingByName(identity) : undefined;
    return sameName?.length ? { kind: 'same' as const, id: sameName[0]! } : { kind: 'new' as const };
  });
  const existing = context.load([...new Set(matches.flatMap((m) => (m.kind === 'same' || m.kind === 'duplicate' ? [m.id] : [])))]);

  candidates.forEach((candidate, position) => {
    const match = matches[position]!;
    const row: PlanRow = { action: 'create', candidate, existingId: null, plannedIndex: null, existingName: null, patch: null, reason: null };
    if (match.kind === 'invalid') {
      row.action = 'invalid';
      row.reason = { key: candidate.invalidReason! };
    } else if (match.kind === 'same') {
      const contact = existing.get(match.id)!;
      row.existingId = match.id;
      row.existingName = contact.displayName;
      row.patch = patchFor(contact, candidate);
      row.action = row.patch ? 'update' : 'unchanged';
      row.reason = row.patch ? { key: 'fills', vars: { fields: changedFieldNames(row.patch) } } : null;
    } else {
      // Not in the database: maybe an earlier row of this file creates the same person.
      const identity = identityByName(candidate);
      const plannedIndex =
        candidate.emails.map((e) => plannedByEmail.get(e.address.toLowerCase())).find((i) => i !== undefined) ??
        candidate.phones.map((p) => (p.e164 ? plannedByE164.get(p.e164) : undefined)).find((i) => i !== undefined) ??
        (identity ? plannedByName.get(identity) : undefined);
      const planned = plannedIndex !== undefined ? rows[plannedIndex]!.candidate : null;
      if (planned && plannedIndex !== undefined && (namesCompatible(candidate.displayName, planned.displayName) || candidate.emails.some((e) => planned.emails.some((p) => p.address.toLowerCase() === e.address.toLowerCase())))) {
        const patch = patchFor(planned, candidate);
        if (patch) mergeInto(planned, patch);
        row.plannedIndex = plannedIndex;
        row.existingName = planned.displayName;
        row.action = patch ? 'update' : 'unchanged';
        row.reason = { key: 'sameAsLine', vars: { line: planned.line ?? 0 } };
      } else if (match.kind === 'duplicate' || planned) {
        row.action = 'duplicate';
        if (match.kind === 'duplicate') {
          row.existingId = match.id;
          row.existingName = existing.get(match.id)?.displayName ?? null;
        } else {
          row.plannedIndex = plannedIndex!;
          row.existingName = planned!.displayName;
        }
        row.reason = { key: 'sameNumberOtherName' };
      }
      if (row.action === 'create' || row.action === 'duplicate') {
        for (const phone of candidate.phones) if (phone.e164 && !plannedByE164.has(phone.e164)) plannedByE164.set(phone.e164, rows.length);
        for (const email of candidate.emails) if (!plannedByEmail.has(email.address.toLowerCase())) plannedByEmail.set(email.address.toLowerCase(), rows.length);
        if (identity && !plannedByName.has(identity)) plannedByName.set(identity, rows.length);
      }
    }
    counts[countKey[row.action]] += 1;
    rows.push(row);
  });
  return { rows, counts };
}

export const countKey: Record<ImportAction, keyof ImportCounts> = {
  create: 'created',
  update: 'updated',
  unchanged: 'unchanged',
  duplicate: 'duplicates',
  invalid: 'invalid',
};
