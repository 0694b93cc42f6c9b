import { describe, expect, it } from 'vitest';
import { contactDetail, createContact } from '../../../electron/services/contact-detail';
import { bulkChange } from '../../../electron/services/tracking';
import { emptyContactEdit, type ContactEdit } from '../../../shared/model/contact-edit';
import { testSession } from '../../helpers/session';

/** The form as "Neuer Kontakt" opens it: every field empty. */
const empty: ContactEdit = emptyContactEdit;

const mobile = (raw: string) => ({ e164: null, raw, label: null, kind: 'mobile' as const });

function withContacts() {
  const session = testSession();
  const [bernd, anna] = session.ctx.repos.contacts.insertMany([
    {
      displayName: 'Bernd Schulze',
      givenName: 'Bernd',
      familyName: 'Schulze',
      phones: [{ ...mobile('0170 1234567'), e164: '+491701234567' }],
    },
    { displayName: 'Anna Berg', emails: [{ address: 'Anna.Berg@example.de', label: null }] },
  ]);
  return { session, bernd: bernd!, anna: anna! };
}

describe('Neuer Kontakt (contacts.create)', () => {
  it('creates the contact at stage "new", its numbers read again, with "Von Hand angelegt" in its history', async () => {
    const session = testSession();
    const result = await session.dispatch('contacts.create', {
      edit: {
        ...empty,
        givenName: 'Carla',
        familyName: 'Nowak',
        kind: 'customer',
        formal: false,
        phones: [{ raw: '0171 7654321', label: 'Handy' }],
        emails: [{ address: 'carla@example.de', label: null }],
        tags: ['Baustelle', 'Baustelle'],
      },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { contact, duplicates } = result.value as { contact: { id: number }; duplicates: unknown[] };
    expect(duplicates).toEqual([]);
    const detail = contactDetail(session.ctx, contact.id);
    expect(detail.contact).toMatchObject({
      displayName: 'Carla Nowak',
      stage: 'new',
      kind: 'customer',
      formal: false,
      tags: ['Baustelle'],
      phones: [{ e164: '+491717654321', raw: '0171 7654321', kind: 'mobile', label: 'Handy' }],
      emails: [{ address: 'carla@example.de', valid: true }],
    });
    expect(detail.history).toEqual([expect.objectContaining({ kind: 'created', text: 'Von Hand angelegt', changes: [] })]);
  });

  it('is refused without a name, company, number or e-mail, and with a number that is none; nothing is written', () => {
    const session = testSession();
    expect(() => createContact(session.ctx, empty)).toThrow(expect.objectContaining({ messageKey: 'tracking.errors.contactNeedsName' }));
    expect(() => createContact(session.ctx, { ...empty, givenName: 'Carla', phones: [{ raw: '12', label: null }] })).toThrow(
      expect.objectContaining({ messageKey: 'tracking.errors.invalidPhone' }),
    );
    expect(session.ctx.repos.contacts.count()).toBe(0);
  });

  it('a likely duplicate (same number, e-mail in another case, same name in another order) is shown, not created', () => {
    const { session, bernd, anna } = withContacts();
    const byNumber = createContact(session.ctx, {
      ...empty,
      givenName: 'B.',
      familyName: 'Sch',
      phones: [{ raw: '+49 170 1234567', label: null }],
    });
    expect(byNumber).toEqual({
      contact: null,
      duplicates: [{ id: bernd, displayName: 'Bernd Schulze', organization: null, phone: '+491701234567', email: null, reason: 'phone' }],
    });
    const byEmail = createContact(session.ctx, { ...empty, emails: [{ address: 'anna.berg@EXAMPLE.de', label: null }] });
    expect(byEmail.duplicates).toEqual([expect.objectContaining({ id: anna, reason: 'email' })]);
    const byName = createContact(session.ctx, { ...empty, displayName: 'Schulze, Bernd', givenName: 'Bernd', familyName: 'Schulze' });
    expect(byName.duplicates).toEqual([expect.objectContaining({ id: bernd, reason: 'name' })]);
    // Another Schulze is another person.
    expect(createContact(session.ctx, { ...empty, givenName: 'Klaus', familyName: 'Schulze' }).duplicates).toEqual([]);
    expect(session.ctx.repos.contacts.count()).toBe(3);
  });

  it('"Trotzdem anlegen" creates it and offers the pair under possible duplicates', () => {
    const { session, bernd } = withContacts();
    const edit = { ...empty, givenName: 'Bernd', familyName: 'Schulze', phones: [{ raw: '030 1234567', label: null }] };
    expect(createContact(session.ctx, edit).contact).toBeNull();
    const created = createContact(session.ctx, edit, true);
    expect(created.contact).toMatchObject({ displayName: 'Bernd Schulze' });
    expect(created.duplicates.map((d) => d.id)).toEqual([bernd]);
    expect(contactDetail(session.ctx, created.contact!.id).duplicates.map((d) => d.id)).toEqual([bernd]);
    expect(contactDetail(session.ctx, bernd).duplicates.map((d) => d.id)).toEqual([created.contact!.id]);
    // Filed with the reason it was found by (the same name here), as an import files it.
    expect(session.ctx.repos.imports.duplicatesOf(bernd).map((pair) => pair.reason)).toEqual(['sameNameOtherWays']);
    const other = withContacts();
    createContact(
      other.session.ctx,
      { ...empty, displayName: 'Büro Berg', emails: [{ address: 'anna.berg@example.de', label: null }] },
      true,
    );
    expect(other.session.ctx.repos.imports.duplicatesOf(other.anna).map((pair) => pair.reason)).toEqual(['sameEmailOtherName']);
  });

  it('a contact in the bin is no duplicate of a new one', () => {
    const { session, bernd } = withContacts();
    bulkChange(session.ctx, { ids: [bernd] }, { kind: 'delete' });
    const result = createContact(session.ctx, {
      ...empty,
      givenName: 'Bernd',
      familyName: 'Schulze',
      phones: [{ raw: '0170 1234567', label: null }],
    });
    expect(result.duplicates).toEqual([]);
    expect(result.contact).not.toBeNull();
  });
});
