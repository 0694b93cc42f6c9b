import { describe, expect, it } from 'vitest';
import { translate } from '../../../shared/i18n';
import { emptyProfile, type Profile } from '../../../shared/model/profile';
import { checkedFieldLabels, checkedProfileFields, checkProfile } from '../../../shared/model/profile-checks';
import { completeProfile } from '../../helpers/profile';

const complete = { ...emptyProfile, ...completeProfile } as Profile;
const noMessengers = { signal: null, threema: null, wire: null, element: null, ginlo: null };
const problemsOf = (change: Partial<Profile>) => checkProfile({ ...complete, ...change }).problems;
const messengerProblems = (messengers: Partial<Profile['messengers']>) => problemsOf({ messengers: { ...noMessengers, ...messengers } });

describe('profile checks', () => {
  it('find nothing wrong in the complete test profile, nor in an empty one', () => {
    expect(checkProfile(complete).problems).toEqual({});
    expect(checkProfile(emptyProfile).problems).toEqual({});
  });

  it('postal code: five digits', () => {
    for (const ok of ['34117', '01067', ' 34117 ']) expect(problemsOf({ postalCode: ok }), ok).toEqual({});
    for (const bad of ['3411', '341170', '34 117', 'D-34117', 'Kassel', 'SW1A 1AA'])
      expect(problemsOf({ postalCode: bad }), bad).toEqual({ postalCode: 'profile.checks.postalCode' });
  });

  it('e-mail of the business and of the data protection officer: a plausible address', () => {
    for (const ok of ['info@schulze-dach.de', 'b.schulze+angebote@mail.schulze-dach.de', 'info@müller-bau.de'])
      expect(problemsOf({ email: ok }), ok).toEqual({});
    for (const bad of [
      'info@schulze-dach',
      'info.schulze-dach.de',
      'info@@schulze-dach.de',
      'Bernd Schulze <info@schulze-dach.de>',
      'info@schulze dach.de',
      'info@schulze-dach.d',
      'a@b.de, c@d.de',
    ]) {
      expect(problemsOf({ email: bad }), bad).toEqual({ email: 'profile.checks.email' });
    }
    const dpo = { name: 'Datenschutz Nord GmbH', email: 'dsb(at)example.de', address: 'Hamburg' };
    expect(problemsOf({ dpo })).toEqual({ 'dpo.email': 'profile.checks.email' });
    expect(problemsOf({ dpo: { ...dpo, email: '' } }), 'a DPO without e-mail').toEqual({});
    expect(problemsOf({ dpo: null })).toEqual({});
  });

  it('phone: any valid number (landline, mobile, service number); the WhatsApp number: a mobile number', () => {
    for (const ok of ['0561 123456', '+49 561 123456', '0171 1234567', '0800 1234567']) expect(problemsOf({ phone: ok }), ok).toEqual({});
    for (const bad of ['0561 1', '12345', 'Büro']) expect(problemsOf({ phone: bad }), bad).toEqual({ phone: 'profile.checks.phone' });
    for (const ok of ['+49 171 9876543', '0171 9876543', '0049 171 9876543', '+43 664 1234567'])
      expect(problemsOf({ whatsappNumber: ok }), ok).toEqual({});
    expect(problemsOf({ whatsappNumber: '0561 123456' }), 'a landline').toEqual({ whatsappNumber: 'profile.checks.whatsappMobile' });
    expect(problemsOf({ whatsappNumber: '0800 1234567' }), 'a service number').toEqual({ whatsappNumber: 'profile.checks.whatsappMobile' });
    expect(problemsOf({ whatsappNumber: '0171 98' }), 'not a number').toEqual({ whatsappNumber: 'profile.checks.phone' });
  });

  it('Threema: 8 letters and digits; lower case is taken in capitals', () => {
    expect(messengerProblems({ threema: 'ABCD1234' })).toEqual({});
    const lower = checkProfile({ ...complete, messengers: { ...noMessengers, threema: 'abcd1234' } });
    expect(lower.problems).toEqual({});
    expect(lower.profile.messengers.threema).toBe('ABCD1234');
    for (const bad of ['ABCD123', 'ABCD12345', 'ABCD-123', 'ÄBCD1234', '*ABCD123'])
      expect(messengerProblems({ threema: bad }), bad).toEqual({ 'messengers.threema': 'profile.checks.threema' });
  });

  it('Signal: a mobile number, a username (nickname, dot, two or more digits) or the username link', () => {
    for (const ok of [
      '+49 171 9876543',
      '0171 9876543',
      'schulze.42',
      'Dachdeckerei_Schulze.2026',
      '_abc.01',
      'https://signal.me/#eu/Xy1-abc_Q',
    ])
      expect(messengerProblems({ signal: ok }), ok).toEqual({});
    for (const bad of [
      '0561 123456',
      'schulze',
      'schulze.4',
      'sc.42',
      '4schulze.42',
      'schul-ze.42',
      'schulze.00',
      `${'a'.repeat(33)}.42`,
      'signal.me/schulze',
    ]) {
      expect(messengerProblems({ signal: bad }), bad).toEqual({ 'messengers.signal': 'profile.checks.signal' });
    }
  });

  it('Matrix (Element): @user:server', () => {
    for (const ok of ['@betrieb:matrix.org', '@schulze-dach:chat.example.de', '@b.schulze:example.de:8448'])
      expect(messengerProblems({ element: ok }), ok).toEqual({});
    for (const bad of ['betrieb:matrix.org', '@betrieb', '@betrieb:', '@be trieb:matrix.org', 'https://matrix.to/#/@betrieb:matrix.org']) {
      expect(messengerProblems({ element: bad }), bad).toEqual({ 'messengers.element': 'profile.checks.element' });
    }
  });

  it('Wire and ginlo stay free text; a blank messenger id is not used (null)', () => {
    expect(messengerProblems({ wire: '@schulze dach', ginlo: 'irgendwas' })).toEqual({});
    const blank = checkProfile({ ...complete, messengers: { ...noMessengers, signal: '   ', wire: '' } });
    expect(blank.problems).toEqual({});
    expect(blank.profile.messengers).toEqual(noMessengers);
  });

  it('report several problems at once, each with a message and a field name in both catalogues', () => {
    const problems = problemsOf({
      postalCode: '3411',
      email: 'x',
      messengers: { ...noMessengers, threema: 'x', signal: 'x', element: 'x' },
      whatsappNumber: '0561 123456',
    });
    expect(Object.keys(problems)).toEqual([
      'postalCode',
      'email',
      'whatsappNumber',
      'messengers.signal',
      'messengers.threema',
      'messengers.element',
    ]);
    for (const language of ['de', 'en'] as const) {
      for (const field of checkedProfileFields)
        expect(translate(language, checkedFieldLabels[field]), field).not.toBe(checkedFieldLabels[field]);
      for (const key of Object.values(problems)) expect(translate(language, key!), key).not.toBe(key);
    }
  });
});
