import type { Database } from 'better-sqlite3';
import type { ChecklistItem, PhoneInput, PhonePlatform } from '../../../shared/model/phones';
import { VALID_CONSENT_SQL } from './contact-list';

export interface PhoneRow {
  id: number;
  name: string;
  number: string | null;
  platform: PhonePlatform;
  usedBy: string | null;
  createdAt: string;
  /** When it went out of use; null while in use. */
  retiredAt: string | null;
}

export interface ChecklistTick {
  phoneId: number;
  item: ChecklistItem;
  checkedOn: string;
  checkedBy: string;
}

export interface PhoneBookCheckCounts {
  phoneId: number | null;
  checkedAt: string;
  numbers: number;
  ok: number;
  withoutConsent: number;
  consentedMissing: number;
  unknown: number;
}

/** A number of a contact in the list, with whether that contact has a valid WhatsApp consent. */
export interface NumberOwner {
  e164: string;
  contactId: number;
  displayName: string;
  consented: boolean;
}

export interface PhonesRepository {
  /** The phones in use, oldest first; with `retiredToo` also those no longer in use (the record of the report). */
  list(retiredToo?: boolean): PhoneRow[];
  get(id: number): PhoneRow | null;
  add(phone: PhoneInput, createdAt: string): number;
  update(id: number, phone: PhoneInput): void;
  /** No longer in use: gone from the list, its ticks and checks kept as the record. */
  retire(id: number, retiredAt: string): void;
  tick(tick: ChecklistTick, recordedAt: string): void;
  /** The newest tick of each item of each phone (retired ones' too: the report shows their record). */
  latestTicks(): ChecklistTick[];
  recordPhoneBookCheck(counts: PhoneBookCheckCounts): void;
  /** The newest address-book check of each phone (and of checks made without naming a phone, under null). */
  latestPhoneBookChecks(): PhoneBookCheckCounts[];
  /** Every number of every contact in the list (not in the bin), for comparing a phone's address book. */
  numberOwners(): NumberOwner[];
}

const phoneColumns = 'id, name, number, platform, used_by AS usedBy, created_at AS createdAt, retired_at AS retiredAt';
const countColumns =
  'phone_id AS phoneId, checked_at AS checkedAt, numbers, ok, without_consent AS withoutConsent, consented_missing AS consentedMissing, unknown';

export function createPhonesRepository(db: Database): PhonesRepository {
  const list = db.prepare<[], PhoneRow>(`SELECT ${phoneColumns} FROM business_phones WHERE retired_at IS NULL ORDER BY id`);
  const listAll = db.prepare<[], PhoneRow>(`SELECT ${phoneColumns} FROM business_phones ORDER BY id`);
  const get = db.prepare<[number], PhoneRow>(`SELECT ${phoneColumns} FROM business_phones WHERE id = ? AND retired_at IS NULL`);
  const add = db.prepare<PhoneInput & { createdAt: string }>(
    'INSERT INTO business_phones (name, number, platform, used_by, created_at) VALUES (@name, @number, @platform, @usedBy, @createdAt)',
  );
  const update = db.prepare<PhoneInput & { id: number }>(
    'UPDATE business_phones SET name = @name, number = @number, platform = @platform, used_by = @usedBy WHERE id = @id',
  );
  const retire = db.prepare<[string, number]>('UPDATE business_phones SET retired_at = ? WHERE id = ?');
  const tick = db.prepare<ChecklistTick & { recordedAt: string }>(
    'INSERT INTO phone_checklist (phone_id, item, checked_on, checked_by, recorded_at) VALUES (@phoneId, @item, @checkedOn, @checkedBy, @recordedAt)',
  );
  // The newest day per item; of two ticks of the same day, the one recorded last.
  const latestTicks = db.prepare<[], ChecklistTick>(
    `SELECT phone_id AS phoneId, item, checked_on AS checkedOn, checked_by AS checkedBy FROM (
       SELECT t.*, row_number() OVER (PARTITION BY t.phone_id, t.item ORDER BY t.checked_on DESC, t.id DESC) AS newest
       FROM phone_checklist t
     ) WHERE newest = 1`,
  );
  const recordCheck = db.prepare<PhoneBookCheckCounts>(
    `INSERT INTO phone_book_checks (phone_id, checked_at, numbers, ok, without_consent, consented_missing, unknown)
     VALUES (@phoneId, @checkedAt, @numbers, @ok, @withoutConsent, @consentedMissing, @unknown)`,
  );
  const latestChecks = db.prepare<[], PhoneBookCheckCounts>(
    `SELECT ${countColumns} FROM (
       SELECT *, row_number() OVER (PARTITION BY phone_id ORDER BY checked_at DESC, id DESC) AS newest FROM phone_book_checks
     ) WHERE newest = 1`,
  );
  const numberOwners = db.prepare<[], { e164: string; contactId: number; displayName: string; consented: number }>(
    `SELECT p.e164, c.id AS contactId, c.display_name AS displayName, ${VALID_CONSENT_SQL} AS consented
     FROM contact_phones p JOIN contacts c ON c.id = p.contact_id
     WHERE p.e164 IS NOT NULL AND c.deleted_at IS NULL AND c.erased_at IS NULL`,
  );

  return {
    list: (retiredToo = false) => (retiredToo ? listAll : list).all(),
    get: (id) => get.get(id) ?? null,
    add: (phone, createdAt) => Number(add.run({ ...phone, createdAt }).lastInsertRowid),
    update: (id, phone) => void update.run({ ...phone, id }),
    retire: (id, retiredAt) => void retire.run(retiredAt, id),
    tick: (entry, recordedAt) => void tick.run({ ...entry, recordedAt }),
    latestTicks: () => latestTicks.all(),
    recordPhoneBookCheck: (counts) => void recordCheck.run(counts),
    latestPhoneBookChecks: () => latestChecks.all(),
    numberOwners: () => numberOwners.all().map((row) => ({ ...row, consented: row.consented === 1 })),
  };
}
