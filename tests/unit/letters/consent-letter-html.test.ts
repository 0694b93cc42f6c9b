import { describe, expect, it } from 'vitest';
import { ProfileIncompleteError, renderConsentLetters } from '../../../shared/letters/consent-letter';
import { consentTextVersion } from '../../../shared/letters/consent-text-version';
import { consentTextDe } from '../../../shared/letters/consent-text-de';
import { messengerFacts, messengerFactsEn } from '../../../shared/messengers/catalogue';
import { emptyProfile, type Profile } from '../../../shared/model/profile';
import { completeProfile } from '../../helpers/profile';

const profile = { ...emptyProfile, ...completeProfile } as Profile;
const contact = {
  id: 1,
  displayName: 'Anna <b>Schmidt</b>',
  givenName: 'Anna',
  familyName: '<b>Schmidt</b>',
  title: null,
  gender: 'female' as const,
  organization: null,
  department: null,
  isCompany: false,
  formal: null,
  minor: false,
  customerNumber: null,
  kind: 'customer' as const,
  language: 'de' as 'de' | 'en',
  phones: [],
  addresses: [{ street: 'Hauptstraße 5', postalCode: '34119', city: 'Kassel', region: null, country: null, label: null }],
};
const render = (p: Profile, contacts = [contact]) =>
  renderConsentLetters({ profile: p, contacts, form: 'B', date: '2026-11-26', homeCountry: 'DE', returnCheck: () => '7QK2M' });

describe('consent letter HTML', () => {
  it('describes the recommended messenger with the office’s text, else the default facts', () => {
    expect(render(profile).html()).toContain(messengerFacts.signal);
    const own = render({ ...profile, messengerTexts: { ...profile.messengerTexts, signal: 'kostenlos & sicher' } }).html();
    expect(own).toContain('Signal (kostenlos &amp; sicher)');
    expect(own).not.toContain(messengerFacts.signal);
  });

  it('puts the logo into the letterhead when there is one', () => {
    expect(render(profile).html()).not.toContain('class="logo"');
    const logo = 'data:image/png;base64,iVBORw0KGgo=';
    expect(render({ ...profile, logo }).html()).toContain(`<img class="logo" src="${logo}"`);
  });

  it('prints names as text, never as markup', () => {
    const html = render(profile).html();
    expect(html).toContain('Anna &lt;b&gt;Schmidt&lt;/b&gt;');
    expect(html).not.toContain('<b>Schmidt</b>');
  });

  it('gives the same text the same version and a changed text a new one', () => {
    expect(consentTextVersion(profile)).toBe(consentTextVersion({ ...profile }));
    expect(consentTextVersion({ ...profile, retention: 'Ein Jahr.' })).not.toBe(consentTextVersion(profile));
    expect(consentTextVersion({ ...profile, retentionEn: 'One year.' })).not.toBe(consentTextVersion(profile));
    expect(render(profile).version).toBe(consentTextVersion(profile));
  });

  it('writes to a contact who reads English in English, with the English retention rule and facts', () => {
    const english = { ...contact, id: 2, language: 'en' as const };
    const html = render({ ...profile, messengerTexts: { ...profile.messengerTexts, signal: 'kostenlos & sicher' } }, [
      contact,
      english,
    ]).html();
    const german = html.slice(0, html.indexOf('data-contact="2"'));
    const englishPages = html.slice(html.indexOf('data-contact="2"'));
    expect(german).toContain('Einwilligung in die Kommunikation über WhatsApp');
    expect(englishPages).toContain('Consent to communication via WhatsApp');
    expect(englishPages).toContain(`Signal (${messengerFactsEn.signal})`);
    expect(englishPages).toContain(profile.retentionEn);
    expect(englishPages).not.toContain(profile.retention);
    expect(englishPages).toContain('Date</span><b>26 November 2026</b>');
    expect(englishPages).toContain('lang="en"');
    // An English rule the office emptied stops English letters, and only those.
    expect(() => render({ ...profile, retentionEn: '' }, [contact, english])).toThrow(
      expect.objectContaining({ missing: ['retentionEn'] }),
    );
    expect(render({ ...profile, retentionEn: '' }).printed).toEqual([1]);
  });

  it('refuses an incomplete profile, naming what is missing', () => {
    expect(() => render({ ...profile, state: null, phone: '' })).toThrow(ProfileIncompleteError);
    try {
      render({ ...profile, state: null, phone: '' });
    } catch (error) {
      expect((error as ProfileIncompleteError).missing).toEqual(['phone', 'state']);
    }
  });
  it('gets a new version id with any change of its text or of the business it names; the version a contact got stays theirs', () => {
    const before = consentTextVersion(profile);
    const original = consentTextDe.withdrawal;
    consentTextDe.withdrawal = `${original} `;
    try {
      expect(consentTextVersion(profile)).not.toBe(before);
    } finally {
      consentTextDe.withdrawal = original;
    }
    expect(consentTextVersion(profile)).toBe(before);
    expect(consentTextVersion({ ...profile, registerNumber: 'HRB 99999' })).not.toBe(before);
    expect(render(profile).version).toBe(before);
  });
});
