/**
 * The page's Content Security Policy, one string for the Electron protocol, the loopback host and the
 * <meta> tag in index.html. Scripts only from the app itself; no connection leaves the app's origin.
 * Inline styles are allowed because the component library sets CSS variables in <style> tags; inline
 * scripts are not.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "object-src 'none'",
].join('; ');

/** The only places the app may hand to the system browser, mail or text-message program. */
const externalHosts = new Set(['wa.me', 'signal.me', 'threema.id', 'matrix.to']);

/** sms: only to one international number, with at most the message text (sms:+49170…?body=…). */
const isSmsLink = (url: URL) => url.protocol === 'sms:' && /^\+\d{6,15}$/.test(url.pathname) && url.hash === '' && /^(\?body=[^&]*)?$/.test(url.search);

export function isAllowedExternalUrl(candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (url.protocol === 'mailto:') return true;
  if (url.protocol === 'sms:') return isSmsLink(url);
  return (
    url.protocol === 'https:' &&
    externalHosts.has(url.hostname) &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}
