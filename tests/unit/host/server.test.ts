import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_BODY_BYTES, startHost, type RunningHost } from '../../../electron/host/server';
import { testSession } from '../../helpers/session';
import { tempDir } from '../../helpers/temp';

const TOKEN = 'test-token-0123456789abcdef';
const hosts: RunningHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

async function start() {
  const staticDir = tempDir();
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Umzugshelfer</title>');
  mkdirSync(path.join(staticDir, 'assets'));
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(staticDir, 'assets', 'index-CirC7kIQ.js'), 'console.log(2)');
  const session = testSession();
  const host = await startHost({ dispatch: session.dispatch, staticDir, token: TOKEN, port: 0, message: session.message });
  hosts.push(host);
  return host;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw HTTP, so the Host header and the body can be anything a hostile page could send. */
function request(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (port: number, name: string, body: unknown, headers: Record<string, string> = { 'x-umzugshelfer-token': TOKEN }) =>
  request(port, {
    method: 'POST',
    path: `/api/${name}`,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** The launch code of the address the host printed. */
const launchCodeOf = (host: RunningHost) => new URL(host.url).searchParams.get('token')!;

/** Opens the page as a browser does with the printed address: the static-files cookie it sets, as `name=value`. */
async function openPage(host: RunningHost): Promise<string> {
  const page = await request(host.port, { path: `/?token=${launchCodeOf(host)}` });
  expect(page.status).toBe(200);
  return page.headers['set-cookie']![0]!.split(';')[0]!;
}

const launch = (port: number, code: string) =>
  request(port, { method: 'POST', path: '/launch', headers: { 'x-umzugshelfer-launch': code } });

describe('loopback host', () => {
  it('listens on 127.0.0.1 only and prints an address with a launch code, not the API token', async () => {
    const host = await start();
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{32}$`));
    expect(host.url).not.toContain(TOKEN);
  });

  it('refuses the page, assets and the API without the token', async () => {
    const { port } = await start();
    expect((await request(port, { path: '/' })).status).toBe(401);
    expect((await request(port, { path: '/assets/app.js' })).status).toBe(401);
    expect((await request(port, { path: '/?token=wrong' })).status).toBe(401);
    expect((await request(port, { path: `/?token=${TOKEN}` })).status).toBe(401);
    expect((await api(port, 'settings.get', {}, {})).status).toBe(401);
    expect((await api(port, 'settings.get', {}, { 'x-umzugshelfer-token': 'wrong' })).status).toBe(401);
  });

  it('does not accept the token from a cookie or the query for the API (cross-site requests cannot set headers)', async () => {
    const { port } = await start();
    const viaCookie = await request(port, {
      method: 'POST',
      path: '/api/settings.get',
      headers: { cookie: `umzugshelfer_token=${TOKEN}` },
      body: '{}',
    });
    expect(viaCookie.status).toBe(401);
    const viaQuery = await request(port, { method: 'POST', path: `/api/settings.get?token=${TOKEN}`, body: '{}' });
    expect(viaQuery.status).toBe(401);
  });

  it('refuses any Host header but 127.0.0.1 and localhost (DNS rebinding)', async () => {
    const host = await start();
    const { port } = host;
    const code = launchCodeOf(host);
    for (const name of ['evil.example', `evil.example:${port}`, `127.0.0.1.nip.io:${port}`, '127.0.0.1:1']) {
      expect((await request(port, { path: `/?token=${code}`, headers: { host: name } })).status).toBe(403);
      expect((await api(port, 'settings.get', {}, { host: name, 'x-umzugshelfer-token': TOKEN })).status).toBe(403);
      expect(
        (await request(port, { method: 'POST', path: '/launch', headers: { host: name, 'x-umzugshelfer-launch': code } })).status,
      ).toBe(403);
    }
    expect((await request(port, { path: `/?token=${code}`, headers: { host: `localhost:${port}` } })).status).toBe(200);
  });

  it('serves the page with the launch code, sets a same-site cookie for its assets, and sends no CORS headers', async () => {
    const host = await start();
    const { port } = host;
    const page = await request(port, { path: `/?token=${launchCodeOf(host)}`, headers: { origin: 'https://evil.example' } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Umzugshelfer</title>');
    expect(page.headers['set-cookie']?.[0]).toMatch(/HttpOnly; SameSite=Strict/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const cookie = page.headers['set-cookie']![0]!.split(';')[0]!;
    const asset = await request(port, { path: '/assets/app.js', headers: { cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
    const preflight = await request(port, {
      method: 'OPTIONS',
      path: '/api/settings.get',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    for (const answer of [
      page,
      asset,
      preflight,
      await api(port, 'settings.get', {}, { origin: 'https://evil.example', 'x-umzugshelfer-token': TOKEN }),
    ]) {
      expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('lets the browser keep the files named after their content, and asks again for the page and anything else', async () => {
    const host = await start();
    const cookie = await openPage(host);
    const hashed = await request(host.port, { path: '/assets/index-CirC7kIQ.js', headers: { cookie } });
    expect(hashed.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    for (const address of ['/', '/assets/app.js', '/kontakte'])
      expect((await request(host.port, { path: address, headers: { cookie } })).headers['cache-control'], address).toBe('no-cache');
    // Kept or not, a file is only served with the page's cookie.
    expect((await request(host.port, { path: '/assets/index-CirC7kIQ.js' })).status).toBe(401);
  });

  it('the cookie (which the browser sends to every port of 127.0.0.1) is not the API token and unlocks only the page’s files', async () => {
    const host = await start();
    const cookie = await openPage(host);
    const [name, value] = cookie.split('=');
    // Named after the port, so two hosts on this computer do not overwrite each other's cookie.
    expect(name).toBe(`umzugshelfer_static_${host.port}`);
    expect(value).not.toBe(TOKEN);
    expect(value).not.toBe(launchCodeOf(host));
    expect((await request(host.port, { path: '/assets/app.js', headers: { cookie } })).status).toBe(200);
    // Whoever receives the cookie (another server on 127.0.0.1) cannot call the API with it, in any form.
    expect((await request(host.port, { method: 'POST', path: '/api/settings.get', headers: { cookie }, body: '{}' })).status).toBe(401);
    expect((await api(host.port, 'settings.get', {}, { 'x-umzugshelfer-token': value! })).status).toBe(401);
    expect((await launch(host.port, value!)).status).toBe(401);
  });

  it('trades the launch code for the API token once: the address kept in the browser’s history opens nothing afterwards', async () => {
    const host = await start();
    const code = launchCodeOf(host);
    const cookie = await openPage(host);
    expect((await launch(host.port, 'wrong')).status).toBe(401);
    expect((await request(host.port, { method: 'GET', path: '/launch', headers: { 'x-umzugshelfer-launch': code } })).status).toBe(405);

    const traded = await launch(host.port, code);
    expect(traded.status).toBe(200);
    expect(traded.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(traded.body)).toEqual({ ok: true, value: { token: TOKEN } });
    expect(traded.headers['set-cookie']).toBeUndefined();

    const again = await launch(host.port, code);
    expect(again.status).toBe(401);
    expect(JSON.parse(again.body)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('nur einmal') },
    });
    // The spent address without the page's cookie (another browser, someone reading the history) is refused …
    const fromHistory = await request(host.port, { path: `/?token=${code}` });
    expect(fromHistory.status).toBe(401);
    expect(fromHistory.body).toContain('nur einmal');
    // … while the browser that opened it reloads the page with its cookie, and its API token works.
    expect((await request(host.port, { path: `/?token=${code}`, headers: { cookie } })).status).toBe(200);
    expect((await request(host.port, { path: '/', headers: { cookie } })).status).toBe(200);
    expect(JSON.parse((await api(host.port, 'settings.get', {})).body)).toMatchObject({ ok: true });
  });

  it('answers the contract: valid input ok, wrong-typed input invalid_input, and stays up', async () => {
    const { port } = await start();
    expect(JSON.parse((await api(port, 'contacts.count', {})).body)).toEqual({ ok: true, value: { total: 0 } });
    const bad = await api(port, 'settings.update', { language: 42 });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const broken = await request(port, {
      method: 'POST',
      path: '/api/settings.get',
      headers: { 'x-umzugshelfer-token': TOKEN },
      body: '{"language": ',
    });
    expect(JSON.parse(broken.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.parse((await api(port, 'nope', {})).body)).toMatchObject({ ok: false, error: { code: 'unknown_request' } });
    expect(JSON.parse((await api(port, 'settings.get', {})).body)).toMatchObject({ ok: true, value: { language: 'de' } });
  });

  it('answers a malformed % escape in an API path with 400, and writes no stack to stderr', async () => {
    const { port } = await start();
    const logged = vi.spyOn(console, 'error');
    try {
      for (const name of ['%', 'settings.get%', '%E0%A4%A', '%zz']) {
        const answer = await api(port, name, {});
        expect(answer.status, name).toBe(400);
        expect(JSON.parse(answer.body), name).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      }
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
    expect(JSON.parse((await api(port, 'settings.get', {})).body)).toMatchObject({ ok: true });
  });

  it('refuses a body over the limit without reading it into memory', async () => {
    const { port } = await start();
    const huge = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20);
    const answer = await request(port, {
      method: 'POST',
      path: '/api/settings.get',
      headers: { 'x-umzugshelfer-token': TOKEN },
      body: huge,
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'too_large' } });
  });

  it('answers 413 and closes as soon as the declared length is over the limit, without waiting for the body', async () => {
    const { port } = await start();
    // 100 MB announced, 1 MB sent, and the sender waits: the answer cannot depend on the rest arriving.
    const answer = await rawPost(port, { 'content-length': String(100 * 1024 * 1024) }, (socket) =>
      socket.write(Buffer.alloc(1024 * 1024, 0x20)),
    );
    expect(answer.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.text).toMatch(/connection: close/i);
    expect(answer.closedByHost).toBe(true);
  });

  it('answers 413 and closes as soon as the bytes read pass the limit (a body without a declared length)', async () => {
    const { port } = await start();
    // Chunked: the limit plus 1 MB is sent, then the sender waits without ending the body.
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const answer = await rawPost(port, { 'transfer-encoding': 'chunked' }, (socket) => {
      for (let sent = 0; sent <= MAX_BODY_BYTES; sent += chunk.length)
        socket.write(`${chunk.length.toString(16)}\r\n${chunk.toString()}\r\n`);
    });
    expect(answer.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.closedByHost).toBe(true);
  });

  it('never serves a file outside the renderer folder', async () => {
    const host = await start();
    const cookie = await openPage(host);
    for (const attempt of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fx.js', '/%00.js', '/%', '/%E0%A4%A.js']) {
      const answer = await request(host.port, { path: attempt, headers: { cookie } });
      expect([200, 404]).toContain(answer.status);
      if (answer.status === 200) expect(answer.body).toContain('<title>Umzugshelfer</title>');
    }
  });
});

/**
 * A POST over a bare socket that keeps the body unfinished (no end, no further bytes once `write` is
 * done): what the host answered, and whether it closed the connection on its own.
 */
function rawPost(
  port: number,
  headers: Record<string, string>,
  write: (socket: net.Socket) => void,
): Promise<{ text: string; closedByHost: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (data) => (text += data.toString('latin1')));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error),
    );
    socket.on('close', () => resolve({ text, closedByHost: true }));
    socket.on('connect', () => {
      const head = Object.entries({
        host: `127.0.0.1:${port}`,
        'x-umzugshelfer-token': TOKEN,
        'content-type': 'application/json',
        ...headers,
      })
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('');
      socket.write(`POST /api/settings.get HTTP/1.1\r\n${head}\r\n`);
      write(socket);
    });
  });
}
