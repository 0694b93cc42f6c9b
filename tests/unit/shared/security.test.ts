import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStaticFile } from '../../../electron/host/static-files';
import { contentSecurityPolicy, isAllowedExternalUrl } from '../../../shared/security';

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
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false));
});

describe('content security policy', () => {
  it('allows scripts and connections only from the app itself', () => {
    expect(contentSecurityPolicy).toContain("default-src 'none'");
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    expect(contentSecurityPolicy).toContain("connect-src 'self'");
    expect(contentSecurityPolicy).not.toMatch(/script-src[^;]*unsafe/);
  });
});

describe('static files', () => {
  const root = path.resolve('/srv/renderer');
  it('maps the app’s routes to index.html and assets to their files', () => {
    expect(resolveStaticFile(root, '/')?.file).toBe(path.join(root, 'index.html'));
    expect(resolveStaticFile(root, '/kontakte')?.file).toBe(path.join(root, 'index.html'));
    expect(resolveStaticFile(root, '/assets/index-1.js')).toEqual({ file: path.join(root, 'assets', 'index-1.js'), contentType: 'text/javascript; charset=utf-8' });
  });
  it('never leaves the folder', () => {
    for (const attempt of ['/../secret.js', '/%2e%2e/secret.js', '/assets/%2e%2e/%2e%2e/x.css', '/%00.js', '/%E0%A4%A.js', '/x.exe']) {
      const target = resolveStaticFile(root, attempt);
      if (target) expect(target.file.startsWith(root + path.sep)).toBe(true);
    }
    expect(resolveStaticFile(root, '/x.exe')).toBeNull();
  });
});
