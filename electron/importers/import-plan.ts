import type { Address, Contact } from '../../shared/model/contact';
import type { ImportAction, ImportCounts } from '../../shared/model/import';
import { givenNamesAgree, nameTokens, namesCompatible, organizationTokens } from '../../shared/names';
import type { ContactFields, MatchIndex } from '../db/repositories/contacts';
import type { CandidateStore } from './candidate-store';
import type { CandidateContact } from './normalize';

/**
 * The plan of an import, before anything is written: for every row whether it creates a contact,
 * fills gaps in an existing one, changes nothing, is a possible duplicate, or is invalid.
 *
 * Matching: the same e-mail address or the same number under a compatible name is the same
 * contact; the same address or number under a clearly different name is a possible duplicate
 * (created, and linked for the user to review, unless the preview decides otherwise). Two contacts
 * the office keeps apart are never merged: a row that fits both is a possible duplicate too. An
 * import only fills empty fields and adds numbers, e-mails and addresses: it never overwrites what
 * the office entered, nor status, history or consent.
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
  if (candidate.phones.some((p) => p.e164) || candidate.emails.some((e) => e.valid)) return null;
  const key = nameKey(candidate.displayName);
  return key ? `${key}|${nameKey(candidate.organization)}` : null;
};

/**
 * A person's given and family name as a key; null without both. Every row is keyed, so the key is
 * kept cheap (lower case, single spaces): folding accents and sorting words like nameKey cost an
 * import of 10,000 contacts about a tenth more time, measured with the bench.
 */
const personNameKey = (names: { givenName: string | null; familyName: string | null }): string | null =>
  names.givenName && names.familyName ? `${names.givenName}\u0000${names.familyName}`.toLowerCase() : null;

export const nameIdentity = (names: { displayName: string; organization: string | null }): string =>
  `${nameKey(names.displayName)}|${nameKey(names.organization)}`;

const fillableFields = [
  'givenName',
  'familyName',
  'title',
  'gender',
  'organization',
  'department',
  'jobTitle',
  'birthday',
  'customerNumber',
  'note',
] as const;

const addressKey = (a: Address) =>
  `${(a.street ?? '').toLowerCase().replace(/\W+/g, '')}|${(a.postalCode ?? '').replace(/\s+/g, '')}|${(a.city ?? '').toLowerCase()}`;

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
  [
    ...Object.keys(patch.fields).filter((f) => f !== 'displayName'),
    ...(patch.phones.length ? ['phones'] : []),
    ...(patch.emails.length ? ['emails'] : []),
    ...(patch.addresses.length ? ['addresses'] : []),
  ].join(', ');

/**
 * Everyone in the database sharing a real address or a number with the row, addresses first; null
 * when nobody does (most rows of a large import), so that nothing is allocated for them.
 */
function sharedWays(index: MatchIndex, candidate: CandidateContact): number[] | null {
  let shared: number[] | null = null;
  const add = (ids: number[] | undefined) => {
    if (!ids) return;
    shared ??= [];
    for (const id of ids) if (!shared.includes(id)) shared.push(id);
  };
  for (const email of candidate.emails) if (email.valid) add(index.byEmail.get(email.address.toLowerCase()));
  for (const phone of candidate.phones) if (phone.e164) add(index.byE164.get(phone.e164));
  return shared;
}

export interface PlanContext {
  index: MatchIndex;
  /** Loads contacts the plan matched. */
  load: (ids: number[]) => Map<number, Contact>;
  /** The pairs the office decided are different people (both directions). */
  keptApart: ReadonlyMap<number, ReadonlySet<number>>;
}

type Names = Pick<CandidateContact, 'displayName' | 'givenName' | 'familyName' | 'organization'>;

/**
 * Whether a row and a stored contact may be the same person. With given and family names on both
 * sides, the family names share a word and the given names agree (Anna and Klaus Bauer, a couple with
 * one landline, are two people). Otherwise their names share a word, or one is unknown. A company's
 * row ("Elektro Meier KG") also fits a person filed under that company, but two people of one company
 * never fit each other through the company: they share a switchboard number, not an identity.
 */
function sameIdentity(candidate: Names, names: Names | undefined): boolean {
  if (candidate.givenName && candidate.familyName && names?.givenName && names.familyName) {
    return namesCompatible(candidate.familyName, names.familyName) && givenNamesAgree(candidate.givenName, names.givenName);
  }
  const existingPerson = names ? [names.givenName, names.familyName].filter(Boolean).join(' ') || null : null;
  if (namesCompatible(candidate.displayName, existingPerson ?? names?.displayName ?? null)) return true;
  const candidatePerson = !!(candidate.givenName || candidate.familyName);
  if (candidatePerson && existingPerson) return false;
  const theirs = new Set(organizationTokens(names?.organization));
  return organizationTokens(candidate.organization).some((word) => theirs.has(word));
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
  private readonly plannedByPersonName = new Map<string, number>();
  private byName: Map<string, number[]> | null = null;
  private byPersonName: Map<string, number[]> | null = null;

  constructor(
    readonly store: CandidateStore,
    private readonly context: PlanContext,
  ) {}

  /** Plans the contact stored at `index` (passed in as an object too, fresh from the reader). */
  add(candidate: CandidateContact, index: number): void {
    const row: PlanRow = {
      action: 'create',
      index,
      line: candidate.line,
      existingId: null,
      plannedIndex: null,
      existingName: null,
      patch: null,
      reason: null,
    };
    const personKey = personNameKey(candidate);
    const match = this.matchDatabase(candidate, personKey);
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
      this.matchPlanned(row, candidate, personKey, match.kind === 'duplicate' ? match : null);
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

  /** Contacts of the database with exactly this person's name (all its words), for suggestions. */
  private existingByPersonName(key: string): number[] | undefined {
    if (!this.byPersonName) {
      this.byPersonName = new Map();
      for (const [id, names] of this.context.index.names) {
        const personKey = personNameKey(names);
        if (personKey) this.byPersonName.set(personKey, [...(this.byPersonName.get(personKey) ?? []), id]);
      }
    }
    return this.byPersonName.get(key);
  }

  /**
   * The same e-mail address or number under a compatible name is a contact in the database; under a
   * different name, or fitting two people the office keeps apart, a possible duplicate.
   */
  private matchDatabase(
    candidate: CandidateContact,
    personKey: string | null,
  ): { kind: 'invalid' | 'new' } | { kind: 'same' | 'duplicate'; id: number; reason?: string } {
    if (candidate.invalidReason) return { kind: 'invalid' };
    const { index, keptApart } = this.context;
    const shared = sharedWays(index, candidate);
    // The same person's name, but nothing to reach them by in common: maybe one person, maybe two.
    const namesake = (): number | undefined =>
      personKey ? this.existingByPersonName(personKey)?.find((id) => !shared?.includes(id)) : undefined;
    if (shared !== null) {
      const fitting = shared.filter((id) => sameIdentity(candidate, index.names.get(id)));
      const first = fitting[0];
      if (first !== undefined) {
        const apart = fitting.filter((other) => other !== first && keptApart.get(first)?.has(other));
        if (apart.length === 0) return { kind: 'same', id: first };
        // The row fits two people the office keeps apart. When it tells one of them nothing new it
        // is already there (unchanged); otherwise it cannot say whose it is and waits for the office.
        const loaded = this.context.load([first, ...apart]);
        const known = [first, ...apart].find((id) => loaded.has(id) && !patchFor(loaded.get(id)!, candidate));
        return known !== undefined ? { kind: 'same', id: known } : { kind: 'duplicate', id: first, reason: 'fitsKeptApart' };
      }
      // Someone else's number (a shared landline): a namesake is the likelier same person to suggest.
      const sameName = namesake();
      return sameName !== undefined
        ? { kind: 'duplicate', id: sameName, reason: 'sameNameOtherWays' }
        : { kind: 'duplicate', id: shared[0]! };
    }
    const identity = identityByName(candidate);
    const sameName = identity ? this.existingByName(identity) : undefined;
    if (sameName?.length) return { kind: 'same', id: sameName[0]! };
    const other = namesake();
    return other !== undefined ? { kind: 'duplicate', id: other, reason: 'sameNameOtherWays' } : { kind: 'new' };
  }

  /** Not in the database: maybe an earlier row of this file creates the same person. */
  private matchPlanned(
    row: PlanRow,
    candidate: CandidateContact,
    personKey: string | null,
    databaseDuplicate: { id: number; reason?: string } | null,
  ): void {
    const duplicateOf = databaseDuplicate?.id ?? null;
    const identity = identityByName(candidate);
    const byWays =
      candidate.emails.map((e) => (e.valid ? this.plannedByEmail.get(e.address.toLowerCase()) : undefined)).find((i) => i !== undefined) ??
      candidate.phones.map((p) => (p.e164 ? this.plannedByE164.get(p.e164) : undefined)).find((i) => i !== undefined) ??
      (identity ? this.plannedByName.get(identity) : undefined);
    // A namesake in this import: a possible duplicate, never merged on the name alone. Preferred over
    // another person whose number the row shares, unless the database already offers a namesake.
    const plannedNamesake = personKey ? this.plannedByPersonName.get(personKey) : undefined;
    const byWaysContact = byWays !== undefined ? this.store.get(this.rows[byWays]!.index) : null;
    const byWaysFits = byWaysContact !== null && sameIdentity(candidate, byWaysContact);
    const namesake =
      !byWaysFits && databaseDuplicate?.reason !== 'sameNameOtherWays' && plannedNamesake !== byWays ? plannedNamesake : undefined;
    const plannedIndex = namesake ?? byWays;
    const planned = namesake !== undefined ? this.store.get(this.rows[namesake]!.index) : byWaysContact;
    if (planned && plannedIndex !== undefined && namesake === undefined && sameIdentity(candidate, planned)) {
      const target = this.absorbBridged(plannedIndex, planned, candidate);
      const patch = patchFor(target, candidate);
      if (patch) {
        mergeInto(target, patch);
        this.store.replace(this.rows[plannedIndex]!.index, target);
        for (const phone of patch.phones) if (phone.e164) this.plannedByE164.set(phone.e164, plannedIndex);
        for (const email of patch.emails) if (email.valid) this.plannedByEmail.set(email.address.toLowerCase(), plannedIndex);
      }
      row.plannedIndex = plannedIndex;
      row.existingName = target.displayName;
      row.action = patch ? 'update' : 'unchanged';
      row.reason = { key: 'sameAsLine', vars: { line: target.line ?? 0 } };
    } else if (duplicateOf !== null || planned) {
      row.action = 'duplicate';
      // What merging would add, should the office decide so in the preview.
      if (duplicateOf !== null && namesake === undefined) {
        const existing = this.context.load([duplicateOf]).get(duplicateOf);
        row.existingId = duplicateOf;
        row.existingName = existing?.displayName ?? null;
        row.patch = existing ? patchFor(existing, candidate) : null;
      } else {
        row.plannedIndex = plannedIndex!;
        row.existingName = planned!.displayName;
        row.patch = patchFor(planned!, candidate);
      }
      row.reason = { key: databaseDuplicate?.reason ?? (namesake !== undefined ? 'sameNameOtherWays' : 'sameNumberOtherName') };
    }
    if (row.action === 'create' || row.action === 'duplicate') {
      const position = this.rows.length;
      for (const phone of candidate.phones)
        if (phone.e164 && !this.plannedByE164.has(phone.e164)) this.plannedByE164.set(phone.e164, position);
      for (const email of candidate.emails)
        if (email.valid && !this.plannedByEmail.has(email.address.toLowerCase()))
          this.plannedByEmail.set(email.address.toLowerCase(), position);
      if (identity && !this.plannedByName.has(identity)) this.plannedByName.set(identity, position);
      if (personKey && !this.plannedByPersonName.has(personKey)) this.plannedByPersonName.set(personKey, position);
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
      const index = email.valid ? this.plannedByEmail.get(email.address.toLowerCase()) : undefined;
      if (index !== undefined && index !== target) others.add(index);
    }
    for (const index of others) {
      const other = this.rows[index]!;
      const otherCandidate = this.store.get(other.index);
      if (other.action !== 'create' || !sameIdentity(otherCandidate, into)) continue;
      const patch = patchFor(into, otherCandidate);
      if (patch) mergeInto(into, patch);
      this.counts.created -= 1;
      this.counts.updated += 1;
      Object.assign(other, {
        action: 'update',
        plannedIndex: target,
        existingName: into.displayName,
        reason: { key: 'sameAsLine', vars: { line: into.line ?? 0 } },
      });
      for (const [key, value] of this.plannedByE164) if (value === index) this.plannedByE164.set(key, target);
      for (const [key, value] of this.plannedByEmail) if (value === index) this.plannedByEmail.set(key, target);
      for (const [key, value] of this.plannedByPersonName) if (value === index) this.plannedByPersonName.set(key, target);
      // The target was only suspected to be this one's namesake: now it is the same person, and the contact.
      const targetRow = this.rows[target]!;
      if (targetRow.action === 'duplicate' && targetRow.plannedIndex === index) {
        this.counts.duplicates -= 1;
        this.counts.created += 1;
        Object.assign(targetRow, { action: 'create', plannedIndex: null, existingName: null, patch: null, reason: null });
      }
    }
    if (others.size) this.store.replace(this.rows[target]!.index, into);
    return into;
  }
}

export const countKey: Record<ImportAction, keyof ImportCounts> = {
  create: 'created',
  update: 'updated',
  unchanged: 'unchanged',
  duplicate: 'duplicates',
  invalid: 'invalid',
};
