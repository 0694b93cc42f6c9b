import { describe, expect, it } from 'vitest';
import { bufferSource, fileSource } from '../../../electron/importers/source';
import { analyseFile } from '../../../electron/services/import-analysis';
import { commitAnalyses } from '../../../electron/services/import-commit';
import { summarise } from '../../../electron/services/import-preview';
import { updateContact } from '../../../electron/services/contact-detail';
import { byName, fixturePath, readFixture } from '../../helpers/fixtures';
import { testSession } from '../../helpers/session';

describe('numbers written without their leading 0', () => {
  it('are kept as written and flagged, never given a guessed area code, and named with file and line', async () => {
    const reading = await readFixture('numbers-without-0.csv');
    expect(byName(reading.candidates, 'Franz Huber').phones.map((p) => [p.raw, p.e164, p.kind])).toEqual([
      ['9876 /11223344', null, 'invalid'],
      ['0171 1234567', '+491711234567', 'mobile'],
    ]);
    expect(byName(reading.candidates, 'Gerda Maier').phones).toEqual([{ raw: '3333333', e164: null, kind: 'invalid', label: 'other' }]);
    expect(byName(reading.candidates, 'Hans Kurz').phones.map((p) => p.e164)).toEqual(['+49561998877', '+491605556667']);
    // A short service number is no contact number: flagged like the others.
    expect(byName(reading.candidates, 'Ärztlicher Bereitschaftsdienst').phones[0]).toMatchObject({ e164: null, kind: 'invalid' });

    const session = testSession();
    const analysis = await analyseFile(session.ctx, await fileSource(fixturePath('numbers-without-0.csv')));
    expect(summarise(0, analysis, 'de').issues).toEqual([
      {
        line: 2,
        message:
          '„numbers-without-0.csv“, Zeile 2: „9876 /11223344“ beginnt nicht mit 0 – die Vorwahl fehlt oder ist unvollständig, bitte prüfen.',
      },
      {
        line: 3,
        message:
          '„numbers-without-0.csv“, Zeile 3: „3333333“ beginnt nicht mit 0 – die Vorwahl fehlt oder ist unvollständig, bitte prüfen.',
      },
      {
        line: 5,
        message: '„numbers-without-0.csv“, Zeile 5: „116117“ beginnt nicht mit 0 – die Vorwahl fehlt oder ist unvollständig, bitte prüfen.',
      },
    ]);
    commitAnalyses(session.ctx, [analysis]);
    expect(session.ctx.repos.contacts.all().find((c) => c.displayName === 'Gerda Maier')!.phones).toMatchObject([
      { raw: '3333333', e164: null },
    ]);
  });

  it('a long list names the first 20 and counts the rest in one message', async () => {
    const rows = Array.from({ length: 23 }, (_, i) => `Kunde ${i + 1};${5_551_000 + i}`);
    const source = bufferSource('lang.csv', Buffer.from(['Name;Telefon', ...rows].join('\n'), 'utf8'));
    const session = testSession();
    const issues = summarise(0, await analyseFile(session.ctx, source), 'de').issues;
    expect(issues).toHaveLength(21);
    expect(issues[19]).toEqual({
      line: 21,
      message: '„lang.csv“, Zeile 21: „5551019“ beginnt nicht mit 0 – die Vorwahl fehlt oder ist unvollständig, bitte prüfen.',
    });
    expect(issues[20]).toEqual({
      line: null,
      message: '„lang.csv“: 3 weitere Nummern beginnen nicht mit 0 – bitte prüfen (in der Vorschau als ungültig markiert).',
    });
  });

  it('a German mobile number without its 0 (as Excel leaves it) is the one that needs no guess', async () => {
    const source = bufferSource(
      'excel.csv',
      Buffer.from('Name;Handy\nBjörn Krüger;1711234567\nPia Lang;160 5556667\nOtto Berg;1805 112233\n', 'utf8'),
    );
    const session = testSession();
    const analysis = await analyseFile(session.ctx, source);
    expect([0, 1, 2].map((i) => analysis.plan.store.get(i).phones[0]).map((p) => [p!.e164, p!.kind])).toEqual([
      ['+491711234567', 'mobile'],
      ['+491605556667', 'mobile'],
      // 0180 is a service number, not a mobile: no guess.
      [null, 'invalid'],
    ]);
    expect(analysis.reading.issues.map((issue) => issue.vars?.number)).toEqual(['1805 112233']);
  });

  it('the region decides: Austria also dials a 0, Italy writes its numbers without one', async () => {
    const source = () => bufferSource('r.csv', Buffer.from('Name;Handy\nLuca Bianchi;333 1234567\nAnna Gruber;664 1234567\n', 'utf8'));
    const inAustria = await readFixture('numbers-without-0.csv', { region: 'AT' });
    expect(byName(inAustria.candidates, 'Gerda Maier').phones[0]!.e164).toBeNull();
    const session = testSession();
    const austria = await analyseFile(session.ctx, source(), { region: 'AT' });
    expect(austria.reading.issues.map((issue) => issue.vars?.number)).toEqual(['333 1234567', '664 1234567']);
    const italy = await analyseFile(session.ctx, source(), { region: 'IT' });
    expect(italy.reading.issues).toEqual([]);
    expect(italy.plan.store.get(0).phones[0]).toMatchObject({ e164: '+393331234567', kind: 'mobile' });
  });

  it('the contact form refuses such a number as well (the same normalizePhone)', async () => {
    const session = testSession();
    commitAnalyses(session.ctx, [
      await analyseFile(session.ctx, bufferSource('a.csv', Buffer.from('Name;Handy\nBernd Schulze;0170 1234567\n', 'utf8'))),
    ]);
    const [bernd] = session.ctx.repos.contacts.all();
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
      kind: bernd!.kind,
      emails: [],
      addresses: [],
      tags: [],
      messengerId: null,
    };
    expect(() => updateContact(session.ctx, bernd!.id, { ...edit, phones: [{ raw: '3333333', label: null }] })).toThrow(
      expect.objectContaining({ messageKey: 'tracking.errors.invalidPhone' }),
    );
    // One an import flagged does not block saving the contact: it stays as it is, flagged, until corrected.
    commitAnalyses(session.ctx, [
      await analyseFile(session.ctx, bufferSource('b.csv', Buffer.from('Name;Telefon\nGerda Maier;3333333\n', 'utf8'))),
    ]);
    const gerda = session.ctx.repos.contacts.all().find((c) => c.displayName === 'Gerda Maier')!;
    const saved = updateContact(session.ctx, gerda.id, {
      ...edit,
      givenName: 'Gerda',
      familyName: 'Maier',
      note: 'ruft zurück',
      phones: [{ raw: '3333333', label: null }],
    });
    expect(saved.phones).toEqual([{ raw: '3333333', e164: null, kind: 'invalid', label: null }]);
    expect(updateContact(session.ctx, bernd!.id, { ...edit, phones: [{ raw: '05561 3333333', label: null }] }).phones[0]!.e164).toBe(
      '+4955613333333',
    );
  });
});
