import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStaticFile } from '../../../electron/host/static-files';
import { invitationFor } from '../../../shared/invitations/invitation';
import { messengerLink } from '../../../shared/letters/messenger-links';
import { emptyProfile, type Profile } from '../../../shared/model/profile';
import { contentSecurityPolicy, externalUrlToOpen, isAllowedExternalUrl } from '../../../shared/security';
import { completeProfile } from '../../helpers/profile';

describe('external link allowlist', () => {
  it.each([
    'mailto:info@maler-schmidt.de?subject=Hallo',
    'https://wa.me/491701234567?text=Hallo%20Herr%20M%C3%BCller',
    'https://wa.me/?text=Hallo',
    'https://signal.me/#p/+491701234567',
    'https://threema.id/ABCD1234',
    'https://matrix.to/#/@info:matrix.example.de',
    'sms:+491701234567?body=Hallo%20Herr%20M%C3%BCller',
    'sms:+491701234567',
  ])('allows %s', (url) => expect(isAllowedExternalUrl(url)).toBe(true));

  it.each([
    'http://wa.me/49170',
    'https://wa.me.evil.example/',
    'https://evil.example/wa.me',
    'https://user:pw@wa.me/49',
    'https://wa.me:8443/49',
    'file:///C:/Windows/System32/calc.exe',
    'javascript:alert(1)',
    'smb://server/share',
    'ms-msdt:/id',
    'not a url',
    'sms:+491701234567,+491709999999?body=Hallo',
    'sms:0170 1234567',
    'sms:+491701234567?body=Hallo&attachment=file:///etc/passwd',
    'sms://evil.example/+49170',
    // A backslash: the URL parser reads it as "/", a system handler may read "wa.me\" as a user name.
    'https://wa.me\\@evil.example/49',
    'https://wa.me\\/491701234567',
    'https://wa.me/49\\..\\x',
    // No slashes, one slash, or the host spelled other than plainly: each parses to wa.me after repair.
    'https:wa.me/491701234567',
    'https:/wa.me/491701234567',
    'https:\\\\wa.me/491701234567',
    'https://w%61.me/491701234567',
    'https://WA.ME/491701234567',
    'HTTPS://wa.me/491701234567',
    'https://wa.me./491701234567',
    // Spaces and controls the parser trims or drops.
    ' https://wa.me/491701234567',
    'https://wa.me/491701234567 ',
    '\thttps://wa.me/491701234567',
    'https://wa.me/4917\n01234567',
    'https://wa.me/491701234567\u0000',
    // Fullwidth letters and dot, which the parser folds to "wa.me".
    'https://ｗａ．ｍｅ/491701234567',
    'https://wa\u3002me/491701234567',
    // mailto: with anything but one address, a subject and a body.
    'mailto:info@example.de?attach=/etc/passwd',
    'mailto:info@example.de?subject=Hallo&attach=C:%5CUsers%5Cchef%5Ckunden.xlsx',
    'mailto:info@example.de?subject=Hallo&cc=chef@evil.example',
    'mailto:info@example.de?bcc=chef@evil.example&body=Hallo',
    'mailto:info@example.de?to=chef@evil.example',
    'mailto:info@example.de?Attach=/etc/passwd',
    'mailto:info@example.de?%61ttach=/etc/passwd',
    'mailto:info@example.de?subject=Hallo;attach=/etc/passwd',
    'mailto:info@example.de?subject=a&subject=b',
    'mailto:info@example.de?subject',
    'mailto:info@example.de,chef@evil.example',
    'mailto:info@example.de%2Cchef@evil.example',
    'mailto:?subject=Hallo',
    'mailto:info@example.de#x',
    'MAILTO:info@example.de',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
    expect(externalUrlToOpen(url)).toBeNull();
  });
});

describe('every link the app builds', () => {
  const profile: Profile = {
    ...emptyProfile,
    ...completeProfile,
    messengers: { signal: '+49 171 9876543', threema: 'ABCD1234', element: '@info:matrix.example.de', wire: '@schulze', ginlo: null },
  } as Profile;
  // Apostrophes, ampersands, question marks, hashes, umlauts, an emoji and a plus in the address: what
  // encodeURIComponent leaves alone or must encode.
  const contact = {
    id: 7,
    displayName: "Jürgen O'Neil",
    givenName: 'Jürgen',
    familyName: "O'Neil",
    title: 'Dr.',
    gender: 'male' as const,
    organization: 'Müller & Söhne? #1 🏠',
    department: null,
    jobTitle: null,
    isCompany: false,
    customerNumber: null,
    birthday: null,
    note: null,
    phones: [{ e164: '+491701234567', raw: '0170 1234567', label: null, kind: 'mobile' as const }],
    emails: [{ address: "j.o'neil+bau@example.de", label: null, valid: true }],
    addresses: [],
    kind: 'customer' as const,
    language: 'de' as const,
    formal: null,
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
  const links = ['de', 'en'].flatMap((language) =>
    ['customer', 'employee'].flatMap((kind) =>
      ['signal', 'threema', 'element', 'wire', 'whatsapp_consent', 'phone_email'].flatMap((target) =>
        Object.values(invitationFor({ ...contact, language, kind, target } as never, profile).links).filter(
          (link): link is string => link !== null,
        ),
      ),
    ),
  );
  const messengerLinks = [
    messengerLink('signal', '+49 171 9876543'),
    messengerLink('signal', 'https://signal.me/#eu/Xk9_zLq-3vT2bQ8wYh1nR5mA0cE7dF4gJ6iK'),
    messengerLink('threema', 'abcd1234'),
    messengerLink('threema', '*ABC1234'),
    messengerLink('element', '@info:matrix.example.de'),
    messengerLink('element', '@buero:chat.example.de:8448'),
    messengerLink('element', 'https://matrix.to/#/@info:matrix.example.de'),
  ];

  it('covers WhatsApp, SMS, e-mail and every messenger with a link', () => {
    const kinds = new Set([...links, ...messengerLinks].map((link) => link!.replace(/^(https:\/\/[^/]+|[a-z]+:).*$/s, '$1')));
    expect([...kinds].sort()).toEqual(['https://matrix.to', 'https://signal.me', 'https://threema.id', 'https://wa.me', 'mailto:', 'sms:']);
  });

  it('is accepted, and opened as the parser’s normal form of itself', () => {
    for (const link of [...links, ...messengerLinks]) {
      expect(externalUrlToOpen(link!), link!).toBe(new URL(link!).href);
    }
  });
});

describe('content security policy', () => {
  const directive = (name: string) =>
    contentSecurityPolicy
      .split(';')
      .map((part) => part.trim())
      .find((part) => part.startsWith(`${name} `));

  it('allows scripts and connections only from the app itself', () => {
    expect(contentSecurityPolicy).toContain("default-src 'none'");
    expect(directive('connect-src')).toBe("connect-src 'self'");
    // WebAssembly may be compiled (the scan readers); eval(), new Function() and inline scripts stay refused.
    expect(directive('script-src')).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(contentSecurityPolicy).not.toMatch(/'unsafe-eval'|'unsafe-hashes'|script-src[^;]*'unsafe-inline'/);
  });

  it('allows workers only from the app’s own files, not from blob: or data: addresses', () => {
    expect(directive('worker-src')).toBe("worker-src 'self'");
    expect(contentSecurityPolicy).not.toMatch(/(?:script|worker|child)-src[^;]*(?:blob:|data:|\*)/);
  });
});

describe('static files', () => {
  const root = path.resolve('/srv/renderer');
  it('maps the app’s routes to index.html and assets to their files', () => {
    expect(resolveStaticFile(root, '/')?.file).toBe(path.join(root, 'index.html'));
    expect(resolveStaticFile(root, '/kontakte')?.file).toBe(path.join(root, 'index.html'));
    expect(resolveStaticFile(root, '/assets/index-1.js')).toEqual({
      file: path.join(root, 'assets', 'index-1.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
  });
  it('serves module workers as JavaScript and WebAssembly as application/wasm (streamed compilation needs it)', () => {
    expect(resolveStaticFile(root, '/assets/pdf.worker.min-1.mjs')?.contentType).toBe('text/javascript; charset=utf-8');
    expect(resolveStaticFile(root, '/assets/zxing_reader-1.wasm')?.contentType).toBe('application/wasm');
    expect(resolveStaticFile(root, '/pdfjs/jbig2.wasm')?.contentType).toBe('application/wasm');
  });
  it('never leaves the folder', () => {
    for (const attempt of ['/../secret.js', '/%2e%2e/secret.js', '/assets/%2e%2e/%2e%2e/x.css', '/%00.js', '/%E0%A4%A.js', '/x.exe']) {
      const target = resolveStaticFile(root, attempt);
      if (target) expect(target.file.startsWith(root + path.sep)).toBe(true);
    }
    expect(resolveStaticFile(root, '/x.exe')).toBeNull();
  });
});
