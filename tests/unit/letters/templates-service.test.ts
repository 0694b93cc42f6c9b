import { describe, expect, it } from 'vitest';
import { invitationForContact } from '../../../electron/services/invitations';
import { updateProfile } from '../../../electron/services/profile';
import { getTemplates, previewTemplate, resetTemplate, saveTemplate } from '../../../electron/services/templates';
import { defaultTemplates } from '../../../shared/invitations/templates';
import { completeProfile } from '../../helpers/profile';
import { testSession } from '../../helpers/session';

describe('the office’s invitation texts', () => {
  it('are stored per target, channel, tone and language, used for invitations, and reset to the default', () => {
    const session = testSession();
    updateProfile(session.ctx, completeProfile);
    const id = session.ctx.repos.contacts.insert({
      displayName: 'Jürgen Müller',
      givenName: 'Jürgen',
      familyName: 'Müller',
      gender: 'male',
      phones: [{ e164: '+491701234567', raw: '0170 1234567', label: null, kind: 'mobile' }],
    });
    const key = { language: 'de' as const, formal: true, kind: 'switch' as const, channel: 'whatsapp' as const };
    saveTemplate(session.ctx, key, { subject: '', body: '{{Anrede}}\nschreiben Sie uns jetzt bei {{Messenger}}: {{Link}}' });
    saveTemplate(
      session.ctx,
      { ...key, channel: 'email' },
      { subject: 'Neu bei {{Messenger}}', body: '{{Anrede}}\n\nbitte schreiben Sie uns bei {{Messenger}}.' },
    );
    expect(getTemplates(session.ctx).de.formal.switch.email.subject).toBe('Neu bei {{Messenger}}');
    expect(getTemplates(session.ctx).de.formal.switch.sms).toEqual(defaultTemplates.de.formal.switch.sms);
    expect(getTemplates(session.ctx).de.informal.switch).toEqual(defaultTemplates.de.informal.switch);
    const invitation = invitationForContact(session.ctx, id, 'signal');
    expect(invitation.text).toBe('Sehr geehrter Herr Müller,\nschreiben Sie uns jetzt bei Signal: https://signal.me/#p/+491719876543');
    // An e-mail is a business letter: the company details a GmbH must state follow the text.
    expect(invitation).toMatchObject({
      subject: 'Neu bei Signal',
      texts: {
        email:
          'Sehr geehrter Herr Müller,\n\nbitte schreiben Sie uns bei Signal.\n\n--\nDachdeckerei Schulze GmbH · Sitz: Kassel · Registergericht: Amtsgericht Kassel HRB 12345 · Geschäftsführung: Bernd Schulze, Anna Schulze',
      },
    });
    resetTemplate(session.ctx, key);
    expect(getTemplates(session.ctx).de.formal.switch.whatsapp).toEqual(defaultTemplates.de.formal.switch.whatsapp);
    expect(getTemplates(session.ctx).de.formal.switch.email.subject).toBe('Neu bei {{Messenger}}');
  });

  it('keeps a text saved before there were channels for WhatsApp, SMS and e-mail until one of them is changed', () => {
    const session = testSession();
    const old = { subject: 'Alt: {{Messenger}}', body: '{{Anrede}} alter Text für alle Wege' };
    session.ctx.repos.settings.writeMany({ templates: { 'de.formal.consent': old } });
    expect(getTemplates(session.ctx).de.formal.consent).toEqual({
      whatsapp: old,
      sms: old,
      email: old,
      letter: defaultTemplates.de.formal.consent.letter,
    });
    resetTemplate(session.ctx, { language: 'de', formal: true, kind: 'consent', channel: 'sms' });
    expect(getTemplates(session.ctx).de.formal.consent).toEqual({
      whatsapp: old,
      sms: defaultTemplates.de.formal.consent.sms,
      email: old,
      letter: defaultTemplates.de.formal.consent.letter,
    });
  });

  it('refuses a WhatsApp, SMS or e-mail text that speaks of a QR code (only a letter has one); a stored one gives way to the default', () => {
    const session = testSession();
    const qr = { subject: '', body: '{{Anrede}}\nscannen Sie einfach den QR-Code: {{Link}}' };
    for (const channel of ['whatsapp', 'sms', 'email'] as const) {
      expect(() => saveTemplate(session.ctx, { language: 'de', formal: true, kind: 'switch', channel }, qr), channel).toThrow(
        expect.objectContaining({ code: 'invalid_input', messageKey: 'invite.errors.qrCodeInMessage' }),
      );
    }
    expect(() =>
      saveTemplate(
        session.ctx,
        { language: 'en', formal: false, kind: 'switch', channel: 'email' },
        { subject: 'Our QR code', body: '{{Anrede}} see you on {{Messenger}}' },
      ),
    ).toThrow(expect.objectContaining({ messageKey: 'invite.errors.qrCodeInMessage' }));
    expect(getTemplates(session.ctx)).toEqual(defaultTemplates);
    // The letter carries the code: there the words belong.
    saveTemplate(session.ctx, { language: 'de', formal: true, kind: 'switch', channel: 'letter' }, { subject: 'Neu', body: qr.body });
    expect(getTemplates(session.ctx).de.formal.switch.letter.body).toBe(qr.body);
    // Saved before the rule (or written around it): not used for a message.
    session.ctx.repos.settings.writeMany({
      templates: { 'de.formal.switch.whatsapp': qr, 'de.formal.consent': { subject: '', body: '{{Anrede}} QR-Code anbei' } },
    });
    expect(getTemplates(session.ctx).de.formal.switch.whatsapp).toEqual(defaultTemplates.de.formal.switch.whatsapp);
    expect(getTemplates(session.ctx).de.formal.consent.sms).toEqual(defaultTemplates.de.formal.consent.sms);
  });

  it('refuses a text with an unknown placeholder and names it; the preview lists it instead of printing it', () => {
    const session = testSession();
    const id = session.ctx.repos.contacts.insert({
      displayName: 'Anna Schmidt',
      givenName: 'Anna',
      familyName: 'Schmidt',
      gender: 'female',
    });
    expect(() =>
      saveTemplate(
        session.ctx,
        { language: 'de', formal: true, kind: 'switch', channel: 'sms' },
        { subject: '', body: 'Hallo {{Vornme}}' },
      ),
    ).toThrow(expect.objectContaining({ code: 'invalid_input', vars: { names: '{{Vornme}}' } }));
    expect(getTemplates(session.ctx)).toEqual(defaultTemplates);
    expect(previewTemplate(session.ctx, id, { language: 'de', formal: false }, { subject: '', body: 'Hallo {{Vornme}}' })).toEqual({
      subject: '',
      text: '',
      unknown: ['Vornme'],
    });
    expect(previewTemplate(session.ctx, id, { language: 'de', formal: false }, { subject: '', body: '{{Anrede}} bis bald' }).text).toBe(
      'Hallo Anna, bis bald',
    );
  });
});
