import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run';
import { updateProfile } from '../../../electron/services/profile';
import { invitationFor, whatsappLink } from '../../../shared/invitations/invitation';
import { smsLength } from '../../../shared/invitations/sms';
import { defaultTemplates, fillTemplate, templateChannels, unknownPlaceholders, UnknownPlaceholderError } from '../../../shared/invitations/templates';
import { emptyProfile, type Profile } from '../../../shared/model/profile';
import { completeProfile } from '../../helpers/profile';
import { testSession } from '../../helpers/session';
import { tempDatabasePath } from '../../helpers/temp';

const profile: Profile = { ...emptyProfile, ...completeProfile } as Profile;

const contactBase = {
  id: 7, displayName: 'Jürgen Müller', givenName: 'Jürgen', familyName: 'Müller', title: null, gender: 'male' as const, organization: null, department: null, jobTitle: null, isCompany: false,
  customerNumber: null, birthday: null, note: null, phones: [{ e164: '+491701234567', raw: '0170 1234567', label: null, kind: 'mobile' as const }], emails: [{ address: 'j.mueller@example.de', label: null }],
  addresses: [], kind: 'customer' as const, language: 'de' as const, formal: null, tags: [], stage: 'new' as const, target: null, messenger: null, messengerId: null, stageChangedAt: null, invitedAt: null, invitedChannel: null,
  switchedAt: null, letterSentAt: null, letterVersion: null, onWhatsapp: true, whatsappLastMessageAt: null, revision: 1, updatedAt: '2026-11-26T00:00:00Z',
};

describe('invitation templates', () => {
  it('flag unknown placeholders and never print them raw', () => {
    expect(unknownPlaceholders('{{Anrede}} {{Vornme}} {{ Link }} {{Vornme}}')).toEqual(['Vornme']);
    expect(() => fillTemplate('Hallo {{Vornme}}', { Anrede: '', Vorname: 'Jürgen', Nachname: '', Firma: '', Betrieb: '', Messenger: '', Messengerinfo: '', Link: '', Absender: '' })).toThrowError(UnknownPlaceholderError);
    for (const language of ['de', 'en'] as const) {
      for (const tone of ['formal', 'informal'] as const) {
        for (const channels of Object.values(defaultTemplates[language][tone])) {
          for (const template of Object.values(channels)) expect(unknownPlaceholders(template.subject + template.body)).toEqual([]);
        }
      }
    }
  });

  it('keep the default SMS texts in the GSM alphabet, one SMS each for a typical contact', () => {
    const invitation = (target: string | null, kind: 'customer' | 'employee', language: 'de' | 'en') =>
      invitationFor({ ...contactBase, target, kind } as never, profile, { language });
    for (const language of ['de', 'en'] as const) {
      for (const kind of ['customer', 'employee'] as const) {
        for (const target of [null, 'whatsapp_consent', 'phone_email']) {
          const length = smsLength(invitation(target, kind, language).texts.sms);
          expect(length.gsm).toBe(true);
          expect(length.parts).toBe(1);
        }
      }
    }
    expect(templateChannels).toEqual(['whatsapp', 'sms', 'email', 'letter']);
  });

  it('leaves no stray comma, dash or empty line where a value is still empty (no sender, no business name yet)', () => {
    const values = { Anrede: 'Hallo Jürgen,', Vorname: 'Jürgen', Nachname: '', Firma: '', Betrieb: '', Messenger: 'Signal', Messengerinfo: '', Link: 'https://signal.me/#p/+491719876543', Absender: '' };
    expect(fillTemplate('{{Anrede}}\nwir sind jetzt bei {{Messenger}}: {{Link}}\nVielen Dank!\n{{Absender}}, {{Betrieb}}', values)).toBe('Hallo Jürgen,\nwir sind jetzt bei Signal: https://signal.me/#p/+491719876543\nVielen Dank!');
    expect(fillTemplate('{{Anrede}} neu bei {{Messenger}}: {{Link}} - {{Betrieb}}', values)).toBe('Hallo Jürgen, neu bei Signal: https://signal.me/#p/+491719876543');
    expect(fillTemplate('{{Anrede}}\n\nText – mit Gedankenstrich.\n\n{{Absender}}\n{{Betrieb}}', { ...values, Absender: 'Bernd Schulze' })).toBe('Hallo Jürgen,\n\nText – mit Gedankenstrich.\n\nBernd Schulze');
  });

  it('counts SMS parts: 160 GSM characters in one, 153 per part beyond; 70 and 67 once a character is outside', () => {
    expect(smsLength('a'.repeat(160))).toEqual({ characters: 160, parts: 1, gsm: true });
    expect(smsLength('a'.repeat(161))).toEqual({ characters: 161, parts: 2, gsm: true });
    expect(smsLength('Grüße von Müller, 10 €')).toEqual({ characters: 23, parts: 1, gsm: true });
    expect(smsLength(`${'a'.repeat(70)}`).parts).toBe(1);
    expect(smsLength(`${'a'.repeat(69)}–`)).toEqual({ characters: 70, parts: 1, gsm: false });
    expect(smsLength(`${'a'.repeat(70)}–`)).toEqual({ characters: 71, parts: 2, gsm: false });
    expect(smsLength('')).toEqual({ characters: 0, parts: 0, gsm: true });
  });

  it('builds wa.me links from the E.164 digits with the text encoded', () => {
    expect(whatsappLink('+491701234567', 'Hallo Herr Müller')).toBe('https://wa.me/491701234567?text=Hallo%20Herr%20M%C3%BCller');
  });
});


describe('invitations', () => {
  const contact = (fields: object) => ({ ...contactBase, ...fields });

  it('personalises the text and carries the business link for the target messenger', () => {
    const invitation = invitationFor(contact({ target: 'threema' }), profile, { language: 'de' });
    expect(invitation.channel).toBe('whatsapp');
    expect(invitation.text).toBe(
      'Sehr geehrter Herr Müller,\nwir stellen unsere Kurznachrichten von WhatsApp auf Threema um – zum Schutz Ihrer Daten. Sie erreichen uns dort ab sofort: https://threema.id/ABCD1234\nVielen Dank!\nBernd Schulze, Dachdeckerei Schulze GmbH',
    );
    expect(invitation.links.messenger).toBe('https://threema.id/ABCD1234');
    expect(invitation.links.whatsapp).toBe(whatsappLink('+491701234567', invitation.text));
    // Each channel its own text: the e-mail with paragraphs and a closing, the SMS short.
    expect(decodeURIComponent(invitation.links.mailto!.split('body=')[1]!)).toBe(invitation.texts.email.replace(/\n/g, '\r\n'));
    expect(invitation.texts.email).toContain('\n\nMit freundlichen Grüßen\nBernd Schulze\nDachdeckerei Schulze GmbH');
    expect(invitation.links.mailto).toMatch(/^mailto:j\.mueller@example\.de\?subject=Dachdeckerei%20Schulze%20GmbH/);
    expect(invitation.texts.sms).toBe('Sehr geehrter Herr Müller, wir schreiben künftig über Threema statt WhatsApp: https://threema.id/ABCD1234 - Dachdeckerei Schulze GmbH');
    expect(decodeURIComponent(invitation.links.sms!.split('body=')[1]!)).toBe(invitation.texts.sms);
  });

  it('uses Du for employees, the recommended messenger without a target, and other texts for consent and phone-only', () => {
    const employee = invitationFor(contact({ kind: 'employee' }), profile, { language: 'de' });
    expect(employee.text.startsWith('Hallo Jürgen,\nwir stellen unsere Nachrichten von WhatsApp auf Signal um')).toBe(true);
    expect(employee.links.messenger).toBe('https://signal.me/#p/+491719876543');
    expect(invitationFor(contact({ target: 'whatsapp_consent' }), profile, { language: 'de' }).text).toContain('schriftliche Einwilligung');
    expect(invitationFor(contact({ target: 'phone_email', phones: [] }), profile, { language: 'de' })).toMatchObject({ channel: 'email', links: { whatsapp: null } });
    expect(invitationFor(contact({ phones: [], emails: [] }), profile, { language: 'en' })).toMatchObject({ channel: 'letter', links: { whatsapp: null, mailto: null } });
  });

  it("writes in the contact's language and with their Du or Sie, where the office set them", () => {
    const english = invitationFor(contact({ language: 'en', target: 'threema' }), profile);
    expect(english).toMatchObject({ language: 'en', formal: true });
    expect(english.text.startsWith('Dear Mr Müller,')).toBe(true);
    expect(english.texts.email).not.toMatch(/Sehr geehrt|Grüße/);
    // An employee the office says "Sie" to, and a customer it says "Du" to.
    expect(invitationFor(contact({ kind: 'employee', formal: true }), profile).text.startsWith('Sehr geehrter Herr Müller,')).toBe(true);
    expect(invitationFor(contact({ formal: false }), profile)).toMatchObject({ formal: false, language: 'de' });
    expect(invitationFor(contact({ formal: false }), profile).text.startsWith('Hallo Jürgen,')).toBe(true);
    expect(invitationFor(contact({ language: 'en', formal: false }), profile).text.startsWith('Hi Jürgen,')).toBe(true);
    // Asked for explicitly (the template editor's preview), language and tone win over the contact's.
    expect(invitationFor(contact({ language: 'en', formal: false }), profile, { language: 'de', formal: true }).text.startsWith('Sehr geehrter Herr Müller,')).toBe(true);
  });

  it('`cli invitations --json` prints one invitation per contact', async () => {
    const db = tempDatabasePath();
    const session = testSession(db);
    updateProfile(session.ctx, completeProfile);
    const id = session.ctx.repos.contacts.insert({ displayName: 'Anna Schmidt', givenName: 'Anna', familyName: 'Schmidt', gender: 'female', phones: [{ e164: '+491701234567', raw: '0170 1234567', label: null, kind: 'mobile' }] });
    session.close();
    const out: string[] = [];
    const code = await runCli(['invitations', '--db', db, '--all', '--json'], { out: (text) => out.push(text), err: () => undefined });
    expect(code).toBe(0);
    const [invitation] = JSON.parse(out.join(''));
    expect(invitation).toMatchObject({ id, channel: 'whatsapp', links: { messenger: 'https://signal.me/#p/+491719876543', mailto: null } });
    expect(invitation.text.startsWith('Sehr geehrte Frau Schmidt,')).toBe(true);
    expect(new URL(invitation.links.whatsapp).pathname).toBe('/491701234567');
    expect(new URL(invitation.links.whatsapp).searchParams.get('text')).toBe(invitation.text);
  });
});
