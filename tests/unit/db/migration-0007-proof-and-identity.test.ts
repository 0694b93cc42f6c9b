import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrate';
import { initial } from '../../../electron/db/migrations/0001-initial';
import { contactDetailsAndImports } from '../../../electron/db/migrations/0002-contact-details-and-imports';
import { tracking } from '../../../electron/db/migrations/0003-tracking';
import { searchIndexAndSortKey } from '../../../electron/db/migrations/0004-search-index-and-sort-key';
import { listColumns } from '../../../electron/db/migrations/0005-list-columns';
import { contactLanguage } from '../../../electron/db/migrations/0006-contact-language';
import { LEGACY_NOTE, proofAndIdentity } from '../../../electron/db/migrations/0007-proof-and-identity';
import { tempDatabasePath } from '../../helpers/temp';

const upTo6 = [initial, contactDetailsAndImports, tracking, searchIndexAndSortKey, listColumns, contactLanguage];

describe('migration 0007 proof and identity', () => {
  it('carries dismissed duplicate pairs over as kept apart, keeps consents with their ids, and adds the new columns', () => {
    const db = new BetterSqlite3(tempDatabasePath());
    db.pragma('foreign_keys = ON');
    migrate(db, upTo6, 'test');
    const insert = db.prepare('INSERT INTO contacts (display_name, search_text) VALUES (?, ?)');
    for (const name of ['Klaus Bauer', 'Anna Lehmann', 'Doppelt', 'Merged away', 'Open pair']) insert.run(name, '');
    db.prepare("UPDATE contacts SET deleted_at = '2026-01-01T00:00:00.000Z' WHERE display_name = 'Merged away'").run();
    const pair = db.prepare('INSERT INTO duplicate_candidates (contact_id, other_id, reason, resolved_at) VALUES (?, ?, ?, ?)');
    pair.run(2, 1, 'sameNumberOtherName', '2026-11-01T10:00:00.000Z'); // dismissed: kept apart
    pair.run(3, 4, 'sameNumberOtherName', '2026-11-02T10:00:00.000Z'); // merged: the other one is deleted
    pair.run(5, 1, 'sameNumberOtherName', null); // still open
    db.prepare(
      "INSERT INTO evidence (file_name, mime, size, sha256, data) VALUES ('scan.pdf', 'application/pdf', 3, 'x', x'010203')",
    ).run();
    db.prepare(
      "INSERT INTO consents (contact_id, purpose, given_at, text_version, method, evidence_id) VALUES (1, 'appointments', '2026-11-20', 'EW-1', 'signed_letter', 1)",
    ).run();
    db.prepare(
      "INSERT INTO consents (contact_id, purpose, given_at, text_version, method, withdrawn_at) VALUES (2, 'site_photos', '2026-11-21', 'EW-1', 'email', '2026-11-25')",
    ).run();
    db.prepare("INSERT INTO contact_emails (contact_id, position, address) VALUES (1, 0, 'klaus@example.de')").run();
    // Set to "consent given" from the bulk menu of an older version, without any consent record.
    const bare = (name: string, stage: string | null) => {
      const id = Number(insert.run(name, '').lastInsertRowid);
      db.prepare("UPDATE contacts SET status = 'consent_given' WHERE id = ?").run(id);
      if (stage)
        db.prepare(
          "INSERT INTO history (contact_id, kind, before, after) VALUES (?, 'stage', json_object('stage', ?), json_object('stage', 'consent_given'))",
        ).run(id, stage);
      return id;
    };
    const fromInvited = bare('Bare nach Einladung', 'invited');
    const withoutHistory = bare('Bare ohne Verlauf', null);
    db.prepare("UPDATE contacts SET status = 'consent_given' WHERE id = 1").run(); // Klaus has a real consent: stays
    const consentsBefore = db.prepare('SELECT * FROM consents ORDER BY id').all();

    migrate(db, [...upTo6, proofAndIdentity], 'test');
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    expect(db.prepare('SELECT contact_id, other_id, decided_at FROM kept_apart').all()).toEqual([
      { contact_id: 1, other_id: 2, decided_at: '2026-11-01T10:00:00.000Z' },
    ]);
    // The same rows and ids; the one without a scan says it was recorded before proofs were required.
    expect(db.prepare('SELECT * FROM consents ORDER BY id').all()).toEqual(
      consentsBefore.map((row) => ({
        ...(row as object),
        evidence_note: (row as { evidence_id: number | null }).evidence_id === null ? LEGACY_NOTE : null,
      })),
    );
    expect(() =>
      db
        .prepare(
          "INSERT INTO consents (contact_id, purpose, given_at, text_version, method) VALUES (3, 'appointments', '2026-11-22', 'EW-1', 'email')",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO consents (contact_id, purpose, given_at, text_version, method, evidence_note) VALUES (3, 'appointments', '2026-11-22', 'EW-1', 'email', '  ')",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(db.prepare('SELECT valid FROM contact_emails').pluck().all()).toEqual([1]);
    const stageOf = (id: number) => db.prepare('SELECT status FROM contacts WHERE id = ?').pluck().get(id);
    expect([stageOf(1), stageOf(fromInvited), stageOf(withoutHistory)]).toEqual(['consent_given', 'invited', 'consent_requested']);
    expect(
      db.prepare("SELECT contact_id, before, after FROM history WHERE kind = 'consentWithoutProof' ORDER BY contact_id").all(),
    ).toEqual([
      { contact_id: fromInvited, before: '{"stage":"consent_given"}', after: '{"stage":"invited"}' },
      { contact_id: withoutHistory, before: '{"stage":"consent_given"}', after: '{"stage":"consent_requested"}' },
    ]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'duplicate_candidates'").pluck().all()).toContain(
      'duplicate_candidates_other',
    );

    // The new rules hold: a pair once with the smaller id first, the phone as a way of consenting.
    expect(() => db.prepare('INSERT INTO kept_apart (contact_id, other_id) VALUES (2, 1)').run()).toThrow(/CHECK/);
    db.prepare(
      "INSERT INTO consents (contact_id, purpose, given_at, text_version, method, evidence_note) VALUES (3, 'appointments', '2026-11-22', 'EW-1', 'phone', 'mündlich am Telefon')",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO consents (contact_id, purpose, given_at, text_version, method, evidence_note) VALUES (3, 'appointments', '2026-11-22', 'EW-1', 'fax', 'x')",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE contact_emails SET valid = 2').run()).toThrow(/CHECK/);
    // A contact erased for good takes its kept-apart pairs and consents with it.
    db.prepare('DELETE FROM contacts WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM kept_apart').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM consents WHERE contact_id = 1').pluck().get()).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
