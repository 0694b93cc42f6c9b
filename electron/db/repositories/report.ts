import type { Database } from 'better-sqlite3';
import type { Purpose } from '../../../shared/model/tracking';

/** One consent valid at the end of the report's day, with its contact and its proof. */
export interface ValidConsentRow {
  contactId: number;
  name: string;
  purpose: Purpose;
  givenAt: string;
  textVersion: string;
  /** The scan's number (never its file name: a shared scan may be named after someone erased since). */
  evidenceId: number | null;
  evidenceNote: string | null;
}

/**
 * The reads of the accountability report that the overview does not make (everything up to a moment or
 * day), and the record of access reports it counts.
 */
export interface ReportRepository {
  /** Consents given on or before `day` and not withdrawn by then, of contacts in the list, by contact and purpose. */
  validConsents(day: string): ValidConsentRow[];
  /** Contacts in the list that existed before `end` (a UTC moment), per stage as it was then (replayed from the history). */
  stagesBefore(end: string): Map<string, number>;
  /** The same per target ('none' for none). */
  targetsBefore(end: string): Map<string, number>;
  /** Contacts in the list per kind. */
  byKind(): Map<string, number>;
  /** Consent letters marked sent before `end`, per text version, with the first and last moment (undone marks left out). */
  consentLettersByVersion(end: string): { version: string; letters: number; firstAt: string; lastAt: string }[];
  invitationLetters(end: string): number;
  /** Consents on or before `day` per text version: how many contacts. */
  consentsByVersion(day: string): { version: string; contacts: number }[];
  /** Contacts who gave a consent on or before `day`. */
  consentsReceived(day: string): number;
  /** Contacts set to "consent refused" before `end`. */
  refusedBefore(end: string): number;
  /** Each withdrawal recorded before `end`: the day it took effect and the moment it was recorded. */
  withdrawalsBefore(end: string): { withdrawnAt: string; recordedAt: string }[];
  /** Each erasure before `end`: the day, and whether the bin's 30 days ran out (else on request). */
  erasuresBefore(end: string): { erasedOn: string; fromBin: boolean }[];
  /** Records that an access report was produced (the moment and the form: no person). */
  recordAccessReport(format: 'pdf' | 'json'): void;
  /** The moments access reports were produced before `end`, oldest first. */
  accessReportsBefore(end: string): string[];
}

const NOT_UNDONE = 'NOT EXISTS (SELECT 1 FROM operations o WHERE o.id = h.operation_id AND o.undone_at IS NOT NULL)';
const IN_LIST = 'c.deleted_at IS NULL AND c.erased_at IS NULL';

export function createReportRepository(db: Database): ReportRepository {
  const validConsents = db.prepare<{ day: string }, ValidConsentRow>(
    `SELECT c.id AS contactId, c.display_name AS name, k.purpose, k.given_at AS givenAt, k.text_version AS textVersion,
            k.evidence_id AS evidenceId, k.evidence_note AS evidenceNote
     FROM consents k JOIN contacts c ON c.id = k.contact_id
     WHERE ${IN_LIST} AND k.given_at <= @day AND (k.withdrawn_at IS NULL OR k.withdrawn_at > @day)
     ORDER BY c.sort_name, c.id, k.given_at, k.id`,
  );
  // The newest value a contact's history gave `field` before the moment; contacts created later are left out.
  const replay = (field: 'stage' | 'target', fallback: string) =>
    db.prepare<{ end: string }, { value: string; count: number }>(
      `SELECT coalesce((SELECT json_extract(h.after, '$.${field}') FROM history h
                        WHERE h.contact_id = c.id AND json_type(h.after, '$.${field}') IS NOT NULL AND h.at < @end
                        ORDER BY h.at DESC, h.id DESC LIMIT 1), '${fallback}') AS value, count(*) AS count
       FROM contacts c WHERE ${IN_LIST} AND c.created_at < @end GROUP BY value`,
    );
  const stages = replay('stage', 'new');
  const targets = replay('target', 'none');
  const byKind = db.prepare<[], { kind: string; count: number }>(
    `SELECT c.kind, count(*) AS count FROM contacts c WHERE ${IN_LIST} GROUP BY c.kind`,
  );
  // A history entry holds only the fields that changed: a letter sent again on another day changes its
  // day alone, and its version (or channel) is the one the contact's newest earlier entry set. A
  // letter sent twice on one day changes nothing and counts once.
  const earlier = (field: string) =>
    `(SELECT json_extract(e.after, '$.${field}') FROM history e WHERE e.contact_id = h.contact_id
        AND json_type(e.after, '$.${field}') IS NOT NULL AND (e.at < h.at OR (e.at = h.at AND e.id < h.id))
      ORDER BY e.at DESC, e.id DESC LIMIT 1)`;
  const lettersByVersion = db.prepare<{ end: string }, { version: string; letters: number; firstAt: string; lastAt: string }>(
    `SELECT coalesce(json_extract(h.after, '$.letterVersion'), ${earlier('letterVersion')}) AS version, count(*) AS letters,
            min(h.at) AS firstAt, max(h.at) AS lastAt
     FROM history h
     WHERE h.kind = 'stage' AND json_type(h.after, '$.letterSentAt') IS NOT NULL AND h.at < @end AND ${NOT_UNDONE}
     GROUP BY version HAVING version IS NOT NULL ORDER BY firstAt`,
  );
  const invitationLetters = db
    .prepare<{ end: string }, number>(
      `SELECT count(*) FROM history h
       WHERE h.kind = 'stage' AND json_type(h.after, '$.invitedAt') IS NOT NULL
         AND coalesce(json_extract(h.after, '$.invitedChannel'), ${earlier('invitedChannel')}) = 'letter' AND h.at < @end AND ${NOT_UNDONE}`,
    )
    .pluck();
  const consentsByVersion = db.prepare<{ day: string }, { version: string; contacts: number }>(
    'SELECT text_version AS version, count(DISTINCT contact_id) AS contacts FROM consents WHERE given_at <= @day GROUP BY text_version',
  );
  const consentsReceived = db
    .prepare<{ day: string }, number>('SELECT count(DISTINCT contact_id) FROM consents WHERE given_at <= @day')
    .pluck();
  const refused = db
    .prepare<{ end: string }, number>(
      `SELECT count(DISTINCT h.contact_id) FROM history h WHERE h.kind = 'stage'
         AND json_extract(h.after, '$.stage') = 'consent_refused' AND h.at < @end AND ${NOT_UNDONE}`,
    )
    .pluck();
  const withdrawals = db.prepare<{ end: string }, { withdrawnAt: string; recordedAt: string }>(
    `SELECT json_extract(h.after, '$.withdrawnAt') AS withdrawnAt, h.at AS recordedAt FROM history h
     WHERE h.kind = 'consent_withdrawn' AND h.at < @end AND ${NOT_UNDONE}`,
  );
  const erasures = db.prepare<{ end: string }, { erasedOn: string; fromBin: number }>(
    `SELECT coalesce(json_extract(h.after, '$.erasedOn'), json_extract(h.after, '$.deletedOn')) AS erasedOn,
            json_extract(h.after, '$.keptDays') IS NOT NULL AS fromBin
     FROM history h WHERE h.kind = 'erased' AND h.at < @end ORDER BY h.at`,
  );
  const recordAccessReport = db.prepare<[string]>(
    "INSERT INTO access_reports (answered_at, format) VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?)",
  );
  const accessReports = db
    .prepare<{ end: string }, string>('SELECT answered_at FROM access_reports WHERE answered_at < @end ORDER BY answered_at')
    .pluck();
  const counted = (rows: { value: string; count: number }[]) => new Map(rows.map((row) => [row.value, row.count]));

  return {
    validConsents: (day) => validConsents.all({ day }),
    stagesBefore: (end) => counted(stages.all({ end })),
    targetsBefore: (end) => counted(targets.all({ end })),
    byKind: () => new Map(byKind.all().map((row) => [row.kind, row.count])),
    consentLettersByVersion: (end) => lettersByVersion.all({ end }),
    invitationLetters: (end) => invitationLetters.get({ end }) ?? 0,
    consentsByVersion: (day) => consentsByVersion.all({ day }),
    consentsReceived: (day) => consentsReceived.get({ day }) ?? 0,
    refusedBefore: (end) => refused.get({ end }) ?? 0,
    withdrawalsBefore: (end) => withdrawals.all({ end }),
    erasuresBefore: (end) => erasures.all({ end }).map((row) => ({ erasedOn: row.erasedOn, fromBin: row.fromBin === 1 })),
    recordAccessReport: (format) => void recordAccessReport.run(format),
    accessReportsBefore: (end) => accessReports.all({ end }),
  };
}
