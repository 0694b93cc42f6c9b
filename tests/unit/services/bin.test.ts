import { describe, expect, it } from 'vitest';
import { contactDetail } from '../../../electron/services/contact-detail';
import { mergeContacts } from '../../../electron/services/duplicates';
import { binContacts, eraseFromBin } from '../../../electron/services/contacts';
import { purgeBin } from '../../../electron/services/erasure';
import { bulkChange } from '../../../electron/services/tracking';
import { addDays, localDate, localDateOf } from '../../../shared/local-date';
import { call } from '../../helpers/import-job';
import { testSession } from '../../helpers/session';

function withBin() {
  const session = testSession();
  const [anna, bernd, carla] = session.ctx.repos.contacts.insertMany([
    { displayName: 'Anna Berg', organization: 'Berg GmbH' },
    { displayName: 'Bernd Schulze' },
    { displayName: 'Carla Nowak' },
  ]);
  bulkChange(session.ctx, { ids: [anna!] }, { kind: 'delete' });
  bulkChange(session.ctx, { ids: [bernd!] }, { kind: 'delete' });
  return { session, anna: anna!, bernd: bernd!, carla: carla! };
}

describe('the bin (Papierkorb)', () => {
  it('lists deleted contacts, the latest first, with the day deleted and the day from which they are erased', async () => {
    const { session, anna, bernd } = withBin();
    const bin = await call<{ total: number; keptDays: number; contacts: { id: number; deletedAt: string; purgeOn: string }[] }>(
      session,
      'contacts.deleted',
      {},
    );
    expect(bin).toMatchObject({ total: 2, keptDays: 30 });
    expect(bin.contacts.map((c) => c.id)).toEqual([bernd, anna]);
    expect(bin.contacts[1]).toMatchObject({ displayName: 'Anna Berg', organization: 'Berg GmbH', mergedInto: null });
    expect(localDateOf(bin.contacts[0]!.deletedAt)).toBe(localDate(new Date()));
    expect(bin.contacts[0]!.purgeOn).toBe(addDays(localDate(new Date()), 30));
    expect(binContacts(session.ctx, 1)).toMatchObject({ total: 2, contacts: [{ id: bernd }] });
  });

  it('a record a merge put in the bin says which contact it went into', () => {
    const { session, carla } = withBin();
    const [other] = session.ctx.repos.contacts.insertMany([{ displayName: 'C. Nowak' }]);
    mergeContacts(session.ctx, carla, other!);
    expect(binContacts(session.ctx).contacts[0]).toMatchObject({ id: other, mergedInto: 'Carla Nowak' });
  });

  it('the day it names is when the purge takes the contact', () => {
    const { session, anna } = withBin();
    const [entry] = binContacts(session.ctx).contacts.filter((c) => c.id === anna);
    const deletedAt = new Date(entry!.deletedAt);
    expect(purgeBin(session.ctx, new Date(deletedAt.getTime() + 29 * 86_400_000))).toBe(0);
    expect(purgeBin(session.ctx, new Date(deletedAt.getTime() + 30 * 86_400_000 + 1000))).toBe(2);
    expect(binContacts(session.ctx).total).toBe(0);
  });

  it('contacts.restore brings a contact back into the list with a history entry; one in the list is refused', async () => {
    const { session, anna, carla } = withBin();
    await call(session, 'contacts.restore', { id: anna });
    expect(session.ctx.repos.contacts.byIds([anna]).has(anna)).toBe(true);
    expect(binContacts(session.ctx).total).toBe(1);
    expect(contactDetail(session.ctx, anna).history[0]).toMatchObject({ kind: 'restored', text: 'Wiederhergestellt' });
    const refused = await session.dispatch('contacts.restore', { id: carla });
    expect(refused).toEqual({ ok: false, error: { code: 'conflict', message: '„Carla Nowak“ liegt nicht im Papierkorb.' } });
  });

  it('contacts.eraseFromBin erases a contact in the bin for good, and refuses one in the list', async () => {
    const { session, anna, carla } = withBin();
    const erased = await call<{ id: number; erasedOn: string }>(session, 'contacts.eraseFromBin', { id: anna });
    expect(erased).toMatchObject({ id: anna, erasedOn: localDate(new Date()), alsoErased: [] });
    expect(session.ctx.repos.contacts.isErased(anna)).toBe(true);
    expect(binContacts(session.ctx).contacts.map((c) => c.id)).not.toContain(anna);
    expect(() => eraseFromBin(session.ctx, carla)).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(session.ctx.repos.contacts.isErased(carla)).toBe(false);
    expect(() => eraseFromBin(session.ctx, anna)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});
