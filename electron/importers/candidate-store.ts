import type { CandidateContact } from './normalize';

/**
 * The contacts of an import between reading and committing. A large import keeps them out of the
 * JavaScript heap (see staging-store.ts): as live objects a contact takes well over a
 * kilobyte, and an import of 100,000 contacts must stay within what an office PC can spare.
 * Rows are turned back into objects only where needed: a page of the preview, a merge, the commit.
 */
export interface CandidateStore {
  add(candidate: CandidateContact): number;
  /** Adds a candidate given as encodeCandidate's text (as the reader's worker sends them). */
  addEncoded(encoded: string): number;
  get(index: number): CandidateContact;
  /** The candidates from `from` on, at most `count` (fewer at the end): a commit reads them a page at a time. */
  range(from: number, count: number): CandidateContact[];
  replace(index: number, candidate: CandidateContact): void;
  readonly size: number;
  values(): IterableIterator<CandidateContact>;
  /** Frees what the store holds (its scratch database). */
  close(): void;
}

type Encoded = [
  line: number | null,
  displayName: string,
  givenName: string | null,
  familyName: string | null,
  title: string | null,
  gender: CandidateContact['gender'],
  organization: string | null,
  department: string | null,
  jobTitle: string | null,
  note: string | null,
  birthday: string | null,
  customerNumber: string | null,
  kind: CandidateContact['kind'],
  isCompany: 0 | 1,
  phones: (string | null)[],
  emails: (string | null)[],
  addresses: (string | null)[],
  invalidReason: string | null,
  language: CandidateContact['language'],
];

/** A contact as compact text: positions instead of field names, lists flattened. */
export function encodeCandidate(c: CandidateContact): string {
  const encoded: Encoded = [
    c.line,
    c.displayName,
    c.givenName,
    c.familyName,
    c.title,
    c.gender,
    c.organization,
    c.department,
    c.jobTitle,
    c.note,
    c.birthday,
    c.customerNumber,
    c.kind,
    c.isCompany ? 1 : 0,
    c.phones.flatMap((p) => [p.raw, p.e164, p.kind, p.label]),
    c.emails.flatMap((e) => [e.address, e.label, e.valid ? '1' : '0']),
    c.addresses.flatMap((a) => [a.street, a.postalCode, a.city, a.region, a.country, a.label]),
    c.invalidReason,
    c.language,
  ];
  return JSON.stringify(encoded);
}

function groups<T>(flat: (string | null)[], size: number, make: (part: (string | null)[]) => T): T[] {
  const list: T[] = [];
  for (let i = 0; i < flat.length; i += size) list.push(make(flat.slice(i, i + size)));
  return list;
}

export function decodeCandidate(text: string): CandidateContact {
  const [
    line,
    displayName,
    givenName,
    familyName,
    title,
    gender,
    organization,
    department,
    jobTitle,
    note,
    birthday,
    customerNumber,
    kind,
    isCompany,
    phones,
    emails,
    addresses,
    invalidReason,
    language,
  ] = JSON.parse(text) as Encoded;
  return {
    line,
    displayName,
    givenName,
    familyName,
    title,
    gender,
    organization,
    department,
    jobTitle,
    note,
    birthday,
    customerNumber,
    kind,
    language: language ?? null,
    isCompany: isCompany === 1,
    phones: groups(phones, 4, ([raw, e164, phoneKind, label]) => ({
      raw: raw!,
      e164: e164 ?? null,
      kind: phoneKind as CandidateContact['phones'][number]['kind'],
      label: label ?? null,
    })),
    emails: groups(emails, 3, ([address, label, valid]) => ({ address: address!, label: label ?? null, valid: valid !== '0' })),
    addresses: groups(addresses, 6, ([street, postalCode, city, region, country, label]) => ({
      street: street ?? null,
      postalCode: postalCode ?? null,
      city: city ?? null,
      region: region ?? null,
      country: country ?? null,
      label: label ?? null,
    })),
    invalidReason,
  };
}

/** A store in memory, for the few contacts of a chat export and for tests. */
export class MemoryCandidateStore implements CandidateStore {
  private readonly rows: string[] = [];

  add(candidate: CandidateContact): number {
    return this.addEncoded(encodeCandidate(candidate));
  }

  addEncoded(encoded: string): number {
    this.rows.push(encoded);
    return this.rows.length - 1;
  }

  get(index: number): CandidateContact {
    const row = this.rows[index];
    if (row === undefined) throw new RangeError(`no candidate ${index}`);
    return decodeCandidate(row);
  }

  range(from: number, count: number): CandidateContact[] {
    return this.rows.slice(from, from + count).map(decodeCandidate);
  }

  replace(index: number, candidate: CandidateContact): void {
    this.rows[index] = encodeCandidate(candidate);
  }

  get size(): number {
    return this.rows.length;
  }

  *values(): IterableIterator<CandidateContact> {
    for (const row of this.rows) yield decodeCandidate(row);
  }

  close(): void {
    this.rows.length = 0;
  }
}
