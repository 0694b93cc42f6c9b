import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordConsent, withdrawConsent } from '../../../electron/services/consents';
import { checkPhoneBook, comparePhoneBook } from '../../../electron/services/phone-check';
import { addPhone, dueChecklistItems, listPhones, tickChecklistItem } from '../../../electron/services/phones';
import { bufferSource } from '../../../electron/importers/source';
import { consentedContactsFile } from '../../../electron/services/export';
import { isDue } from '../../../shared/model/phones';
import { cli } from '../../helpers/cli';
import { testSession } from '../../helpers/session';
import { tempDir } from '../../helpers/temp';

type Session = ReturnType<typeof testSession>;

const mobile = (e164: string, raw = e164) => ({ e164, raw, label: null, kind: 'mobile' as const });

/** A contact with these numbers, with a valid WhatsApp consent when `consented`. */
function contact(session: Session, name: string, numbers: string[], consented: boolean): number {
  const id = session.ctx.repos.contacts.insert({ displayName: name, phones: numbers.map((n) => mobile(n)) });
  if (consented) {
    session.ctx.repos.contacts.updateFields(id, { stage: 'consent_requested' });
    recordConsent(session.ctx, id, {
      purposes: ['appointments'],
      givenAt: '2026-11-20',
      method: 'signed_letter',
      evidence: { kind: 'note', note: 'Formular im Ordner' },
    });
  }
  return id;
}

const vcard = (cards: [name: string, ...numbers: string[]][]) =>
  cards
    .map(([name, ...numbers]) =>
      ['BEGIN:VCARD', 'VERSION:3.0', `FN:${name}`, ...numbers.map((n) => `TEL;TYPE=CELL:${n}`), 'END:VCARD'].join('\r\n'),
    )
    .join('\r\n');

const names = (entries: { name: string }[]) => entries.map((entry) => entry.name);

describe("Handy-Abgleich: the phone's address book against the consent record", () => {
  it('finds each number whatever its form, once per number, and sorts the phone into three lists', async () => {
    const session = testSession();
    contact(session, 'Anna Berg', ['+491701234567'], true);
    // Two numbers, consented: on the phone with only the second one, still fine and not missing.
    contact(session, 'Bernd Koch', ['+493012345678', '+491712345678'], true);
    contact(session, 'Carla Dorn', ['+491723456789'], false);
    contact(session, 'Dieter Esch', ['+491734567890'], true);
    const file = vcard([
      ['Anna', '0170 1234567'],
      ['Anna doppelt', '+49 (170) 123-4567'],
      ['Bernd Handy', '0049 171 2345678'],
      ['Carla', '01723456789'],
      ['Tante Erna', '0175 9999999'],
      ['Kein Telefon', 'bitte anrufen'],
    ]);
    const result = await checkPhoneBook(session.ctx, bufferSource('Handy.vcf', Buffer.from(file)), null);
    expect(result.ok).toBe(2);
    expect(result.duplicates).toBe(1);
    expect(result.numbers).toBe(5);
    expect(result.withoutConsent).toEqual([
      { name: 'Carla Dorn', nameOnPhone: 'Carla', e164: '+491723456789', shown: '0172 3456789', contactId: 3 },
    ]);
    expect(names(result.consentedMissing)).toEqual(['Dieter Esch']);
    expect(result.unknown).toEqual([
      { name: 'Kein Telefon', nameOnPhone: 'Kein Telefon', e164: null, shown: 'bitte anrufen', contactId: null },
      { name: 'Tante Erna', nameOnPhone: 'Tante Erna', e164: '+491759999999', shown: '0175 9999999', contactId: null },
    ]);
    // Nothing was imported; only the counts are kept.
    expect(session.ctx.repos.contacts.count()).toBe(4);
    expect(session.ctx.repos.phones.latestPhoneBookChecks()).toMatchObject([
      { phoneId: null, numbers: 5, ok: 2, withoutConsent: 1, consentedMissing: 1, unknown: 2 },
    ]);
  });

  it('counts a consent withdrawn after the consented-only file was put on the phone as without consent', async () => {
    const session = testSession();
    contact(session, 'Anna Berg', ['+491701234567'], true);
    const withdrawn = contact(session, 'Bernd Koch', ['+491712345678'], true);
    const onPhone = Buffer.from(consentedContactsFile(session.ctx).data, 'base64');
    withdrawConsent(session.ctx, withdrawn, { date: '2026-12-01' });
    const result = await checkPhoneBook(session.ctx, bufferSource('Firmenhandy.vcf', onPhone), null);
    expect(result.ok).toBe(1);
    expect(names(result.withoutConsent)).toEqual(['Bernd Koch']);
    expect(result.consentedMissing).toEqual([]);
  });

  it('treats a number two contacts share as fine when one of them consented', () => {
    const owners = [
      { e164: '+491701234567', contactId: 1, displayName: 'Büro Berg', consented: false },
      { e164: '+491701234567', contactId: 2, displayName: 'Anna Berg', consented: true },
    ];
    const result = comparePhoneBook(
      [{ name: 'Berg', numbers: [{ e164: '+491701234567', raw: '0170 1234567' }] }],
      owners,
      '2026-12-04T10:00:00Z',
    );
    expect(result).toMatchObject({ ok: 1, withoutConsent: [], consentedMissing: [], unknown: [] });
  });

  it('refuses a file that is no address book, naming it, and records nothing', async () => {
    const session = testSession();
    const chat = Buffer.from('04.12.26, 10:00 - Anna Berg: Hallo\n04.12.26, 10:01 - Büro: Guten Tag\n');
    await expect(checkPhoneBook(session.ctx, bufferSource('WhatsApp Chat mit Anna.txt', chat), null)).rejects.toMatchObject({
      messageKey: 'phones.errors.notAnAddressBook',
    });
    await expect(checkPhoneBook(session.ctx, bufferSource('leer.vcf', Buffer.alloc(0)), null)).rejects.toMatchObject({
      messageKey: 'phones.errors.unreadable',
      vars: { file: 'leer.vcf' },
    });
    expect(session.ctx.repos.phones.latestPhoneBookChecks()).toEqual([]);
  });

  it('`phone-check` prints the three lists as JSON and stores the check for the phone named', async () => {
    const session = testSession();
    contact(session, 'Anna Berg', ['+491701234567'], true);
    contact(session, 'Carla Dorn', ['+491723456789'], false);
    const phone = addPhone(session.ctx, { name: 'Büro-Handy', number: null, platform: 'android', usedBy: 'Petra' });
    const file = path.join(tempDir(), 'kontakte.vcf');
    writeFileSync(
      file,
      vcard([
        ['Carla', '0172 3456789'],
        ['Fremd', '0160 1111111'],
      ]),
    );
    const databasePath = session.ctx.databasePath;
    session.close();
    const result = await cli('phone-check', file, '--phone', 'büro-handy', '--db', databasePath, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({
      withoutConsent: [{ name: 'Carla Dorn', e164: '+491723456789' }],
      consentedMissing: [{ name: 'Anna Berg', e164: '+491701234567' }],
      unknown: [{ name: 'Fremd', e164: '+491601111111' }],
      ok: 0,
    });
    const text = await cli('phone-check', file, '--db', databasePath);
    expect(text.out).toMatch(
      /Nummern auf dem Handy: 2 – mit Einwilligung: 0, ohne gültige Einwilligung: 1, unbekannt: 1; mit Einwilligung, aber nicht auf dem Handy: 1\./,
    );
    expect(text.out).toContain('Carla Dorn  +491723456789');
    const unknownPhone = await cli('phone-check', file, '--phone', 'Lager', '--db', databasePath);
    expect(unknownPhone).toMatchObject({ code: 2, err: expect.stringContaining('Büro-Handy') });
    const reopened = testSession(databasePath);
    expect(listPhones(reopened.ctx).find((p) => p.id === phone.id)?.lastPhoneBookCheck).toMatchObject({ numbers: 2, withoutConsent: 1 });
  });
});

describe("the business phone's checklist", () => {
  it('is due when never checked or checked six months ago or longer', () => {
    expect(isDue(null, '2026-12-04')).toBe(true);
    expect(isDue('2026-06-05', '2026-12-04')).toBe(false);
    expect(isDue('2026-06-04', '2026-12-04')).toBe(true);
    // The 31st six months on: the last day of a shorter month.
    expect(isDue('2026-02-28', '2026-08-31')).toBe(true);
    expect(isDue('2026-03-01', '2026-08-31')).toBe(false);
  });

  it('keeps every tick (the newest is the state), refuses a day in the future, and lists what is due', () => {
    const session = testSession();
    const phone = addPhone(session.ctx, { name: 'Werkstatt', number: '+491709999999', platform: 'iphone', usedBy: null });
    const now = new Date(2026, 11, 4, 12, 0, 0);
    tickChecklistItem(session.ctx, { phoneId: phone.id, item: 'chatBackup', checkedOn: '2026-05-01', checkedBy: 'Petra' }, now);
    let state = tickChecklistItem(
      session.ctx,
      { phoneId: phone.id, item: 'contactAccess', checkedOn: '2026-12-01', checkedBy: 'Petra' },
      now,
    );
    expect(state.checklist.find((entry) => entry.item === 'contactAccess')).toEqual({
      item: 'contactAccess',
      checkedOn: '2026-12-01',
      checkedBy: 'Petra',
      due: false,
    });
    expect(state.checklist.find((entry) => entry.item === 'chatBackup')?.due).toBe(true);
    state = tickChecklistItem(session.ctx, { phoneId: phone.id, item: 'chatBackup', checkedOn: '2026-12-03', checkedBy: 'Jonas' }, now);
    expect(state.checklist.find((entry) => entry.item === 'chatBackup')).toMatchObject({ checkedBy: 'Jonas', due: false });
    expect(() =>
      tickChecklistItem(session.ctx, { phoneId: phone.id, item: 'appLock', checkedOn: '2026-12-05', checkedBy: 'Petra' }, now),
    ).toThrow(expect.objectContaining({ messageKey: 'phones.errors.futureDay' }));
    expect(dueChecklistItems(session.ctx, now)).toEqual([
      { phoneId: phone.id, phone: 'Werkstatt', items: ['appLock', 'businessNumber', 'secondPhone', 'businessProfile'] },
    ]);
    // Jonas's tick is the state of chatBackup; Petra's earlier one stays in the table as the record.
    expect(session.ctx.repos.phones.latestTicks().filter((tick) => tick.item === 'chatBackup')).toEqual([
      { phoneId: phone.id, item: 'chatBackup', checkedOn: '2026-12-03', checkedBy: 'Jonas' },
    ]);
  });
});
