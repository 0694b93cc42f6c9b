import { isEmailAddress } from './email';

/**
 * The page's Content Security Policy, one string for the Electron protocol, the loopback host and the
 * <meta> tag in index.html. Scripts only from the app itself; no connection leaves the app's origin.
 * Inline styles are allowed because the component library sets CSS variables in <style> tags; inline
 * scripts are not. 'wasm-unsafe-eval' lets WebAssembly be compiled (the QR reader and the PDF reader
 * of "Rückläufer einlesen", both from the app's own files); it permits neither eval() nor new
 * Function(). Workers only from the app's own files, never from blob: addresses.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
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

/**
 * Printable ASCII without the backslash: every link the app builds is made of these (its texts are
 * percent-encoded), and Chromium hands navigations over in this form too. Anything else is a link
 * that the URL parser would first have to repair (spaces it trims, a backslash it reads as "/",
 * fullwidth letters it folds to ASCII) and that the system's own handler may read differently.
 */
const isPlainUrlText = (candidate: string) => /^[\x21-\x7e]+$/.test(candidate) && !candidate.includes('\\');

/**
 * https: only to the listed hosts, written out as `https://host` followed by a path, query, fragment
 * or nothing. The text must name the host where the parser found it: "https:wa.me/x" and
 * "https://w%61.me/" parse to wa.me too but are not how a link to it is written.
 */
function isMessengerLink(candidate: string, url: URL): boolean {
  if (url.protocol !== 'https:' || !externalHosts.has(url.hostname)) return false;
  if (url.port !== '' || url.username !== '' || url.password !== '') return false;
  const origin = `https://${url.hostname}`;
  return candidate.startsWith(origin) && /^(?:[/?#]|$)/.test(candidate.slice(origin.length));
}

/**
 * mailto: to one address, with at most a subject and a body (RFC 6068 would also let a link add
 * recipients, cc, bcc, or – in some mail programs – attach a local file).
 */
function isMailtoLink(candidate: string, url: URL): boolean {
  if (url.protocol !== 'mailto:' || !candidate.startsWith('mailto:') || url.hash !== '') return false;
  let recipient: string;
  try {
    recipient = decodeURIComponent(url.pathname);
  } catch {
    return false;
  }
  if (!isEmailAddress(recipient)) return false;
  if (url.search === '') return true;
  const fields = url.search.slice(1).split('&');
  const names = fields.map((field) => /^(subject|body)=[^=;]*$/.exec(field)?.[1]);
  return names.every((name) => name !== undefined) && new Set(names).size === names.length;
}

/** sms: only to one international number, with at most the message text (sms:+49170…?body=…). */
const isSmsLink = (candidate: string, url: URL) =>
  url.protocol === 'sms:' &&
  candidate.startsWith('sms:') &&
  /^\+\d{6,15}$/.test(url.pathname) &&
  url.hash === '' &&
  /^(\?body=[^&]*)?$/.test(url.search);

/**
 * The link to hand to the system (shell.openExternal): the parser's normalised form (`href`) of a
 * link on the allowlist, or null. The caller opens this string, never the one it was given, so that
 * the system opens exactly what was checked here.
 */
export function externalUrlToOpen(candidate: string): string | null {
  if (!isPlainUrlText(candidate)) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  return isMessengerLink(candidate, url) || isMailtoLink(candidate, url) || isSmsLink(candidate, url) ? url.href : null;
}

export const isAllowedExternalUrl = (candidate: string): boolean => externalUrlToOpen(candidate) !== null;
