import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run';
import { invitationForContact } from '../../../electron/services/invitations';
import { updateProfile } from '../../../electron/services/profile';
import { setStage } from '../../../electron/services/tracking';
import { invitationFor, suggestedTarget, whatsappLink } from '../../../shared/invitations/invitation';
import { smsLength } from '../../../shared/invitations/sms';
import {
  defaultTemplates,
  fillTemplate,
  invitationKinds,
  mentionsQrCode,
  messageChannels,
  templateChannels,
  unknownPlaceholders,
  UnknownPlaceholderError,
} from '../../../shared/invitations/templates';
import { normalizePhoneSlow } from '../../../shared/phone';
import { emptyProfile, type Profile } from '../../../shared/model/profile';
import { completeProfile } from '../../helpers/profile';
import { testSession } from '../../helpers/session';
import { tempDatabasePath } from '../../helpers/temp';

const profile: Profile = { ...emptyProfile, ...completeProfile } as Profile;

const contactBase = {
  id: 7,
  displayName: 'Jürgen Müller',
  givenName: 'Jürgen',
  familyName: 'Müller',
  title: null,
  gender: 'male' as const,
  organization: null,
  department: null,
  jobTitle: null,
  isCompany: false,
  customerNumber: null,
  birthday: null,
  note: null,
  phones: [{ e164: '+491701234567', raw: '0170 1234567', label: null, kind: 'mobile' as const }],
  emails: [{ address: 'j.mueller@example.de', label: null, valid: true }],
  addresses: [],
  kind: 'customer' as const,
  language: 'de' as const,
  formal: null,
  minor: false,
  tags: [],
  stage: 'new' as const,
  target: null,
  messenger: null,
  messengerId: null,
  stageChangedAt: null,
  invitedAt: null,
  invitedChannel: null,
  switchedAt: null,
  letterSentAt: null,
  letterVersion: null,
  onWhatsapp: true,
  whatsappLastMessageAt: null,
  revision: 1,
  updatedAt: '2026-11-26T00:00:00Z',
};

describe('invitation templates', () => {
  it('flag unknown placeholders and never print them raw', () => {
    expect(unknownPlaceholders('{{Anrede}} {{Vornme}} {{ Link }} {{Vornme}}')).toEqual(['Vornme']);
    expect(() =>
      fillTemplate('Hallo {{Vornme}}', {
        Anrede: '',
        Vorname: 'Jürgen',
        Nachname: '',
        Firma: '',
        Betrieb: '',
        Messenger: '',
        Messengerinfo: '',
        Link: '',
        Absender: '',
      }),
    ).toThrowError(UnknownPlaceholderError);
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
        for (const target of ['signal', 'threema', 'whatsapp_consent', 'phone_email']) {
          const length = smsLength(invitation(target, kind, language).texts.sms);
          expect(length.gsm).toBe(true);
          expect(length.parts).toBe(1);
        }
      }
    }
    expect(templateChannels).toEqual(['whatsapp', 'sms', 'email', 'letter']);
  });

  it('leaves no stray comma, dash or empty line where a value is still empty (no sender, no business name yet)', () => {
    const values = {
      Anrede: 'Hallo Jürgen,',
      Vorname: 'Jürgen',
      Nachname: '',
      Firma: '',
      Betrieb: '',
      Messenger: 'Signal',
      Messengerinfo: '',
      Link: 'https://signal.me/#p/+491719876543',
      Absender: '',
    };
    expect(fillTemplate('{{Anrede}}\nwir sind jetzt bei {{Messenger}}: {{Link}}\nVielen Dank!\n{{Absender}}, {{Betrieb}}', values)).toBe(
      'Hallo Jürgen,\nwir sind jetzt bei Signal: https://signal.me/#p/+491719876543\nVielen Dank!',
    );
    expect(fillTemplate('{{Anrede}} neu bei {{Messenger}}: {{Link}} - {{Betrieb}}', values)).toBe(
      'Hallo Jürgen, neu bei Signal: https://signal.me/#p/+491719876543',
    );
    expect(
      fillTemplate('{{Anrede}}\n\nText – mit Gedankenstrich.\n\n{{Absender}}\n{{Betrieb}}', { ...values, Absender: 'Bernd Schulze' }),
    ).toBe('Hallo Jürgen,\n\nText – mit Gedankenstrich.\n\nBernd Schulze');
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
    expect(invitation.texts.sms).toBe(
      'Sehr geehrter Herr Müller, wir schreiben künftig über Threema statt WhatsApp: https://threema.id/ABCD1234 - Dachdeckerei Schulze GmbH',
    );
    expect(decodeURIComponent(invitation.links.sms!.split('body=')[1]!)).toBe(invitation.texts.sms);
  });

  it('uses Du for employees, and other texts for consent and phone-only', () => {
    const employee = invitationFor(contact({ kind: 'employee', target: 'signal' }), profile, { language: 'de' });
    expect(employee.text.startsWith('Hallo Jürgen,\nwir stellen unsere Nachrichten von WhatsApp auf Signal um')).toBe(true);
    expect(employee.links.messenger).toBe('https://signal.me/#p/+491719876543');
    expect(invitationFor(contact({ target: 'whatsapp_consent' }), profile, { language: 'de' }).text).toContain('schriftliche Einwilligung');
    expect(invitationFor(contact({ target: 'phone_email', phones: [] }), profile, { language: 'de' })).toMatchObject({
      channel: 'email',
      links: { whatsapp: null },
    });
    expect(invitationFor(contact({ target: 'signal', phones: [], emails: [] }), profile, { language: 'en' })).toMatchObject({
      channel: 'letter',
      links: { whatsapp: null, mailto: null },
    });
  });

  it("writes in the contact's language and with their Du or Sie, where the office set them", () => {
    const contact = (fields: object) => ({ ...contactBase, target: 'signal' as const, ...fields });
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
    expect(
      invitationFor(contact({ language: 'en', formal: false }), profile, { language: 'de', formal: true }).text.startsWith(
        'Sehr geehrter Herr Müller,',
      ),
    ).toBe(true);
  });

  it('`cli invitations --json` prints one invitation per contact; one without a target waits for --target', async () => {
    const db = tempDatabasePath();
    const session = testSession(db);
    updateProfile(session.ctx, completeProfile);
    const id = session.ctx.repos.contacts.insert({
      displayName: 'Anna Schmidt',
      givenName: 'Anna',
      familyName: 'Schmidt',
      gender: 'female',
      phones: [{ e164: '+491701234567', raw: '0170 1234567', label: null, kind: 'mobile' }],
    });
    session.close();
    const run = async (...args: string[]) => {
      const out: string[] = [];
      const code = await runCli(['invitations', '--db', db, '--all', ...args], { out: (text) => out.push(text), err: () => undefined });
      return { code, out: out.join('') };
    };

    const waiting = await run('--json');
    expect(waiting.code).toBe(0);
    // The existing keys stay; no text and no link until a target is chosen.
    expect(JSON.parse(waiting.out)).toEqual([
      expect.objectContaining({
        id,
        channel: 'whatsapp',
        language: 'de',
        formal: true,
        subject: '',
        text: '',
        needsTarget: true,
        target: null,
        suggestedTarget: 'signal',
        links: { whatsapp: null, sms: null, messenger: null, mailto: null },
      }),
    ]);
    expect((await run()).out).toContain(
      'Noch kein Ziel festgelegt – bitte mit --target eins wählen (signal, threema, wire, element, ginlo, whatsapp_consent, phone_email). Vorschlag des Betriebs: --target signal.',
    );

    const [invitation] = JSON.parse((await run('--target', 'signal', '--json')).out);
    expect(invitation).toMatchObject({
      id,
      channel: 'whatsapp',
      needsTarget: false,
      target: 'signal',
      missingProfile: [],
      noMessaging: null,
      links: { messenger: 'https://signal.me/#p/+491719876543', mailto: null },
    });
    expect(invitation.text.startsWith('Sehr geehrte Frau Schmidt,')).toBe(true);
    expect(new URL(invitation.links.whatsapp).pathname).toBe('/491701234567');
    expect(new URL(invitation.links.whatsapp).searchParams.get('text')).toBe(invitation.text);
    expect((await run('--target', 'telegram')).code).toBe(2);
  });

  it('`cli invitations --json` names the profile fields the texts still need', async () => {
    const db = tempDatabasePath();
    const session = testSession(db);
    updateProfile(session.ctx, { recommendedMessenger: 'signal' });
    const id = session.ctx.repos.contacts.insert({
      displayName: 'Anna Schmidt',
      familyName: 'Schmidt',
      gender: 'female',
      phones: [{ e164: '+491701234567', raw: '0170 1234567', label: null, kind: 'mobile' }],
    });
    session.ctx.repos.contacts.updateFields(id, { target: 'signal' });
    session.close();
    const out: string[] = [];
    await runCli(['invitations', '--db', db, '--ids', String(id), '--json'], { out: (text) => out.push(text), err: () => undefined });
    const [invitation] = JSON.parse(out.join(''));
    expect([...invitation.missingProfile].sort()).toEqual(['messengers.signal', 'name', 'representative']);
    expect(invitation.links).toMatchObject({ whatsapp: null, sms: null, mailto: null });
    const text: string[] = [];
    await runCli(['invitations', '--db', db, '--ids', String(id)], { out: (line) => text.push(line), err: () => undefined });
    expect(text.join('')).toContain('Für diese Einladung fehlt im Betriebsprofil: ');
    expect(text.join('')).toContain('Ihre Kennung bei Signal');
  });
});

describe('who gets WhatsApp and SMS: libphonenumber’s number type decides', () => {
  /** A phone as the importer stores it: e164 and kind from libphonenumber. */
  const phone = (raw: string) => ({ raw, label: null, ...normalizePhoneSlow(raw, 'DE') });
  const contact = (phones: string[], emails = contactBase.emails) => ({
    ...contactBase,
    target: 'signal' as const,
    phones: phones.map(phone),
    emails,
  });

  it('offers no wa.me and no sms: link to a landline, and says why with the number', () => {
    const landline = invitationFor(contact(['0561 123456']), profile);
    expect(landline.links).toMatchObject({ whatsapp: null, sms: null, mailto: expect.stringMatching(/^mailto:j\.mueller@example\.de\?/) });
    expect(landline.noMessaging).toEqual({ reason: 'landline_only', numbers: ['0561 123456'] });
    expect(landline.channel).toBe('email');
    // Landline and a number that is not one: still only the landline to call.
    expect(invitationFor(contact(['0561 123456', '0170 12']), profile).noMessaging).toEqual({
      reason: 'landline_only',
      numbers: ['0561 123456'],
    });
    expect(invitationFor(contact(['0170 12']), profile)).toMatchObject({
      noMessaging: { reason: 'invalid_numbers', numbers: ['0170 12'] },
      links: { whatsapp: null, sms: null },
    });
    expect(invitationFor(contact([]), profile)).toMatchObject({
      noMessaging: { reason: 'no_phone', numbers: [] },
      links: { whatsapp: null, sms: null },
    });
  });

  it('sends WhatsApp and SMS to the mobile number even when a landline comes first, and to a number that may be mobile ("other")', () => {
    const both = invitationFor(contact(['0561 123456', '0170 1234567']), profile);
    expect(both.noMessaging).toBeNull();
    expect(new URL(both.links.whatsapp!).pathname).toBe('/491701234567');
    expect(both.links.sms).toMatch(/^sms:\+491701234567\?body=/);
    // A US number: libphonenumber cannot tell fixed line from mobile (FIXED_LINE_OR_MOBILE).
    const american = invitationFor(contact(['+1 201 555 0123']), profile);
    expect(american.noMessaging).toBeNull();
    expect(new URL(american.links.whatsapp!).pathname).toBe('/12015550123');
  });

  it('writes e-mail only to a valid address', () => {
    const invalid = invitationFor(contact(['0561 123456'], [{ address: 'mueller at example', label: null, valid: false }]), profile);
    expect(invalid).toMatchObject({ channel: 'letter', links: { whatsapp: null, sms: null, mailto: null } });
    const second = invitationFor(
      contact(
        ['0561 123456'],
        [
          { address: 'mueller at example', label: null, valid: false },
          { address: 'j.mueller@example.de', label: null, valid: true },
        ],
      ),
      profile,
    );
    expect(second.links.mailto).toMatch(/^mailto:j\.mueller@example\.de\?/);
  });
});

describe('an invitation with empty placeholders is not offered for sending', () => {
  const contact = (fields: object = {}) => ({ ...contactBase, target: 'signal' as const, ...fields });

  it('names the profile fields the texts need but lack, and carries no link that would send them', () => {
    const bare: Profile = { ...emptyProfile, legalForm: 'GmbH', recommendedMessenger: 'signal' };
    const invitation = invitationFor(contact(), bare);
    expect([...invitation.missingProfile].sort()).toEqual(['messengers.signal', 'name', 'representative']);
    expect(invitation.links).toEqual({ whatsapp: null, sms: null, messenger: null, mailto: null });
    // The consent texts name neither the link nor, in an SMS, the sender: only what they use is asked for.
    expect(invitationFor(contact({ target: 'whatsapp_consent' }), bare).missingProfile.sort()).toEqual(['name', 'representative']);
    expect(invitationFor(contact(), profile).missingProfile).toEqual([]);
    // Threema has an id in the profile, Wire has none.
    expect(invitationFor(contact({ target: 'threema' }), profile).missingProfile).toEqual([]);
    expect(invitationFor(contact({ target: 'wire' }), profile)).toMatchObject({
      missingProfile: ['messengers.wire'],
      links: { whatsapp: null },
    });
  });

  it('asks only for what the office’s own text uses', () => {
    const templates = structuredClone(defaultTemplates);
    for (const channel of messageChannels)
      templates.de.formal.switch[channel] = {
        subject: channel === 'email' ? 'Neu bei {{Messenger}}' : '',
        body: '{{Anrede}} neu bei {{Messenger}}: {{Link}}',
      };
    const noSender: Profile = { ...profile, representative: '' };
    expect(invitationFor(contact(), noSender).missingProfile).toEqual(['representative']);
    expect(invitationFor(contact(), noSender, { templates }).missingProfile).toEqual([]);
  });
});

describe('chat messages never speak of a QR code', () => {
  it('no default WhatsApp, SMS or e-mail text mentions one, in either language and tone, for any target; letters for a switch do', () => {
    let checked = 0;
    for (const language of ['de', 'en'] as const) {
      for (const tone of ['formal', 'informal'] as const) {
        for (const kind of invitationKinds) {
          for (const channel of messageChannels) {
            const template = defaultTemplates[language][tone][kind][channel];
            expect(mentionsQrCode(template.subject + template.body), `${language}.${tone}.${kind}.${channel}`).toBe(false);
            checked += 1;
          }
        }
        // The check itself finds the letter's QR code.
        expect(mentionsQrCode(defaultTemplates[language][tone].switch.letter.body), `${language}.${tone}.switch.letter`).toBe(true);
      }
    }
    expect(checked).toBe(2 * 2 * 3 * 3);
  });

  it('gives a contact without mobile and e-mail the chat text to copy, never the letter’s', () => {
    for (const language of ['de', 'en'] as const) {
      for (const formal of [true, false]) {
        const invitation = invitationFor({ ...contactBase, target: 'signal', phones: [], emails: [] }, profile, { language, formal });
        expect(invitation.channel).toBe('letter');
        expect(invitation.text).toBe(invitation.texts.whatsapp);
        expect(mentionsQrCode(invitation.text), `${language} ${formal}`).toBe(false);
        expect(mentionsQrCode(invitation.texts.letter)).toBe(true);
      }
    }
  });
});

describe('an invitation never invents a target', () => {
  it('asks for one when the contact has none: no text, no link, the recommended messenger as a suggestion', () => {
    const invitation = invitationFor({ ...contactBase, target: null }, profile);
    expect(invitation).toMatchObject({
      needsTarget: true,
      target: null,
      suggestedTarget: 'signal',
      text: '',
      subject: '',
      texts: { whatsapp: '', sms: '', email: '', letter: '' },
      links: { whatsapp: null, sms: null, messenger: null, mailto: null },
    });
    // Language, tone and the way to reach them are known before the target.
    expect(invitation).toMatchObject({ language: 'de', formal: true, channel: 'whatsapp', noMessaging: null });
  });

  it('writes for the target the office chose; the contact’s own target always wins', () => {
    const chosen = invitationFor({ ...contactBase, target: null }, profile, { target: 'threema' });
    expect(chosen).toMatchObject({ needsTarget: false, target: 'threema', links: { messenger: 'https://threema.id/ABCD1234' } });
    expect(chosen.text).toContain('auf Threema um');
    expect(invitationFor({ ...contactBase, target: null }, profile, { target: 'phone_email' }).text).toContain('per Telefon oder E-Mail');
    const own = invitationFor({ ...contactBase, target: 'signal' }, profile, { target: 'threema' });
    expect(own).toMatchObject({ target: 'signal', needsTarget: false });
    expect(own.text).toContain('auf Signal um');
  });

  it('keeps the target chosen for an invitation with it (as the guided run records it), and keeps a target the contact has', () => {
    const session = testSession();
    updateProfile(session.ctx, completeProfile);
    const mobile = [{ e164: '+491701234567', raw: '0170 1234567', label: null, kind: 'mobile' as const }];
    const id = session.ctx.repos.contacts.insert({ displayName: 'Anna Schmidt', familyName: 'Schmidt', gender: 'female', phones: mobile });
    expect(invitationForContact(session.ctx, id)).toMatchObject({ needsTarget: true, suggestedTarget: 'signal' });
    const chosen = invitationForContact(session.ctx, id, 'threema');
    setStage(session.ctx, id, { stage: 'invited', channel: 'whatsapp', date: '2026-11-27', target: chosen.target! });
    expect(session.ctx.repos.contacts.byIds([id]).get(id)).toMatchObject({
      stage: 'invited',
      target: 'threema',
      invitedChannel: 'whatsapp',
    });
    expect(invitationForContact(session.ctx, id)).toMatchObject({ needsTarget: false, target: 'threema' });
    // Invited again, asking for another: the target set stays.
    setStage(session.ctx, id, { stage: 'invited', channel: 'sms', target: 'signal' });
    expect(session.ctx.repos.contacts.byIds([id]).get(id)!.target).toBe('threema');
  });

  it('suggests the recommended messenger, else the first the business is on, else none', () => {
    expect(suggestedTarget(profile)).toBe('signal');
    expect(
      suggestedTarget({
        ...profile,
        recommendedMessenger: null,
        messengers: { ...emptyProfile.messengers, element: '@betrieb:matrix.org' },
      }),
    ).toBe('element');
    expect(suggestedTarget(emptyProfile)).toBeNull();
  });
});
