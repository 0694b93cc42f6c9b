import { timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentSecurityPolicy } from '../../shared/security';
import { fail, type Result } from '../../shared/result';
import type { Dispatch } from '../services/dispatch';
import { resolveStaticFile } from './static-files';

export const TOKEN_HEADER = 'x-umzugshelfer-token';
const TOKEN_COOKIE = 'umzugshelfer_token';
const API_PREFIX = '/api/';
/** Large enough for a contact file of 100,000 entries sent as text. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface HostOptions {
  dispatch: Dispatch;
  /** The built renderer (out/renderer). */
  staticDir: string;
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

const sameToken = (given: string | undefined, token: string): boolean => {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
};

const cookieToken = (header: string | undefined): string | undefined =>
  header
    ?.split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === TOKEN_COOKIE)?.[1];

/** Only the loopback names are accepted, which defeats DNS rebinding to this port. */
const isLoopbackHost = (hostHeader: string | undefined, port: number): boolean =>
  hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;

function send(res: http.ServerResponse, status: number, body: string, type: string, extra: http.OutgoingHttpHeaders = {}) {
  res.writeHead(status, { ...securityHeaders, 'content-type': type, 'cache-control': 'no-store', ...extra });
  res.end(body);
}

const sendResult = (res: http.ServerResponse, status: number, result: Result<unknown>) =>
  send(res, status, JSON.stringify(result), 'application/json; charset=utf-8');

function readBody(req: http.IncomingMessage): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The loopback web host: the built renderer and the contract over HTTP on 127.0.0.1 only. Every
 * request needs the session token (query, cookie for the page's own assets, header for the API);
 * no CORS headers are ever sent, so other origins cannot read or call it.
 */
export function startHost(options: HostOptions): Promise<RunningHost> {
  const { dispatch, staticDir, token, message } = options;
  let port = options.port;

  const server = http.createServer(async (req, res) => {
    try {
      if (!isLoopbackHost(req.headers.host, port)) {
        send(res, 403, 'Forbidden: unknown Host header', 'text/plain; charset=utf-8');
        return;
      }
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

      if (url.pathname.startsWith(API_PREFIX)) {
        // The API takes the token only as a header: a cross-site form or image cannot set one.
        if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, token)) {
          sendResult(res, 401, fail('forbidden', message('errors.forbidden')));
          return;
        }
        if (req.method !== 'POST') {
          send(res, 405, 'Method Not Allowed', 'text/plain; charset=utf-8', { allow: 'POST' });
          return;
        }
        const body = await readBody(req);
        if (body === 'too_large') {
          sendResult(res, 413, fail('too_large', message('errors.too_large', { limit: '64 MB' })));
          return;
        }
        let input: unknown;
        try {
          input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
        } catch {
          sendResult(res, 400, fail('invalid_input', message('errors.invalid_input', { request: url.pathname.slice(API_PREFIX.length), details: 'JSON' })));
          return;
        }
        const result = await dispatch(decodeURIComponent(url.pathname.slice(API_PREFIX.length)), input);
        sendResult(res, result.ok ? 200 : (refusalStatus[result.error.code] ?? 200), result);
        return;
      }

      const queryToken = url.searchParams.get('token') ?? undefined;
      const authorised = sameToken(queryToken, token) || sameToken(cookieToken(req.headers.cookie), token);
      if (!authorised) {
        send(res, 401, 'Unauthorized: open the address that `npm run serve` printed, including ?token=…', 'text/plain; charset=utf-8');
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
      const cookie = sameToken(queryToken, token)
        ? { 'set-cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` }
        : {};
      res.writeHead(200, { ...securityHeaders, 'content-type': target.contentType, 'cache-control': 'no-cache', ...cookie });
      res.end(req.method === 'HEAD' ? undefined : content);
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
        url: `http://127.0.0.1:${port}/?token=${token}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
