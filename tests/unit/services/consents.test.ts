import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { prepareConsents, recordConsent, recordConsents, withdrawConsent } from '../../../electron/services/consents';
import { dashboard } from '../../../electron/services/dashboard';
import { consentedContacts } from '../../../electron/services/export';
import { previewLetters } from '../../../electron/services/letters';
import { getProfile, updateProfile } from '../../../electron/services/profile';
import { bulkChange, setStage, stageOptions, undoOperation } from '../../../electron/services/tracking';
import { consentTextVersion } from '../../../shared/letters/consent-text-version';
import { stages, type Stage } from '../../../shared/model/tracking';
import { completeProfile } from '../../helpers/profile';
import { testSession } from '../../helpers/session';

type Session = ReturnType<typeof testSession>;

const pdf = Buffer.from('%PDF-1.4\nunterschrieben\n');

function contactsAt(session: Session, ...stagesWanted: Stage[]): number[] {
  return stagesWanted.map((stage, i) => {
    const id = session.ctx.repos.contacts.insert({
      displayName: `Kontakt ${i} ${stage}`,
      phones: [{ e164: `+49170100000${i}`, raw: `0170 100000${i}`, label: null, kind: 'mobile' }],
    });
    if (stage !== 'new') session.ctx.repos.contacts.updateFields(id, { stage });
    return id;
  });
}

describe('consent only with its proof', () => {
  it('is refused without a reason when there is no scan, and with no purpose', () => {
    const session = testSession();
    const [id] = contactsAt(session, 'consent_requested');
    expect(() =>
      recordConsent(session.ctx, id!, {
        purposes: ['appointments'],
        givenAt: '2026-11-20',
        method: 'phone',
        evidence: { kind: 'note', note: '   ' },
      }),
    ).toThrow(expect.objectContaining({ messageKey: 'tracking.errors.evidenceMissing' }));
    expect(() =>
      recordConsent(session.ctx, id!, {
        purposes: [],
        givenAt: '2026-11-20',
        method: 'phone',
        evidence: { kind: 'note', note: 'mündlich' },
      }),
    ).toThrow(expect.objectContaining({ messageKey: 'tracking.errors.purposeRequired' }));
    expect(session.ctx.repos.tracking.consents(id!)).toEqual([]);
    expect(session.ctx.repos.contacts.byIds([id!]).get(id!)!.stage).toBe('consent_requested');
  });

  it('a scan that is no PDF or image records nothing at all (the evidence and the consent are one transaction)', () => {
    const session = testSession();
    const [id] = contactsAt(session, 'consent_requested');
    expect(() =>
      recordConsent(session.ctx, id!, {
        purposes: ['appointments'],
        givenAt: '2026-11-20',
        method: 'signed_letter',
        evidence: { kind: 'scan', fileName: 'brief.docx', data: Buffer.from('PK\x03\x04') },
      }),
    ).toThrow(expect.objectContaining({ messageKey: 'tracking.errors.evidenceType' }));
    expect(session.ctx.repos.tracking.consents(id!)).toEqual([]);
  });

  it('"consent given" cannot be set as a bare stage, one by one or for a selection', () => {
    const session = testSession();
    const ids = contactsAt(session, 'consent_requested', 'new');
    expect(() => setStage(session.ctx, ids[0]!, { stage: 'consent_given' })).toThrow(
      expect.objectContaining({ messageKey: 'tracking.errors.consentNeedsForm' }),
    );
    expect(() => bulkChange(session.ctx, { ids }, { kind: 'setStage', change: { stage: 'consent_given' } })).toThrow(
      expect.objectContaining({ messageKey: 'tracking.errors.consentNeedsForm' }),
    );
    expect(dashboard(session.ctx).consented).toBe(0);
  });

  it('the text version defaults to the letter last sent to the contact, else to today’s text; a given one wins', () => {
    const session = testSession();
    updateProfile(session.ctx, completeProfile);
    const [lettered, unlettered, given] = contactsAt(session, 'new', 'new', 'new');
    setStage(session.ctx, lettered!, { stage: 'consent_requested', letterVersion: 'EW-ALT', date: '2026-11-01' });
    const note = { kind: 'note' as const, note: 'mündlich am Telefon' };
    recordConsent(session.ctx, lettered!, { purposes: ['appointments'], givenAt: '2026-11-20', method: 'phone', evidence: note });
    recordConsent(session.ctx, unlettered!, { purposes: ['appointments'], givenAt: '2026-11-20', method: 'phone', evidence: note });
    recordConsent(session.ctx, given!, {
      purposes: ['appointments'],
      givenAt: '2026-11-20',
      textVersion: 'EW-HAND',
      method: 'phone',
      evidence: note,
    });
    const version = (id: number) => session.ctx.repos.tracking.consents(id)[0]!.textVersion;
    expect([version(lettered!), version(unlettered!), version(given!)]).toEqual([
      'EW-ALT',
      consentTextVersion(getProfile(session.ctx)),
      'EW-HAND',
    ]);
    expect(prepareConsents(session.ctx, { ids: [lettered!] })).toMatchObject({
      count: 1,
      possible: 1,
      letterVersions: [{ version: 'EW-ALT', count: 1 }],
    });
  });

  it('for a selection: one scan for all, each contact’s own letter version, refusals named, undone as a whole', () => {
    const session = testSession();
    const ids = contactsAt(session, 'consent_requested', 'consent_requested', 'switched', 'consent_given');
    setStage(session.ctx, ids[1]!, { stage: 'consent_requested', letterVersion: 'EW-2', date: '2026-11-02' });
    recordConsent(session.ctx, ids[3]!, {
      purposes: ['appointments'],
      givenAt: '2026-11-01',
      method: 'phone',
      evidence: { kind: 'note', note: 'mündlich' },
    });
    const prepared = prepareConsents(session.ctx, { ids });
    expect(prepared).toMatchObject({ count: 4, possible: 3, refused: [expect.stringContaining('Gewechselt')] });

    const result = recordConsents(
      session.ctx,
      { ids },
      {
        purposes: ['appointments', 'site_photos'],
        givenAt: '2026-11-20',
        method: 'signed_letter',
        evidence: { kind: 'scan', fileName: 'sammelscan.pdf', data: pdf },
      },
    );
    expect(result).toMatchObject({ changed: 3, skipped: 1, skippedReasons: [expect.stringContaining('Gewechselt')] });
    const consents = ids.map((id) => session.ctx.repos.tracking.consents(id));
    expect(consents[1]!.map((c) => c.textVersion)).toEqual(['EW-2', 'EW-2']);
    expect(
      new Set(
        consents
          .flat()
          .filter((c) => c.evidenceId)
          .map((c) => c.evidenceId),
      ).size,
    ).toBe(1);
    expect(consents[2]).toEqual([]);
    expect(dashboard(session.ctx).consented).toBe(3);

    expect(undoOperation(session.ctx, result.operationId)).toEqual({ restored: 3, keptBecauseChanged: 0 });
    expect(ids.map((id) => session.ctx.repos.contacts.byIds([id]).get(id)!.stage)).toEqual([
      'consent_requested',
      'consent_requested',
      'switched',
      'consent_given',
    ]);
    expect(ids.map((id) => session.ctx.repos.tracking.consents(id).length)).toEqual([0, 0, 0, 1]);
  });

  it('an undo leaves a consent alone that was withdrawn since', () => {
    const session = testSession();
    const ids = contactsAt(session, 'consent_requested', 'consent_requested');
    const result = recordConsents(
      session.ctx,
      { ids },
      { purposes: ['appointments'], givenAt: '2026-11-20', method: 'phone', evidence: { kind: 'note', note: 'Telefonnotiz' } },
    );
    withdrawConsent(session.ctx, ids[0]!, { date: '2026-11-25' });
    expect(undoOperation(session.ctx, result.operationId)).toEqual({ restored: 1, keptBecauseChanged: 1 });
    expect(session.ctx.repos.tracking.consents(ids[0]!)).toHaveLength(1);
  });
});

describe('what a consent can prove', () => {
  it('an employee consents in writing or electronically only: a scan, not a phone note (§ 26(2) BDSG)', () => {
    const session = testSession();
    const [id] = contactsAt(session, 'consent_requested');
    session.ctx.repos.contacts.updateFields(id!, { kind: 'employee' });
    expect(() =>
      recordConsent(session.ctx, id!, {
        purposes: ['appointments'],
        givenAt: '2026-11-20',
        method: 'phone',
        evidence: { kind: 'note', note: 'mündlich' },
      }),
    ).toThrow(expect.objectContaining({ messageKey: 'tracking.errors.employeeConsentWritten' }));
    expect(prepareConsents(session.ctx, { ids: [id!] })).toMatchObject({ possible: 1, employees: 1 });
    expect(
      recordConsent(session.ctx, id!, {
        purposes: ['appointments'],
        givenAt: '2026-11-20',
        method: 'signed_letter',
        evidence: { kind: 'scan', fileName: 'arbeitsvertrag-anlage.pdf', data: pdf },
      }).stage,
    ).toBe('consent_given');
  });

  it('a day after today, the same purpose twice, or a purpose already consented to is not recorded again', () => {
    const session = testSession();
    const [id] = contactsAt(session, 'consent_requested');
    const note = { kind: 'note' as const, note: 'mündlich am Telefon' };
    expect(() =>
      recordConsent(session.ctx, id!, { purposes: ['appointments'], givenAt: '2999-01-01', method: 'phone', evidence: note }),
    ).toThrow(expect.objectContaining({ messageKey: 'tracking.errors.consentInFuture' }));
    recordConsent(session.ctx, id!, { purposes: ['appointments', 'appointments'], givenAt: '2026-11-20', method: 'phone', evidence: note });
    expect(session.ctx.repos.tracking.consents(id!).map((c) => c.purpose)).toEqual(['appointments']);
    expect(() =>
      recordConsent(session.ctx, id!, { purposes: ['appointments'], givenAt: '2026-11-21', method: 'phone', evidence: note }),
    ).toThrow(expect.objectContaining({ messageKey: 'tracking.errors.alreadyConsented' }));
    recordConsent(session.ctx, id!, { purposes: ['appointments', 'site_photos'], givenAt: '2026-11-21', method: 'phone', evidence: note });
    expect(session.ctx.repos.tracking.consents(id!).map((c) => c.purpose)).toEqual(['appointments', 'site_photos']);
  });

  it('a scan for a selection nobody of which can consent is not kept; an undo takes the scan with the consents', () => {
    const session = testSession();
    const evidenceCount = () => {
      const db = new BetterSqlite3(session.ctx.databasePath, { readonly: true });
      const count = db.prepare('SELECT count(*) FROM evidence').pluck().get();
      db.close();
      return count;
    };
    const [switched] = contactsAt(session, 'switched');
    recordConsents(
      session.ctx,
      { ids: [switched!] },
      {
        purposes: ['appointments'],
        givenAt: '2026-11-20',
        method: 'signed_letter',
        evidence: { kind: 'scan', fileName: 'scan.pdf', data: pdf },
      },
    );
    expect(evidenceCount()).toBe(0);
    const [asked] = contactsAt(session, 'consent_requested');
    const result = recordConsents(
      session.ctx,
      { ids: [asked!] },
      {
        purposes: ['appointments'],
        givenAt: '2026-11-20',
        method: 'signed_letter',
        evidence: { kind: 'scan', fileName: 'scan.pdf', data: pdf },
      },
    );
    const evidenceId = session.ctx.repos.tracking.consents(asked!)[0]!.evidenceId!;
    expect(session.ctx.repos.tracking.evidence(evidenceId)).not.toBeNull();
    undoOperation(session.ctx, result.operationId);
    expect(session.ctx.repos.tracking.evidence(evidenceId)).toBeNull();
  });

  it('an undo leaves a contact alone that was changed since (its target set by hand)', () => {
    const session = testSession();
    const ids = contactsAt(session, 'consent_requested');
    const result = recordConsents(
      session.ctx,
      { ids },
      { purposes: ['appointments'], givenAt: '2026-11-20', method: 'phone', evidence: { kind: 'note', note: 'Telefonnotiz' } },
    );
    session.ctx.repos.contacts.updateFields(ids[0]!, { target: 'signal' });
    expect(undoOperation(session.ctx, result.operationId)).toEqual({ restored: 0, keptBecauseChanged: 1 });
    expect(session.ctx.repos.tracking.consents(ids[0]!)).toHaveLength(1);
  });
});

describe('stages that fit reality', () => {
  it('the bulk menu learns which steps every contact can take, and why the others cannot', () => {
    const session = testSession();
    const ids = contactsAt(session, 'new', 'invited', 'switched');
    const options = stageOptions(session.ctx, { ids });
    const of = (stage: Stage) => options.steps.find((step) => step.stage === stage)!;
    expect(options.count).toBe(3);
    expect(options.steps.map((step) => step.stage)).toEqual(stages.filter((stage) => stage !== 'new'));
    expect(of('phone_email_only')).toEqual({ stage: 'phone_email_only', possible: 3, refused: [] });
    expect(of('invited')).toMatchObject({
      possible: 2,
      refused: ['„Kontakt 2 switched“ kann nicht von „Gewechselt“ zu „Eingeladen“ wechseln.'],
    });
    expect(of('consent_refused').possible).toBe(0);
  });

  it('someone already on Signal is switched straight from "new", with messenger, date and "was there already"', () => {
    const session = testSession();
    const [id] = contactsAt(session, 'new');
    const contact = setStage(session.ctx, id!, { stage: 'switched', messenger: 'signal', date: '2026-11-15' });
    expect(contact).toMatchObject({
      stage: 'switched',
      messenger: 'signal',
      target: 'signal',
      switchedAt: '2026-11-15',
      invitedChannel: 'already_there',
      invitedAt: null,
    });
  });

  it('an invitation stores the target it asked for when the contact had none, and keeps one the office set', () => {
    const session = testSession();
    const [open, set] = contactsAt(session, 'new', 'new');
    session.ctx.repos.contacts.updateFields(set!, { target: 'threema' });
    expect(setStage(session.ctx, open!, { stage: 'invited', channel: 'whatsapp', target: 'signal', date: '2026-11-15' }).target).toBe(
      'signal',
    );
    expect(setStage(session.ctx, set!, { stage: 'invited', channel: 'whatsapp', target: 'signal', date: '2026-11-15' }).target).toBe(
      'threema',
    );
  });
});

describe('one definition of a valid consent', () => {
  it('the overview, the filter, the export to the phone and the letters page agree over every stage and consent combination', () => {
    const session = testSession();
    const kinds = ['none', 'active', 'withdrawn', 'partly withdrawn', 'note only'] as const;
    let expected = 0;
    let n = 0;
    const scan = session.ctx.repos.tracking.addEvidence({
      fileName: 'scan.pdf',
      mime: 'application/pdf',
      size: pdf.length,
      sha256: 'x',
      data: pdf,
    });
    for (const stage of stages) {
      for (const kind of kinds) {
        const id = session.ctx.repos.contacts.insert({
          displayName: `${stage} ${kind}`,
          phones: [{ e164: `+4917020000${String(n).padStart(2, '0')}`, raw: 'x', label: null, kind: 'mobile' }],
        });
        n += 1;
        session.ctx.repos.contacts.updateFields(id, { stage });
        const add = (purpose: 'appointments' | 'site_photos', withdrawn: string | null, note: string | null) => {
          const consentId = session.ctx.repos.tracking.addConsent({
            contactId: id,
            purpose,
            givenAt: '2026-11-01',
            textVersion: 'EW-1',
            method: 'signed_letter',
            evidenceId: note ? null : scan,
            evidenceNote: note,
          });
          if (withdrawn) session.ctx.repos.tracking.withdrawConsent(consentId, withdrawn);
        };
        if (kind === 'active') add('appointments', null, null);
        if (kind === 'withdrawn') add('appointments', '2026-11-10', null);
        if (kind === 'partly withdrawn') {
          add('appointments', '2026-11-10', null);
          add('site_photos', null, null);
        }
        if (kind === 'note only') add('appointments', null, 'mündlich am Telefon');
        if (stage === 'consent_given' && kind !== 'none' && kind !== 'withdrawn') expected += 1;
      }
    }
    const filtered = session.ctx.repos.contactList.count({ search: '', consented: true, invitedBefore: '', letterSentBefore: '' });
    const notFiltered = session.ctx.repos.contactList.count({ search: '', consented: false, invitedBefore: '', letterSentBefore: '' });
    expect(expected).toBe(3);
    expect(dashboard(session.ctx).consented).toBe(expected);
    // The stage "consent given" in the overview's bars and the table's filter means the same.
    expect(dashboard(session.ctx).byStage.consent_given).toBe(expected);
    expect(session.ctx.repos.contactList.count({ search: '', stages: ['consent_given'], invitedBefore: '', letterSentBefore: '' })).toBe(
      expected,
    );
    expect(filtered).toBe(expected);
    expect(notFiltered).toBe(stages.length * kinds.length - expected);
    expect(
      consentedContacts(session.ctx)
        .map((c) => c.displayName)
        .sort(),
    ).toEqual(['consent_given active', 'consent_given note only', 'consent_given partly withdrawn']);
    // The letters page asks before writing to exactly these again.
    const settled = previewLetters(session.ctx, { filter: { search: '' }, except: [] }, { form: 'B' }).settled;
    expect(
      settled
        .filter((contact) => contact.reason === 'consented')
        .map((c) => c.displayName)
        .sort(),
    ).toEqual(['consent_given active', 'consent_given note only', 'consent_given partly withdrawn']);
  });
});
