import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/db/errors';
import { getProfile, updateProfile } from '../../../electron/services/profile';
import { translate } from '../../../shared/i18n';
import { emptyProfile, type Profile } from '../../../shared/model/profile';
import { checkedFieldLabels, checkProfile } from '../../../shared/model/profile-checks';
import { completeProfile } from '../../helpers/profile';
import { testSession } from '../../helpers/session';

const noMessengers = { signal: null, threema: null, wire: null, element: null, ginlo: null };

describe('business profile service', () => {
  it('stores the complete test profile', () => {
    const { ctx } = testSession();
    expect(updateProfile(ctx, completeProfile)).toMatchObject(completeProfile);
    expect(getProfile(ctx)).toMatchObject(completeProfile);
  });

  it('refuses a field in the wrong form with invalid_input, a German message naming the field, and stores nothing', () => {
    const { ctx } = testSession();
    updateProfile(ctx, completeProfile);
    let refusal: unknown;
    try {
      updateProfile(ctx, { postalCode: '3411', city: 'Baunatal', whatsappNumber: '0561 123456' });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(AppError);
    const { code, messageKey, vars } = refusal as AppError;
    expect(code).toBe('invalid_input');
    expect(translate('de', messageKey, vars)).toBe(
      'Das Betriebsprofil wurde nicht gespeichert. Feld „PLZ“: Bitte geben Sie die Postleitzahl mit fünf Ziffern an, zum Beispiel 34117. ' +
        'Feld „WhatsApp-Nummer des Betriebs“: Bitte geben Sie eine Handynummer an (zum Beispiel 0171 1234567): WhatsApp Business läuft auf dem Firmenhandy, nicht auf einem Festnetzanschluss.',
    );
    expect(getProfile(ctx)).toMatchObject({ postalCode: '34117', city: 'Kassel', whatsappNumber: '+49 171 9876543' });
  });

  it('answers profile.update over the contract with the refusal in the chosen language', async () => {
    const session = testSession();
    const german = await session.dispatch('profile.update', { dpo: { name: 'DSB Nord', email: 'dsb-at-example.de', address: 'Hamburg' } });
    expect(german).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.stringContaining(
          'Feld „E-Mail der oder des Datenschutzbeauftragten“: Bitte geben Sie eine vollständige E-Mail-Adresse an',
        ),
      },
    });
    await session.dispatch('settings.update', { language: 'en' });
    const english = await session.dispatch('profile.update', { messengers: { ...noMessengers, threema: 'ABC' } });
    expect(english).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message:
          'The business profile was not saved. Field “Threema”: A Threema ID has exactly 8 letters and digits, for example ABCD1234.',
      },
    });
  });

  it('stores a Threema id typed in lower case in capitals', async () => {
    const session = testSession();
    const result = await session.dispatch('profile.update', { messengers: { ...noMessengers, threema: 'abcd1234' } });
    expect(result).toMatchObject({ ok: true, value: { profile: { messengers: { threema: 'ABCD1234' } } } });
    expect(getProfile(session.ctx).messengers.threema).toBe('ABCD1234');
  });

  it('a profile with only some messengers (and texts) takes the others as not used; whole objects still work', async () => {
    const session = testSession();
    updateProfile(session.ctx, completeProfile);
    const partial = await session.dispatch('profile.update', {
      messengers: { element: '@schulze:matrix.org' },
      messengerTexts: { element: 'Unser Chat-Server in Kassel.' },
    });
    expect(partial).toMatchObject({ ok: true });
    expect(getProfile(session.ctx).messengers).toEqual({ ...noMessengers, element: '@schulze:matrix.org' });
    expect(getProfile(session.ctx).messengerTexts).toEqual({ ...noMessengers, element: 'Unser Chat-Server in Kassel.' });

    const whole = { ...noMessengers, signal: 'schulze.42', threema: 'ABCD1234' };
    expect(await session.dispatch('profile.update', { messengers: whole, messengerTexts: noMessengers })).toMatchObject({
      ok: true,
      value: { profile: { messengers: whole } },
    });
    expect(getProfile(session.ctx).messengers).toEqual(whole);
  });

  it('agrees with the form: refuses exactly the profiles the shared check finds problems in, naming exactly those fields', () => {
    // Values right and wrong for each checked field; the form shows checkProfile's problems, the service must refuse the same.
    const values = {
      postalCode: ['', '34117', '3411', 'D-34117'],
      phone: ['', '0561 123456', '0171 1234567', '0561 1'],
      email: ['', 'info@schulze-dach.de', 'info@schulze', 'info schulze-dach.de'],
      whatsappNumber: ['', '+49 171 9876543', '0561 123456', '0171 98'],
      dpoEmail: [null, '', 'dsb@example.de', 'dsb@example'],
      signal: [null, '+49 171 9876543', 'schulze.42', 'schulze', '0561 123456'],
      threema: [null, 'ABCD1234', 'abcd1234', 'ABC'],
      element: [null, '@b:matrix.org', 'b:matrix.org'],
    };
    const pick = <T>(list: T[]) => fc.constantFrom(...list);
    // Every run stores a whole profile, so one database serves them all.
    const { ctx } = testSession();
    fc.assert(
      fc.property(
        fc.record({
          postalCode: pick(values.postalCode),
          phone: pick(values.phone),
          email: pick(values.email),
          whatsappNumber: pick(values.whatsappNumber),
          dpoEmail: pick(values.dpoEmail),
          signal: pick(values.signal),
          threema: pick(values.threema),
          element: pick(values.element),
        }),
        ({ dpoEmail, signal, threema, element, ...fields }) => {
          const profile: Profile = {
            ...emptyProfile,
            ...fields,
            dpo: dpoEmail === null ? null : { name: 'DSB', email: dpoEmail, address: '' },
            messengers: { ...noMessengers, signal, threema, element },
          };
          const formProblems = Object.keys(checkProfile(profile).problems);
          let refusal: AppError | undefined;
          try {
            updateProfile(ctx, profile);
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            refusal = error;
          }
          expect(refusal === undefined).toBe(formProblems.length === 0);
          const message = refusal ? translate('de', refusal.messageKey, refusal.vars) : '';
          for (const [field, label] of Object.entries(checkedFieldLabels)) {
            expect(message.includes(`Feld „${translate('de', label)}“`), field).toBe(formProblems.includes(field));
          }
          if (!refusal) expect(getProfile(ctx).messengers.threema).toBe(threema?.toUpperCase() ?? null);
        },
      ),
      { numRuns: 120 },
    );
  });
});
