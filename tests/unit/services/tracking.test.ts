import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../../../shared/search';
import { contactDetail, updateContact } from '../../../electron/services/contact-detail';
import { dashboard } from '../../../electron/services/dashboard';
import { mergeContacts } from '../../../electron/services/duplicates';
import { storeEvidence } from '../../../electron/services/evidence';
import { invitationForContact } from '../../../electron/services/invitations';
import { recordConsent, withdrawConsent } from '../../../electron/services/consents';
import { bulkChange, setStage, setTarget, undoOperation } from '../../../electron/services/tracking';
import { recordedByForm, stages, transitions, type Stage } from '../../../shared/model/tracking';
import { testSession } from '../../helpers/session';

function withContact(stage: Stage = 'new', name = 'Bernd Schulze') {
  const session = testSession();
  const id = session.ctx.repos.contacts.insert({
    displayName: name,
    givenName: name.split(' ')[0],
    familyName: name.split(' ')[1],
    phones: [{ e164: '+491701234567', raw: '0170 1234567', label: 'cell', kind: 'mobile' }],
  });
  if (stage !== 'new') session.ctx.repos.contacts.updateFields(id, { stage });
  return { session, ctx: session.ctx, id };
}

const historyOf = (ctx: ReturnType<typeof testSession>['ctx'], id: number) => ctx.repos.tracking.history(id);

describe('stage rules', () => {
  const pairs = stages.flatMap((from) => stages.map((to) => [from, to] as const));
  it.each(pairs)('%s → %s is allowed exactly when the rules say so', (from, to) => {
    const { ctx, id } = withContact(from);
    const allowed = transitions[from].includes(to);
    if (recordedByForm(to)) {
      // Consent given or withdrawn: never as a bare stage, only through the consent form with its proof.
      expect(() => setStage(ctx, id, { stage: to })).toThrow(
        expect.objectContaining({
          code: 'conflict',
          messageKey: to === 'consent_given' ? 'tracking.errors.consentNeedsForm' : 'tracking.errors.withdrawalNeedsForm',
        }),
      );
      expect(ctx.repos.contacts.byIds([id]).get(id)!.stage).toBe(from);
      if (to === 'consent_given' && allowed) {
        expect(
          recordConsent(ctx, id, {
            purposes: ['appointments'],
            givenAt: '2026-11-20',
            method: 'phone',
            evidence: { kind: 'note', note: 'mündlich am Telefon' },
          }).stage,
        ).toBe(to);
      }
      return;
    }
    if (allowed) {
      expect(setStage(ctx, id, { stage: to, channel: 'whatsapp', messenger: 'signal' }).stage).toBe(to);
      expect(historyOf(ctx, id)).toHaveLength(1);
    } else {
      expect(() => setStage(ctx, id, { stage: to })).toThrow(
        expect.objectContaining({ code: 'conflict', messageKey: 'tracking.errors.transitionRefused' }),
      );
      expect(ctx.repos.contacts.byIds([id]).get(id)!.stage).toBe(from);
      expect(historyOf(ctx, id)).toEqual([]);
    }
  });

  it('a refused step names the contact and both stages in German', async () => {
    const { session, id } = withContact('switched');
    const result = await session.dispatch('contacts.setStage', { id, change: { stage: 'invited', channel: 'email' } });
    expect(result).toEqual({
      ok: false,
      error: { code: 'conflict', message: '„Bernd Schulze“ kann nicht von „Gewechselt“ zu „Eingeladen“ wechseln.' },
    });
  });

  it('each step records its date, channel, messenger or letter version', () => {
    const { ctx, id } = withContact();
    expect(setStage(ctx, id, { stage: 'invited', channel: 'whatsapp', date: '2026-11-02' })).toMatchObject({
      stage: 'invited',
      invitedAt: '2026-11-02',
      invitedChannel: 'whatsapp',
    });
    expect(setStage(ctx, id, { stage: 'switched', messenger: 'threema', date: '2026-11-10' })).toMatchObject({
      stage: 'switched',
      switchedAt: '2026-11-10',
      messenger: 'threema',
      target: 'threema',
    });
    const other = withContact();
    expect(setStage(other.ctx, other.id, { stage: 'consent_requested', letterVersion: 'EW-2026-1', date: '2026-11-03' })).toMatchObject({
      letterSentAt: '2026-11-03',
      letterVersion: 'EW-2026-1',
      target: 'whatsapp_consent',
    });
  });
});

describe('history: every change leaves exactly one entry with what was before and after', () => {
  it('stage, target and field edits', () => {
    const { ctx, id } = withContact();
    setStage(ctx, id, { stage: 'invited', channel: 'sms', date: '2026-11-02' });
    setTarget(ctx, id, 'signal');
    setTarget(ctx, id, 'signal'); // no change, no entry
    updateContact(ctx, id, {
      givenName: 'Bernd',
      familyName: 'Schulze',
      title: 'Dr.',
      gender: 'male',
      organization: 'Holzbau Schulze',
      department: null,
      jobTitle: null,
      isCompany: false,
      customerNumber: null,
      birthday: null,
      note: 'Ruft gern zurück',
      kind: 'customer',
      phones: [
        { raw: '0170 1234567', label: 'cell' },
        { raw: '0561 778899', label: 'work' },
      ],
      emails: [],
      addresses: [],
      tags: ['Stammkunde'],
      messengerId: null,
    });
    const history = historyOf(ctx, id);
    expect(history.map((h) => h.kind)).toEqual(['stage', 'target', 'fields']);
    expect(history[0]).toMatchObject({
      before: { stage: 'new', invitedAt: null, invitedChannel: null },
      after: { stage: 'invited', invitedAt: '2026-11-02', invitedChannel: 'sms' },
    });
    expect(history[1]).toMatchObject({ before: { target: null }, after: { target: 'signal' } });
    expect(history[2]!.before).toMatchObject({ title: null, gender: null, organization: null, note: null, kind: 'other', tags: [] });
    expect(history[2]!.after).toMatchObject({
      title: 'Dr.',
      gender: 'male',
      organization: 'Holzbau Schulze',
      note: 'Ruft gern zurück',
      kind: 'customer',
      tags: ['Stammkunde'],
    });
    expect((history[2]!.after as { phones: { e164: string }[] }).phones.map((p) => p.e164)).toEqual(['+491701234567', '+49561778899']);
    expect(Object.keys(history[2]!.after!)).not.toContain('givenName'); // unchanged fields are not listed
  });

  it('the detail view shows the timeline in German, newest first', () => {
    const { ctx, id } = withContact();
    setStage(ctx, id, { stage: 'invited', channel: 'whatsapp' });
    setStage(ctx, id, { stage: 'switched', messenger: 'signal' });
    expect(contactDetail(ctx, id).history.map((h) => h.text)).toEqual([
      'Stand: Eingeladen → Gewechselt (zu Signal)',
      'Stand: Neu → Eingeladen (per WhatsApp)',
    ]);
  });

  it('a number entered in the form is read again (E.164), an invalid one refused', () => {
    const { ctx, id } = withContact();
    const base = contactDetail(ctx, id).contact;
    const edit = {
      givenName: 'Bernd',
      familyName: 'Schulze',
      title: null,
      gender: null,
      organization: null,
      department: null,
      jobTitle: null,
      isCompany: false,
      customerNumber: null,
      birthday: null,
      note: null,
      kind: base.kind,
      emails: [],
      addresses: [],
      tags: [],
      messengerId: null,
    };
    expect(updateContact(ctx, id, { ...edit, phones: [{ raw: '0151 23456789', label: null }] }).phones).toEqual([
      { raw: '0151 23456789', e164: '+4915123456789', kind: 'mobile', label: null },
    ]);
    expect(() => updateContact(ctx, id, { ...edit, phones: [{ raw: '12', label: null }] })).toThrow(
      expect.objectContaining({ messageKey: 'tracking.errors.invalidPhone' }),
    );
  });

  it('the form sets language and Du or Sie; an edit without them leaves them as they are', () => {
    const { ctx, id } = withContact();
    const base = contactDetail(ctx, id).contact;
    const edit = {
      givenName: 'Bernd',
      familyName: 'Schulze',
      title: null,
      gender: null,
      organization: null,
      department: null,
      jobTitle: null,
      isCompany: false,
      customerNumber: null,
      birthday: null,
      note: null,
      kind: base.kind,
      phones: [{ raw: '0170 1234567', label: 'cell' }],
      emails: [],
      addresses: [],
      tags: [],
      messengerId: null,
    };
    expect(updateContact(ctx, id, { ...edit, language: 'en', formal: false })).toMatchObject({ language: 'en', formal: false });
    expect(updateContact(ctx, id, { ...edit, note: 'Polier' })).toMatchObject({ language: 'en', formal: false, note: 'Polier' });
    expect(updateContact(ctx, id, { ...edit, formal: null })).toMatchObject({ language: 'en', formal: null });
  });
});

describe('consent', () => {
  it('is recorded per purpose with version, method and evidence, and moves the stage', () => {
    const { ctx, id } = withContact('consent_requested');
    const contact = recordConsent(ctx, id, {
      purposes: ['appointments', 'site_photos'],
      givenAt: '2026-11-20',
      textVersion: 'EW-2026-1',
      method: 'signed_letter',
      evidence: { kind: 'scan', fileName: 'unterschrift.pdf', data: Buffer.from('%PDF-1.4\nsigned\n') },
    });
    expect(contact.stage).toBe('consent_given');
    const detail = contactDetail(ctx, id);
    expect(detail.consents.map((c) => [c.purpose, c.givenAt, c.textVersion, c.method, c.evidence?.fileName, c.withdrawnAt])).toEqual([
      ['appointments', '2026-11-20', 'EW-2026-1', 'signed_letter', 'unterschrift.pdf', null],
      ['site_photos', '2026-11-20', 'EW-2026-1', 'signed_letter', 'unterschrift.pdf', null],
    ]);
    expect(historyOf(ctx, id)).toHaveLength(1);
    expect(detail.history[0]).toMatchObject({ kind: 'consent', text: 'Einwilligung erfasst' });
  });

  it('withdrawal keeps the records with the date; the stage follows when nothing is left', () => {
    const { ctx, id } = withContact('consent_requested');
    recordConsent(ctx, id, {
      purposes: ['appointments', 'advertising'],
      givenAt: '2026-11-20',
      textVersion: 'v1',
      method: 'in_person',
      evidence: { kind: 'note', note: 'persönlich im Büro, Notiz in der Akte' },
    });
    expect(withdrawConsent(ctx, id, { purposes: ['advertising'], date: '2026-12-01' }).stage).toBe('consent_given');
    expect(withdrawConsent(ctx, id, { date: '2026-12-03' }).stage).toBe('consent_withdrawn');
    const consents = ctx.repos.tracking.consents(id);
    expect(consents.map((c) => [c.purpose, c.withdrawnAt])).toEqual([
      ['appointments', '2026-12-03'],
      ['advertising', '2026-12-01'],
    ]);
    expect(historyOf(ctx, id).map((h) => h.kind)).toEqual(['consent', 'consent_withdrawn', 'consent_withdrawn']);
    expect(historyOf(ctx, id)[2]).toMatchObject({
      before: { stage: 'consent_given' },
      after: { stage: 'consent_withdrawn', purposes: ['appointments'], withdrawnAt: '2026-12-03' },
    });
    expect(() => withdrawConsent(ctx, id, { date: '2026-12-03' })).toThrow(
      expect.objectContaining({ messageKey: 'tracking.errors.noActiveConsent' }),
    );
  });

  it('cannot be recorded for a contact who switched messenger', () => {
    const { ctx, id } = withContact('switched');
    expect(() =>
      recordConsent(ctx, id, {
        purposes: ['appointments'],
        givenAt: '2026-11-20',
        textVersion: 'v1',
        method: 'email',
        evidence: { kind: 'note', note: 'per E-Mail' },
      }),
    ).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(ctx.repos.tracking.consents(id)).toEqual([]);
  });

  it('evidence must really be a PDF or an image', () => {
    const { ctx } = withContact();
    expect(storeEvidence(ctx, 'foto.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]))).toMatchObject({ mime: 'image/jpeg', size: 6 });
    expect(() => storeEvidence(ctx, 'brief.pdf', Buffer.from('nur Text'))).toThrow(
      expect.objectContaining({ messageKey: 'tracking.errors.evidenceType' }),
    );
  });
});

describe('bulk changes and their undo', () => {
  function three() {
    const session = testSession();
    const ids = ['Anna Berg', 'Bernd Schulze', 'Carla Diaz'].map((name, i) =>
      session.ctx.repos.contacts.insert({
        displayName: name,
        phones: [{ e164: `+49170000000${i}`, raw: `0170 000000${i}`, label: null, kind: 'mobile' }],
      }),
    );
    return { session, ctx: session.ctx, ids };
  }

  it('applies to the selection, skips refused steps with a reason, and one undo takes all back', () => {
    const { ctx, ids } = three();
    ctx.repos.contacts.updateFields(ids[2]!, { stage: 'switched' });
    const result = bulkChange(ctx, { ids }, { kind: 'setStage', change: { stage: 'invited', channel: 'email' } });
    expect(result).toMatchObject({
      changed: 2,
      skipped: 1,
      skippedReasons: ['„Carla Diaz“ kann nicht von „Gewechselt“ zu „Eingeladen“ wechseln.'],
    });
    expect([...ctx.repos.contacts.byIds(ids).values()].map((c) => c.stage)).toEqual(['invited', 'invited', 'switched']);
    expect(undoOperation(ctx, result.operationId)).toEqual({ restored: 2, keptBecauseChanged: 0 });
    expect([...ctx.repos.contacts.byIds(ids).values()].map((c) => c.stage)).toEqual(['new', 'new', 'switched']);
    expect(() => undoOperation(ctx, result.operationId)).toThrow(
      expect.objectContaining({ messageKey: 'tracking.errors.operationUndone' }),
    );
  });

  it('undo leaves alone a contact changed again since', () => {
    const { ctx, ids } = three();
    const result = bulkChange(ctx, { ids }, { kind: 'setTarget', target: 'signal' });
    setTarget(ctx, ids[0]!, 'threema');
    expect(undoOperation(ctx, result.operationId)).toEqual({ restored: 2, keptBecauseChanged: 1 });
    expect([...ctx.repos.contacts.byIds(ids).values()].map((c) => c.target)).toEqual(['threema', null, null]);
  });

  it('sets the language and the Du or Sie of many contacts; their invitations follow, the history says it in words, undo takes it back', async () => {
    const { session, ctx, ids } = three();
    ctx.repos.contacts.updateFields(ids[1]!, { kind: 'employee' });
    const english = bulkChange(ctx, { ids: [ids[0]!, ids[1]!] }, { kind: 'setLanguage', language: 'en' });
    const informal = bulkChange(ctx, { ids: [ids[0]!] }, { kind: 'setFormal', formal: false });
    expect([english.changed, informal.changed]).toEqual([2, 1]);
    expect([...ctx.repos.contacts.byIds(ids).values()].map((c) => [c.language, c.formal])).toEqual([
      ['en', false],
      ['en', null],
      ['de', null],
    ]);
    expect(ids.map((id) => invitationForContact(ctx, id)).map((i) => [i.language, i.formal])).toEqual([
      ['en', false],
      ['en', false],
      ['de', true],
    ]);
    expect(contactDetail(ctx, ids[0]!).history[0]!.changes).toEqual([
      { field: 'Ansprache', before: 'Automatisch (Du für Mitarbeitende, sonst Sie)', after: 'Du' },
    ]);
    expect(contactDetail(ctx, ids[0]!).history[1]!.changes).toEqual([{ field: 'Sprache', before: 'Deutsch', after: 'Englisch' }]);
    // Through the contract, a language the app does not write in is refused at the boundary.
    expect(
      await session.dispatch('contacts.bulk', { selection: { ids }, action: { kind: 'setLanguage', language: 'pl' } as never }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    undoOperation(ctx, informal.operationId);
    undoOperation(ctx, english.operationId);
    expect([...ctx.repos.contacts.byIds(ids).values()].map((c) => [c.language, c.formal])).toEqual([
      ['de', null],
      ['de', null],
      ['de', null],
    ]);
  });

  it('tags and delete work on everything a filter finds, and undo brings deleted contacts back', () => {
    const { ctx, ids } = three();
    const tagged = bulkChange(ctx, { filter: { search: 'schulze' } }, { kind: 'addTag', tag: 'Baustelle Nord' });
    expect(tagged.changed).toBe(1);
    expect(ctx.repos.contacts.byIds([ids[1]!]).get(ids[1]!)!.tags).toEqual(['Baustelle Nord']);
    const deleted = bulkChange(ctx, { filter: { search: '' }, except: [ids[0]!] }, { kind: 'delete' });
    expect(deleted.changed).toBe(2);
    expect(ctx.repos.contacts.count()).toBe(1);
    undoOperation(ctx, deleted.operationId);
    expect(ctx.repos.contacts.count()).toBe(3);
  });
});

describe('search and filters', () => {
  it('finds numbers in any format, names without accents, and filters by stage and view', () => {
    const session = testSession();
    const { contacts } = session.ctx.repos;
    const a = contacts.insert({
      displayName: 'Jürgen Müller',
      organization: 'Dachdeckerei Müller',
      phones: [{ e164: '+491711234567', raw: '0171 1234567', label: null, kind: 'mobile' }],
    });
    const b = contacts.insert({
      displayName: 'Anna Berg',
      phones: [{ e164: '+49301234567', raw: '030 1234567', label: null, kind: 'landline' }],
    });
    const query = (search: string, extra = {}) =>
      session.ctx.repos.contactList
        .page(
          { search, invitedBefore: '2026-11-12', letterSentBefore: '2026-11-05', ...extra },
          { sort: 'name', descending: false, offset: 0, limit: 50 },
        )
        .rows.map((r) => r.id);
    expect(query('0171 123')).toEqual([a]);
    expect(query('+49 171 1234')).toEqual([a]);
    expect(query('1234567')).toEqual([b, a]);
    expect(query('muller')).toEqual([a]);
    expect(query('dachdeckerei jurgen')).toEqual([a]);
    // A number being typed: "+" alone keeps the list, "+4" already narrows it to numbers with a 4.
    expect(query('+')).toEqual([b, a]);
    expect(query('(')).toEqual([b, a]);
    expect(query('+49 30')).toEqual([b]);
    expect(query('zimmermann')).toEqual([]);
    // Quotes and LIKE signs are text like any other, in the index (3+ letters) and outside it.
    expect(query('"mü')).toEqual([]);
    expect(query('mül"ler')).toEqual([]);
    expect(query('50%')).toEqual([]);
    expect(query('r_')).toEqual([]);
    expect(query('ll')).toEqual([a]);
    expect(query('ÜLL')).toEqual([a]);
    session.ctx.repos.contacts.updateFields(b, { stage: 'invited', invitedAt: '2026-11-01' });
    expect(query('', { stages: ['invited'] })).toEqual([b]);
    expect(query('', { view: 'invitation_overdue' })).toEqual([b]);
    expect(query('', { view: 'not_invited' })).toEqual([a]);
    session.ctx.repos.contacts.updateFields(a, { language: 'en' });
    expect(query('', { languages: ['en'] })).toEqual([a]);
    expect(query('', { languages: ['de'] })).toEqual([b]);
    expect(query('', { languages: ['de', 'en'] })).toEqual([b, a]);
  });
});

describe('sorting many or few matches', () => {
  it('orders the same way whether SQLite walks the name index (many matches) or sorts the matches (few)', () => {
    const session = testSession();
    const { contacts } = session.ctx.repos;
    const names: string[] = [];
    session.ctx.repos.transaction(() => {
      for (let i = 0; i < 6000; i += 1) {
        const name = `${['Zoe', 'anna', 'Ömer', 'bernd'][i % 4]} ${String((i * 7919) % 6000).padStart(4, '0')}${i % 3 === 0 ? ' Dach' : ''}`;
        names.push(name);
        contacts.insert({ displayName: name, organization: i % 3 === 0 ? 'Dach GmbH' : null });
      }
    });
    const page = (search: string, descending = false) =>
      session.ctx.repos.contactList
        .page({ search, invitedBefore: '2026-01-01', letterSentBefore: '2026-01-01' }, { sort: 'name', descending, offset: 100, limit: 20 })
        .rows.map((r) => r.displayName);
    // As a German reader files them: Ömer among the O, not after Zoe.
    const collate = (a: string, b: string) => (foldForSearch(a) < foldForSearch(b) ? -1 : foldForSearch(a) > foldForSearch(b) ? 1 : 0);
    const expected = (list: string[], descending = false) =>
      [...list].sort((a, b) => (descending ? -collate(a, b) : collate(a, b))).slice(100, 120);
    expect(page('')).toEqual(expected(names));
    expect(page('').every((name) => name.startsWith('anna') || name.startsWith('bernd'))).toBe(true);
    expect(page('', true)).toEqual(expected(names, true));
    const dach = names.filter((n) => n.includes('Dach'));
    expect(dach.length).toBeLessThan(5000);
    expect(page('dach')).toEqual(expected(dach));
    expect(page('dach', true)).toEqual(expected(dach, true));
  });
});

describe('duplicates and the overview', () => {
  it('merging fills gaps, moves numbers and consents, and deletes the other softly', () => {
    const session = testSession();
    const { contacts, tracking } = session.ctx.repos;
    const keep = contacts.insert({
      displayName: 'Maria Schulze',
      phones: [{ e164: '+491701234567', raw: '0170 1234567', label: null, kind: 'mobile' }],
    });
    const other = contacts.insert({
      displayName: 'Mama',
      organization: 'Blumen Schulze',
      emails: [{ address: 'maria@example.de', label: null }],
      phones: [{ e164: '+491701234567', raw: '0170 1234567', label: null, kind: 'mobile' }],
    });
    session.ctx.repos.imports.addDuplicate(other, keep, 'sameNumberOtherName', null);
    tracking.addConsent({
      contactId: other,
      purpose: 'appointments',
      givenAt: '2026-01-01',
      textVersion: 'v1',
      method: 'in_person',
      evidenceId: null,
      evidenceNote: 'persönlich',
    });
    expect(contactDetail(session.ctx, keep).duplicates.map((d) => d.displayName)).toEqual(['Mama']);
    const merged = mergeContacts(session.ctx, keep, other);
    expect(merged).toMatchObject({ displayName: 'Maria Schulze', organization: 'Blumen Schulze' });
    expect(merged.emails.map((e) => e.address)).toEqual(['maria@example.de']);
    expect(merged.phones).toHaveLength(1);
    expect(tracking.consents(keep)).toHaveLength(1);
    expect(contacts.count()).toBe(1);
    expect(contactDetail(session.ctx, keep).duplicates).toEqual([]);
    expect(tracking.history(keep).map((h) => h.kind)).toEqual(['merge']);
  });

  it('the overview counts match the database', () => {
    const session = testSession();
    const ids = [1, 2, 3, 4].map((i) => session.ctx.repos.contacts.insert({ displayName: `Kontakt ${i}` }));
    setStage(session.ctx, ids[0]!, { stage: 'invited', channel: 'whatsapp', date: '2020-01-01' });
    setStage(session.ctx, ids[1]!, { stage: 'invited', channel: 'whatsapp' });
    setStage(session.ctx, ids[1]!, { stage: 'switched', messenger: 'signal' });
    setStage(session.ctx, ids[2]!, { stage: 'consent_requested', date: '2020-01-01' });
    const view = dashboard(session.ctx);
    expect(view.total).toBe(4);
    expect(view.byStage).toMatchObject({ new: 1, invited: 1, switched: 1, consent_requested: 1, consent_given: 0 });
    expect(view.byTarget).toMatchObject({ signal: 1, whatsapp_consent: 1, none: 2 });
    expect(view.next).toEqual({ notInvited: 1, invitationOverdue: 1, letterOverdue: 1, withdrawn: 0 });
    expect(view.progress.at(-1)).toMatchObject({ finished: 1, started: 3 });
  });
});

describe('sorting by company and number', () => {
  it('files companies in German order with none last, and follows every change of company or numbers', () => {
    const session = testSession();
    const { contacts, contactList } = session.ctx.repos;
    const mobile = (e164: string) => ({ e164, raw: e164, label: null, kind: 'mobile' as const });
    const zorn = contacts.insert({
      displayName: 'Klaus Zorn',
      organization: 'Zimmerei Zorn',
      phones: [{ e164: '+495611234', raw: '0561 1234', label: null, kind: 'landline' }, mobile('+491715550003')],
    });
    const oez = contacts.insert({ displayName: 'Eva Öz', organization: 'Ökobau Öz', phones: [mobile('+491715550001')] });
    const berg = contacts.insert({ displayName: 'Anna Berg' });
    const adler = contacts.insert({ displayName: 'Ben Adler', organization: 'maler adler', phones: [mobile('+491715550002')] });
    const sorted = (sort: 'organization' | 'mobile') =>
      contactList.page(
        { search: '', invitedBefore: '2026-01-01', letterSentBefore: '2026-01-01' },
        { sort, descending: false, offset: 0, limit: 10 },
      ).rows;
    expect(sorted('organization').map((r) => r.id)).toEqual([adler, oez, zorn, berg]);
    expect(sorted('mobile').map((r) => [r.id, r.mobile])).toEqual([
      [oez, '+491715550001'],
      [adler, '+491715550002'],
      [zorn, '+491715550003'],
      [berg, null],
    ]);

    contacts.updateFields(berg, { organization: 'Bäckerei Berg' });
    contacts.replacePhones(oez, [mobile('+491715550009')]);
    contacts.addPhones(berg, [mobile('+491715550000')]);
    expect(sorted('organization').map((r) => r.id)).toEqual([berg, adler, oez, zorn]);
    expect(sorted('mobile').map((r) => r.id)).toEqual([berg, adler, zorn, oez]);
  });
});
