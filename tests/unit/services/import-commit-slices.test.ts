import { describe, expect, it } from 'vitest';
import { contract, type RequestName } from '../../../shared/contract';
import { call, previewImport } from '../../helpers/import-job';
import { testSession } from '../../helpers/session';

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
    const commit = call<{ contactIds: number[] }>(session, 'import.commit', { jobId: job.jobId }).then((value) => (order.push('commit'), value));
    // Issued after the commit began: the read is answered between two slices, the write after the commit.
    await new Promise((resolve) => setImmediate(resolve));
    const search = call<{ total: number }>(session, 'contacts.list', { search: 'Vera', limit: 5 }).then((value) => (order.push('search'), value));
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
    const job = await previewImport(session, 'kunden.csv', contactsCsv(20));
    await call(session, 'import.commit', { jobId: job.jobId });
    const open = await previewImport(session, 'mehr.csv', contactsCsv(5, 100));
    const id = (await call<{ rows: { id: number }[] }>(session, 'contacts.list', { limit: 1 })).rows[0]!.id;
    const selection = { ids: [id] };
    const inputs: Partial<Record<RequestName, unknown>> = {
      'app.info': {},
      'settings.get': {},
      'profile.get': {},
      'letters.preview': { selection, kind: 'consent' },
      'letters.status': { jobId: 1 },
      'invitations.forContact': { id },
      'invitations.queue': { selection },
      'templates.get': {},
      'templates.preview': { contactId: id, language: 'de', formal: true, template: { subject: 'Hallo', body: 'Guten Tag {anrede}' } },
      'export.consented': {},
      'contacts.count': {},
      'contacts.list': { search: 'Vera', limit: 5 },
      'contacts.get': { id },
      'contacts.tags': {},
      'contacts.stageOptions': { selection },
      'consents.prepare': { selection },
      'evidence.get': { id: 1 },
      'dashboard.get': {},
      'import.begin': { files: [{ name: 'x.csv', size: 3 }] },
      'import.upload': { jobId: open.jobId, index: 0, offset: 0, data: '' },
      'import.analyse': { jobId: 'kein-auftrag' },
      'import.status': { jobId: open.jobId },
      'import.rows': { jobId: open.jobId, index: 0 },
      'import.decide': { jobId: open.jobId, index: 0, decision: 'skip', rows: [0] },
      'import.cancel': { jobId: open.jobId },
      'import.history': {},
    };
    const marked = (Object.keys(contract) as RequestName[]).filter((name) => contract[name].writesNothing);
    // A request newly marked needs its line above, or this test would not watch it.
    expect(marked.sort()).toEqual(Object.keys(inputs).sort());
    for (const name of marked) {
      const before = session.ctx.repos.contacts.stateToken();
      await session.dispatch(name, inputs[name]);
      expect({ name, state: session.ctx.repos.contacts.stateToken() }).toEqual({ name, state: before });
    }
  });
});
