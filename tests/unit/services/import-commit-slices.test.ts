import { describe, expect, it } from 'vitest';
import { updateProfile } from '../../../electron/services/profile';
import { openSession } from '../../../electron/services/session';
import { contract, type RequestName } from '../../../shared/contract';
import type { ImportJob } from '../../../shared/model/import';
import { call, importSettled, previewImport } from '../../helpers/import-job';
import { completeProfile } from '../../helpers/profile';
import { testSession } from '../../helpers/session';
import { tempDatabasePath } from '../../helpers/temp';

/** Contacts with a mobile number each: writing them takes many time slices. */
function contactsCsv(count: number, first = 0): Buffer {
  const rows = ['Vorname;Nachname;Handy'];
  for (let i = first; i < first + count; i += 1) rows.push(`Vera${i};Kollmann${i};0170 ${String(1_000_000 + i)}`);
  return Buffer.from(`${rows.join('\n')}\n`, 'utf8');
}

describe('an import written in time slices (the UI keeps answering)', () => {
  it('answers a search while 3,000 contacts are written, and a write waits until the import is in', async () => {
    const session = testSession();
    const job = await previewImport(session, 'kunden.csv', contactsCsv(3_000));
    expect(job.state).toBe('ready');

    const order: string[] = [];
    const commit = call<{ contactIds: number[] }>(session, 'import.commit', { jobId: job.jobId }).then(
      (value) => (order.push('commit'), value),
    );
    // Issued after the commit began: the read is answered between two slices, the write after the commit.
    await new Promise((resolve) => setImmediate(resolve));
    const search = call<{ total: number }>(session, 'contacts.list', { search: 'Vera', limit: 5 }).then(
      (value) => (order.push('search'), value),
    );
    const write = call(session, 'settings.update', { defaultRegion: 'AT' }).then(() => order.push('write'));
    const [committed, found] = await Promise.all([commit, search, write]);

    expect(order).toEqual(['search', 'commit', 'write']);
    // The search saw the contacts written so far, not all and not none.
    expect(found.total).toBeGreaterThan(0);
    expect(found.total).toBeLessThan(3_000);
    expect(committed.contactIds).toHaveLength(3_000);
    expect(await call(session, 'contacts.count', {})).toEqual({ total: 3_000 });
    expect(await call(session, 'settings.get', {})).toMatchObject({ defaultRegion: 'AT' });
  });

  it('writes nothing when the import fails half-way, and the next write goes through', async () => {
    const session = testSession();
    const job = await previewImport(session, 'kunden.csv', contactsCsv(3_000));
    // A full disk half-way: the 1,500th contact cannot be written.
    const insert = session.ctx.repos.contacts.insert;
    let inserted = 0;
    session.ctx.repos.contacts.insert = (...args) => {
      if (++inserted === 1_500) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      return insert(...args);
    };
    const failed = await session.dispatch('import.commit', { jobId: job.jobId });
    expect(failed).toMatchObject({ ok: false, error: { message: expect.stringContaining('Datenträger ist voll') } });
    session.ctx.repos.contacts.insert = insert;
    expect(await call(session, 'contacts.count', {})).toEqual({ total: 0 });
    expect(await call(session, 'import.history', {})).toEqual([]);
    expect(await session.dispatch('settings.update', { defaultRegion: 'CH' })).toMatchObject({ ok: true });
  });

  it('lets writes take turns: one queued behind an import that fails is still written, none is refused', async () => {
    const session = testSession();
    const first = await previewImport(session, 'erste.csv', contactsCsv(3_000));
    const second = await previewImport(session, 'zweite.csv', contactsCsv(3_000, 10_000));
    // The second import fails half-way (a full disk); the writes queued behind it must not share its fate.
    const insert = session.ctx.repos.contacts.insert;
    let inserted = 0;
    session.ctx.repos.contacts.insert = (...args) => {
      if (++inserted === 4_500) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      return insert(...args);
    };
    const a = session.dispatch('import.commit', { jobId: first.jobId });
    await new Promise((resolve) => setImmediate(resolve));
    const b = session.dispatch('import.commit', { jobId: second.jobId });
    const setting = session.dispatch('settings.update', { defaultRegion: 'AT' });
    const bulk = session.dispatch('contacts.bulk', { selection: { ids: [1, 2] }, action: { kind: 'addTag', tag: 'Kunde' } });
    const results = await Promise.all([a, b, setting, bulk]);
    expect(results.map((result) => result.ok)).toEqual([true, false, true, true]);
    session.ctx.repos.contacts.insert = insert;
    expect(await call(session, 'contacts.count', {})).toEqual({ total: 3_000 });
    expect(await call(session, 'settings.get', {})).toMatchObject({ defaultRegion: 'AT' });
    expect(await call(session, 'contacts.tags', {})).toEqual(['Kunde']);
  });

  it('closing the app while an import is written lets it finish first', async () => {
    const databasePath = tempDatabasePath();
    const session = openSession({ databasePath, adapter: 'browser' });
    const job = await previewImport(session, 'kunden.csv', contactsCsv(3_000));
    const commit = session.dispatch('import.commit', { jobId: job.jobId });
    await new Promise((resolve) => setImmediate(resolve));
    await session.closeWhenWritten();
    expect(await commit).toMatchObject({ ok: true });
    const reopened = testSession(databasePath);
    expect(await call(reopened, 'contacts.count', {})).toEqual({ total: 3_000 });
  });

  it('refuses a write that would join an open transaction in slices instead of mixing it in', async () => {
    const session = testSession();
    const { repos } = session.ctx;
    let reached = false;
    function* slowSteps() {
      repos.settings.writeMany({ defaultRegion: 'AT' });
      for (let step = 0; step < 200; step += 1) {
        const until = performance.now() + 1;
        while (performance.now() < until);
        yield;
      }
      reached = true;
      return 'done';
    }
    const running = repos.transactionInSlices(slowSteps());
    await new Promise((resolve) => setImmediate(resolve));
    expect(() => repos.transaction(() => repos.settings.writeMany({ defaultRegion: 'CH' }))).toThrow(/transaction in slices/);
    expect(reached).toBe(false);
    await expect(running).resolves.toBe('done');
    expect(await call(session, 'settings.get', {})).toMatchObject({ defaultRegion: 'AT' });
  });

  it('every request marked as writing nothing writes nothing (so it may run during an import)', async () => {
    const session = testSession();
    updateProfile(session.ctx, completeProfile);
    const job = await previewImport(
      session,
      'kunden.csv',
      Buffer.from('Vorname;Nachname;Handy;Straße;PLZ;Ort\nVera;Kollmann;0170 1000001;Hauptstraße 5;34119;Kassel\n', 'utf8'),
    );
    await call(session, 'import.commit', { jobId: job.jobId });
    const id = (await call<{ rows: { id: number }[] }>(session, 'contacts.list', { limit: 1 })).rows[0]!.id;
    const selection = { ids: [id] };
    await call(session, 'consents.record', {
      contactId: id,
      purposes: ['appointments'],
      givenAt: '2026-11-20',
      method: 'signed_letter',
      evidence: { kind: 'scan', fileName: 'brief.pdf', data: Buffer.from('%PDF-1.4\nunterschrieben\n').toString('base64') },
    });
    const evidenceId = (await call<{ consents: { evidence: { id: number } | null }[] }>(session, 'contacts.get', { id })).consents[0]!
      .evidence!.id;
    const letters = await call<{ jobId: number }>(session, 'letters.start', { selection, includeSettled: true });
    // The print run ends before the session closes (its browser's folder goes with it).
    while ((await call<{ state: string }>(session, 'letters.status', { jobId: letters.jobId })).state !== 'done')
      await new Promise((resolve) => setTimeout(resolve, 50));
    const open = await previewImport(session, 'mehr.csv', contactsCsv(5, 100));
    const upload = await call<{ jobId: string }>(session, 'import.begin', { files: [{ name: 'x.csv', size: 3 }] });
    const inputs: Partial<Record<RequestName, unknown>> = {
      'app.info': {},
      'settings.get': {},
      'backups.list': {},
      'profile.get': {},
      'letters.preview': { selection, kind: 'consent', includeSettled: true },
      'letters.status': { jobId: letters.jobId },
      'invitations.forContact': { id },
      'invitations.queue': { selection },
      'templates.get': {},
      'templates.preview': { contactId: id, language: 'de', formal: true, template: { subject: 'Hallo', body: 'Guten Tag {anrede}' } },
      'export.consented': {},
      'export.contacts': { format: 'xlsx', selection: { filter: { search: '' } } },
      'contacts.count': {},
      'contacts.list': { search: 'Vera', limit: 5 },
      'contacts.get': { id },
      'contacts.tags': {},
      'contacts.stageOptions': { selection },
      'contacts.deleted': {},
      'consents.prepare': { selection },
      'evidence.get': { id: evidenceId },
      'dashboard.get': {},
      'import.begin': { files: [{ name: 'y.csv', size: 3 }] },
      'import.upload': { jobId: upload.jobId, index: 0, offset: 0, data: Buffer.from('a;b').toString('base64') },
      'import.analyse': { jobId: upload.jobId },
      'import.status': { jobId: open.jobId },
      'import.rows': { jobId: open.jobId, index: 0 },
      'import.decide': { jobId: open.jobId, index: 0, decision: 'skip', rows: [0] },
      'import.cancel': { jobId: open.jobId },
      'import.history': {},
      'phones.list': {},
      'report.get': {},
      'report.pdf': {},
      'phones.deletionList': {
        phoneId: null,
        entries: [{ name: 'Erna', nameOnPhone: 'Erna', e164: '+491759999999', shown: '0175 9999999', contactId: null }],
      },
      'scans.propose': {
        pages: [
          {
            page: 1,
            fileName: 'r.pdf',
            filePage: 1,
            code: 'UH1-1-20261126-A5B5C681-00000',
            aligned: false,
            blank: false,
            boxes: [],
            signatureLines: [],
          },
        ],
      },
      'scans.checkCode': { code: '1-20261126-A5B5C681-00000' },
    };
    const marked = (Object.keys(contract) as RequestName[]).filter((name) => contract[name].writesNothing);
    // A request newly marked needs its line above, or this test would not watch it.
    expect([...marked].sort()).toEqual(Object.keys(inputs).sort());
    const order: RequestName[] = [
      'import.upload',
      'import.analyse',
      ...marked.filter((name) => name !== 'import.upload' && name !== 'import.analyse'),
    ];
    for (const name of order) {
      const before = session.ctx.repos.contacts.stateToken();
      const result = await session.dispatch(name, inputs[name]);
      // The analysis runs on after its answer: what it does counts too.
      if (name === 'import.analyse') await importSettled(session, (result as { value: ImportJob }).value);
      expect({ name, result: result.ok ? true : result.error, state: session.ctx.repos.contacts.stateToken() }).toEqual({
        name,
        result: true,
        state: before,
      });
    }
  });
});
