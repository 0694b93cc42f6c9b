import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { storeEvidence } from '../../../electron/services/evidence';
import { recordConsent } from '../../../electron/services/consents';
import { bulkChange } from '../../../electron/services/tracking';
import { purgeBin } from '../../../electron/services/erasure';
import { testSession } from '../../helpers/session';

const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('deleted contacts', () => {
  it('stay restorable for 30 days, then go for good with their history, consents and scans', () => {
    const session = testSession();
    const { ctx } = session;
    const keep = ctx.repos.contacts.insert({ displayName: 'Bleibt' });
    const gone = ctx.repos.contacts.insert({
      displayName: 'Gelöscht',
      phones: [{ e164: '+491701234567', raw: '0170 1234567', label: null, kind: 'mobile' }],
    });
    recordConsent(ctx, gone, {
      purposes: ['appointments'],
      givenAt: '2026-11-01',
      textVersion: 'EW-1',
      method: 'signed_letter',
      evidence: { kind: 'scan', fileName: 'einwilligung.pdf', data: pdf },
    });
    const evidence = { id: ctx.repos.tracking.consents(gone)[0]!.evidenceId! };
    const unused = storeEvidence(ctx, 'abgebrochen.pdf', pdf);
    bulkChange(ctx, { ids: [gone] }, { kind: 'delete' });

    const db = new BetterSqlite3(ctx.databasePath, { readonly: true });
    // Within the undo window nothing goes.
    expect(purgeBin(ctx, new Date(Date.now() + 29 * 86_400_000))).toBe(0);
    expect(db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(2);

    expect(purgeBin(ctx, new Date(Date.now() + 31 * 86_400_000))).toBe(1);
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table} WHERE contact_id = ?`).pluck().get(gone);
    // The erased contact's row stays, emptied, as the place of its one history entry (without personal data).
    expect(db.prepare('SELECT id FROM contacts WHERE erased_at IS NULL').pluck().all()).toEqual([keep]);
    expect(db.prepare('SELECT display_name FROM contacts WHERE id = ?').pluck().get(gone)).toBe('');
    for (const table of ['contact_phones', 'consents']) expect(count(table), table).toBe(0);
    expect(db.prepare('SELECT kind FROM history WHERE contact_id = ?').pluck().all(gone)).toEqual(['erased']);
    expect(db.prepare('SELECT count(*) FROM evidence WHERE id IN (?, ?)').pluck().get(evidence.id, unused.id)).toBe(0);
    db.close();
  });
});
