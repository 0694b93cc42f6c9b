import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentSecurityPolicy } from '../../shared/security';
import { fail, type Result } from '../../shared/result';
import type { Dispatch } from '../services/dispatch';
import { cacheControlFor, resolveStaticFile } from './static-files';

export const TOKEN_HEADER = 'x-umzugshelfer-token';
/** The header with which the page trades the address's launch code for the API token, once. */
export const LAUNCH_HEADER = 'x-umzugshelfer-launch';
export const LAUNCH_PATH = '/launch';
const API_PREFIX = '/api/';
/** Large enough for a contact file of 100,000 entries sent as text. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** A refused body's sender gets this long to read the 413 before the connection is cut. */
const REFUSED_BODY_LINGER_MS = 1000;

export interface HostOptions {
  dispatch: Dispatch;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** The API token: only ever sent in the x-umzugshelfer-token header, never in an address or a cookie. */
  token: string;
  /** 0 picks a free port. */
  port: number;
  /** Translates host-level refusals (too large, bad JSON) into the user's language. */
  message: (key: string, vars?: Record<string, string | number>) => string;
}

export interface RunningHost {
  url: string;
  port: number;
  close: () => Promise<void>;
}

const securityHeaders: http.OutgoingHttpHeaders = {
  'content-security-policy': `${contentSecurityPolicy}; frame-ancestors 'none'`,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** Requests the contract refuses get an HTTP status too; answers of the services stay 200. */
const refusalStatus: Partial<Record<string, number>> = { invalid_input: 400, unknown_request: 404, internal: 500 };

const sameSecret = (given: string | undefined, secret: string): boolean => {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
};

const cookieValue = (header: string | undefined, name: string): string | undefined =>
  header
    ?.split(';')
    .map((part) => part.trim().split('='))
    .find(([cookie]) => cookie === name)?.[1];

/** Only the loopback names are accepted, which defeats DNS rebinding to this port. */
const isLoopbackHost = (hostHeader: string | undefined, port: number): boolean =>
  hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;

function send(res: http.ServerResponse, status: number, body: string, type: string, extra: http.OutgoingHttpHeaders = {}) {
  res.writeHead(status, { ...securityHeaders, 'content-type': type, 'cache-control': 'no-store', ...extra });
  res.end(body);
}

const sendResult = (res: http.ServerResponse, status: number, result: Result<unknown>, extra: http.OutgoingHttpHeaders = {}) =>
  send(res, status, JSON.stringify(result), 'application/json; charset=utf-8', extra);

/**
 * The request's body, or 'too_large' as soon as its declared length or the bytes read so far pass the
 * limit: nothing more of it is read (the caller answers 413 and closes, see refuseBody).
 */
function readBody(req: http.IncomingMessage): Promise<Buffer | 'too_large'> {
  if (Number(req.headers['content-length']) > MAX_BODY_BYTES) return Promise.resolve('too_large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.pause();
      chunks.length = 0;
      resolve('too_large');
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Answers 413 and ends the connection without reading the rest of the body. The sender still writing
 * gets a moment to read the answer (cutting at once made Node's client report ECONNRESET instead of
 * the 413); after that the connection is cut, whatever the sender does.
 */
function refuseBody(req: http.IncomingMessage, res: http.ServerResponse, result: Result<unknown>): void {
  const socket = req.socket;
  sendResult(res, 413, result, { connection: 'close' });
  res.once('finish', () => {
    socket.end();
    const cut = setTimeout(() => socket.destroy(), REFUSED_BODY_LINGER_MS);
    cut.unref();
    socket.once('close', () => clearTimeout(cut));
  });
}

/** The API request's name: the path after /api/, percent-decoded; null when its escapes are malformed. */
function requestName(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname.slice(API_PREFIX.length));
  } catch {
    return null;
  }
}

/**
 * The loopback web host: the built renderer and the contract over HTTP on 127.0.0.1 only; no CORS
 * headers are ever sent, so other origins cannot read or call it. Three secrets, each for one thing:
 *
 * - the API token: the API accepts it only in the x-umzugshelfer-token header (a cross-site form or
 *   image cannot set one), and it never appears in an address or a cookie;
 * - the launch code in the printed address (?token=…): opens the page, and the page trades it for the
 *   API token once (POST /launch). The address stays in the browser's history (Chromium keeps it there
 *   even after history.replaceState or a redirect), so it is spent with its first use;
 * - the static key, a cookie for the page's own files (scripts, styles, fonts). Browsers send cookies
 *   to every port of 127.0.0.1, so it unlocks nothing but those files, and its name carries the port,
 *   so two hosts do not overwrite each other's.
 */
export function startHost(options: HostOptions): Promise<RunningHost> {
  const { dispatch, staticDir, token, message } = options;
  let port = options.port;
  let launchCode: string | null = randomBytes(24).toString('base64url');
  const staticKey = randomBytes(24).toString('base64url');
  const staticCookie = () => `umzugshelfer_static_${port}`;

  async function answerApi(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<void> {
    if (!sameSecret(req.headers[TOKEN_HEADER] as string | undefined, token)) {
      sendResult(res, 401, fail('forbidden', message('errors.forbidden')));
      return;
    }
    if (req.method !== 'POST') {
      send(res, 405, 'Method Not Allowed', 'text/plain; charset=utf-8', { allow: 'POST' });
      return;
    }
    const name = requestName(pathname);
    if (name === null) {
      sendResult(
        res,
        400,
        fail('invalid_input', message('errors.invalid_input', { request: pathname.slice(API_PREFIX.length), details: 'URL' })),
      );
      return;
    }
    const body = await readBody(req);
    if (body === 'too_large') {
      refuseBody(req, res, fail('too_large', message('errors.too_large', { limit: '64 MB' })));
      return;
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      sendResult(res, 400, fail('invalid_input', message('errors.invalid_input', { request: name, details: 'JSON' })));
      return;
    }
    const result = await dispatch(name, input);
    sendResult(res, result.ok ? 200 : (refusalStatus[result.error.code] ?? 200), result);
  }

  /** The page's one trade of the launch code for the API token; the code is spent by it. */
  function answerLaunch(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method !== 'POST') {
      send(res, 405, 'Method Not Allowed', 'text/plain; charset=utf-8', { allow: 'POST' });
      return;
    }
    if (launchCode === null || !sameSecret(req.headers[LAUNCH_HEADER] as string | undefined, launchCode)) {
      sendResult(res, 401, fail('forbidden', message('host.launchSpent')));
      return;
    }
    launchCode = null;
    sendResult(res, 200, { ok: true, value: { token } });
  }

  async function answerStatic(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const withLaunchCode = launchCode !== null && sameSecret(url.searchParams.get('token') ?? undefined, launchCode);
    if (!withLaunchCode && !sameSecret(cookieValue(req.headers.cookie, staticCookie()), staticKey)) {
      send(res, 401, message(url.searchParams.has('token') ? 'host.launchSpent' : 'host.openPrintedAddress'), 'text/plain; charset=utf-8');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Method Not Allowed', 'text/plain; charset=utf-8', { allow: 'GET, HEAD' });
      return;
    }
    const target = resolveStaticFile(staticDir, url.pathname);
    if (!target) {
      send(res, 404, 'Not Found', 'text/plain; charset=utf-8');
      return;
    }
    let content: Buffer;
    try {
      content = await readFile(target.file);
    } catch {
      send(res, 404, 'Not Found', 'text/plain; charset=utf-8');
      return;
    }
    const cookie = withLaunchCode ? { 'set-cookie': `${staticCookie()}=${staticKey}; HttpOnly; SameSite=Strict; Path=/` } : {};
    res.writeHead(200, {
      ...securityHeaders,
      'content-type': target.contentType,
      'cache-control': cacheControlFor(url.pathname),
      ...cookie,
    });
    res.end(req.method === 'HEAD' ? undefined : content);
  }

  const server = http.createServer(async (req, res) => {
    try {
      if (!isLoopbackHost(req.headers.host, port)) {
        send(res, 403, 'Forbidden: unknown Host header', 'text/plain; charset=utf-8');
        return;
      }
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.pathname.startsWith(API_PREFIX)) await answerApi(req, res, url.pathname);
      else if (url.pathname === LAUNCH_PATH) answerLaunch(req, res);
      else await answerStatic(req, res, url);
    } catch (error) {
      console.error('Host request failed', error);
      if (!res.headersSent) sendResult(res, 500, fail('internal', message('errors.internal')));
      else res.destroy();
    }
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      port = (server.address() as AddressInfo).port;
      resolve({
        port,
        url: `http://127.0.0.1:${port}/?token=${launchCode}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
