import type { Address, Contact } from '../../shared/model/contact';
import type { ImportAction, ImportCounts } from '../../shared/model/import';
import { nameTokens, namesCompatible } from '../../shared/names';
import type { ContactFields, MatchIndex } from '../db/repositories/contacts';
import type { CandidateStore } from './candidate-store';
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
  /** The row's contact, in the plan's store. */
  index: number;
  /** The line in the file, for the preview. */
  line: number | null;
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
  /** The contacts the rows refer to. */
  store: CandidateStore;
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
  if (patch.phones.length) target.phones = [...target.phones, ...patch.phones];
  if (patch.emails.length) target.emails = [...target.emails, ...patch.emails];
  if (patch.addresses.length) target.addresses = [...target.addresses, ...patch.addresses];
}

const changedFieldNames = (patch: ContactPatch): string =>
  [...Object.keys(patch.fields).filter((f) => f !== 'displayName'), ...(patch.phones.length ? ['phones'] : []), ...(patch.emails.length ? ['emails'] : []), ...(patch.addresses.length ? ['addresses'] : [])].join(', ');

export interface PlanContext {
  index: MatchIndex;
  /** Loads contacts the plan matched. */
  load: (ids: number[]) => Map<number, Contact>;
}

/**
 * Plans one file row by row while it is read, so that the contacts never have to be in memory as
 * objects all at once: each is matched, then kept only as compact text in the store.
 */
export class Planner {
  readonly rows: PlanRow[] = [];
  readonly counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, duplicates: 0, invalid: 0 };
  // Contacts created by this file, findable by later rows of the same file.
  private readonly plannedByE164 = new Map<string, number>();
  private readonly plannedByEmail = new Map<string, number>();
  private readonly plannedByName = new Map<string, number>();
  private byName: Map<string, number[]> | null = null;

  constructor(
    readonly store: CandidateStore,
    private readonly context: PlanContext,
  ) {}

  /** Plans the contact stored at `index` (passed in as an object too, fresh from the reader). */
  add(candidate: CandidateContact, index: number): void {
    const row: PlanRow = { action: 'create', index, line: candidate.line, existingId: null, plannedIndex: null, existingName: null, patch: null, reason: null };
    const match = this.matchDatabase(candidate);
    if (match.kind === 'invalid') {
      row.action = 'invalid';
      row.reason = { key: candidate.invalidReason! };
    } else if (match.kind === 'same') {
      const contact = this.context.load([match.id]).get(match.id)!;
      row.existingId = match.id;
      row.existingName = contact.displayName;
      row.patch = patchFor(contact, candidate);
      row.action = row.patch ? 'update' : 'unchanged';
      row.reason = row.patch ? { key: 'fills', vars: { fields: changedFieldNames(row.patch) } } : null;
    } else {
      this.matchPlanned(row, candidate, match.kind === 'duplicate' ? match.id : null);
    }
    this.counts[countKey[row.action]] += 1;
    this.rows.push(row);
  }

  finish(): Plan {
    return { rows: this.rows, counts: this.counts, store: this.store };
  }

  private existingByName(key: string): number[] | undefined {
    if (!this.byName) {
      this.byName = new Map();
      for (const [id, names] of this.context.index.names) {
        const identity = nameIdentity(names);
        this.byName.set(identity, [...(this.byName.get(identity) ?? []), id]);
      }
    }
    return this.byName.get(key);
  }

  /** The same e-mail, or the same number under a compatible name, is a contact in the database. */
  private matchDatabase(candidate: CandidateContact): { kind: 'invalid' | 'new' } | { kind: 'same' | 'duplicate'; id: number } {
    if (candidate.invalidReason) return { kind: 'invalid' };
    const { index } = this.context;
    for (const email of candidate.emails) {
      const ids = index.byEmail.get(email.address.toLowerCase());
      if (ids?.length) return { kind: 'same', id: ids[0]! };
    }
    let duplicateOf: number | null = null;
    for (const phone of candidate.phones) {
      if (!phone.e164) continue;
      for (const id of index.byE164.get(phone.e164) ?? []) {
        const names = index.names.get(id);
        const existingName = names ? [names.givenName, names.familyName].filter(Boolean).join(' ') || names.displayName : null;
        const compatible =
          namesCompatible(candidate.displayName, existingName) || (candidate.organization !== null && namesCompatible(candidate.organization, names?.organization));
        if (compatible) return { kind: 'same', id };
        duplicateOf ??= id;
      }
    }
    if (duplicateOf !== null) return { kind: 'duplicate', id: duplicateOf };
    const identity = identityByName(candidate);
    const sameName = identity ? this.existingByName(identity) : undefined;
    return sameName?.length ? { kind: 'same', id: sameName[0]! } : { kind: 'new' };
  }

  /** Not in the database: maybe an earlier row of this file creates the same person. */
  private matchPlanned(row: PlanRow, candidate: CandidateContact, duplicateOf: number | null): void {
    const identity = identityByName(candidate);
    const plannedIndex =
      candidate.emails.map((e) => this.plannedByEmail.get(e.address.toLowerCase())).find((i) => i !== undefined) ??
      candidate.phones.map((p) => (p.e164 ? this.plannedByE164.get(p.e164) : undefined)).find((i) => i !== undefined) ??
      (identity ? this.plannedByName.get(identity) : undefined);
    const planned = plannedIndex !== undefined ? this.store.get(this.rows[plannedIndex]!.index) : null;
    const sameEmail = planned !== null && candidate.emails.some((e) => planned.emails.some((p) => p.address.toLowerCase() === e.address.toLowerCase()));
    if (planned && plannedIndex !== undefined && (namesCompatible(candidate.displayName, planned.displayName) || sameEmail)) {
      const target = this.absorbBridged(plannedIndex, planned, candidate);
      const patch = patchFor(target, candidate);
      if (patch) {
        mergeInto(target, patch);
        this.store.replace(this.rows[plannedIndex]!.index, target);
        for (const phone of patch.phones) if (phone.e164) this.plannedByE164.set(phone.e164, plannedIndex);
        for (const email of patch.emails) this.plannedByEmail.set(email.address.toLowerCase(), plannedIndex);
      }
      row.plannedIndex = plannedIndex;
      row.existingName = target.displayName;
      row.action = patch ? 'update' : 'unchanged';
      row.reason = { key: 'sameAsLine', vars: { line: target.line ?? 0 } };
    } else if (duplicateOf !== null || planned) {
      row.action = 'duplicate';
      if (duplicateOf !== null) {
        row.existingId = duplicateOf;
        row.existingName = this.context.load([duplicateOf]).get(duplicateOf)?.displayName ?? null;
      } else {
        row.plannedIndex = plannedIndex!;
        row.existingName = planned!.displayName;
      }
      row.reason = { key: 'sameNumberOtherName' };
    }
    if (row.action === 'create' || row.action === 'duplicate') {
      const position = this.rows.length;
      for (const phone of candidate.phones) if (phone.e164 && !this.plannedByE164.has(phone.e164)) this.plannedByE164.set(phone.e164, position);
      for (const email of candidate.emails) if (!this.plannedByEmail.has(email.address.toLowerCase())) this.plannedByEmail.set(email.address.toLowerCase(), position);
      if (identity && !this.plannedByName.has(identity)) this.plannedByName.set(identity, position);
    }
  }

  /**
   * A row can bridge two contacts this file creates: its e-mail is on one, its number on the
   * other ("Schulze, Bernd" with an address, "Bernd Schulze" with a number, then both together).
   * They are one person: the second joins the first, so no number ends up on two contacts.
   * Returns the target as it is after absorbing.
   */
  private absorbBridged(target: number, into: CandidateContact, candidate: CandidateContact): CandidateContact {
    const others = new Set<number>();
    for (const phone of candidate.phones) {
      const index = phone.e164 ? this.plannedByE164.get(phone.e164) : undefined;
      if (index !== undefined && index !== target) others.add(index);
    }
    for (const email of candidate.emails) {
      const index = this.plannedByEmail.get(email.address.toLowerCase());
      if (index !== undefined && index !== target) others.add(index);
    }
    for (const index of others) {
      const other = this.rows[index]!;
      const otherCandidate = this.store.get(other.index);
      if (other.action !== 'create' || !namesCompatible(otherCandidate.displayName, into.displayName)) continue;
      const patch = patchFor(into, otherCandidate);
      if (patch) mergeInto(into, patch);
      this.counts.created -= 1;
      this.counts.updated += 1;
      Object.assign(other, { action: 'update', plannedIndex: target, existingName: into.displayName, reason: { key: 'sameAsLine', vars: { line: into.line ?? 0 } } });
      for (const [key, value] of this.plannedByE164) if (value === index) this.plannedByE164.set(key, target);
      for (const [key, value] of this.plannedByEmail) if (value === index) this.plannedByEmail.set(key, target);
    }
    if (others.size) this.store.replace(this.rows[target]!.index, into);
    return into;
  }
}

/** Plans every contact of a store (again: the commit does this when the database moved on). */
export function planStore(store: CandidateStore, context: PlanContext): Plan {
  const planner = new Planner(store, context);
  let index = 0;
  for (const candidate of store.values()) planner.add(candidate, index++);
  return planner.finish();
}

export const countKey: Record<ImportAction, keyof ImportCounts> = {
  create: 'created',
  update: 'updated',
  unchanged: 'unchanged',
  duplicate: 'duplicates',
  invalid: 'invalid',
};
