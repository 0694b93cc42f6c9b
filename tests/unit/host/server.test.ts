import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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
function request(port: number, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/', headers: { host: `127.0.0.1:${port}`, ...options.headers } },
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
  request(port, { method: 'POST', path: `/api/${name}`, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('loopback host', () => {
  it('listens on 127.0.0.1 only and prints a tokened address', async () => {
    const host = await start();
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${TOKEN}`);
  });

  it('refuses the page, assets and the API without the token', async () => {
    const { port } = await start();
    expect((await request(port, { path: '/' })).status).toBe(401);
    expect((await request(port, { path: '/assets/app.js' })).status).toBe(401);
    expect((await request(port, { path: '/?token=wrong' })).status).toBe(401);
    expect((await api(port, 'settings.get', {}, {})).status).toBe(401);
    expect((await api(port, 'settings.get', {}, { 'x-umzugshelfer-token': 'wrong' })).status).toBe(401);
  });

  it('does not accept the token from a cookie or the query for the API (cross-site requests cannot set headers)', async () => {
    const { port } = await start();
    const viaCookie = await request(port, { method: 'POST', path: '/api/settings.get', headers: { cookie: `umzugshelfer_token=${TOKEN}` }, body: '{}' });
    expect(viaCookie.status).toBe(401);
    const viaQuery = await request(port, { method: 'POST', path: `/api/settings.get?token=${TOKEN}`, body: '{}' });
    expect(viaQuery.status).toBe(401);
  });

  it('refuses any Host header but 127.0.0.1 and localhost (DNS rebinding)', async () => {
    const { port } = await start();
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1.nip.io:${port}`, '127.0.0.1:1']) {
      expect((await request(port, { path: `/?token=${TOKEN}`, headers: { host } })).status).toBe(403);
      expect((await api(port, 'settings.get', {}, { host, 'x-umzugshelfer-token': TOKEN })).status).toBe(403);
    }
    expect((await request(port, { path: `/?token=${TOKEN}`, headers: { host: `localhost:${port}` } })).status).toBe(200);
  });

  it('serves the page with the token, sets a same-site cookie for its assets, and sends no CORS headers', async () => {
    const { port } = await start();
    const page = await request(port, { path: `/?token=${TOKEN}`, headers: { origin: 'https://evil.example' } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Umzugshelfer</title>');
    expect(page.headers['set-cookie']?.[0]).toMatch(/HttpOnly; SameSite=Strict/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const asset = await request(port, { path: '/assets/app.js', headers: { cookie: `umzugshelfer_token=${TOKEN}` } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
    const preflight = await request(port, { method: 'OPTIONS', path: '/api/settings.get', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    for (const answer of [page, asset, preflight, await api(port, 'settings.get', {}, { origin: 'https://evil.example', 'x-umzugshelfer-token': TOKEN })]) {
      expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('answers the contract: valid input ok, wrong-typed input invalid_input, and stays up', async () => {
    const { port } = await start();
    expect(JSON.parse((await api(port, 'contacts.count', {})).body)).toEqual({ ok: true, value: { total: 0 } });
    const bad = await api(port, 'settings.update', { language: 42 });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const broken = await request(port, { method: 'POST', path: '/api/settings.get', headers: { 'x-umzugshelfer-token': TOKEN }, body: '{"language": ' });
    expect(JSON.parse(broken.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.parse((await api(port, 'nope', {})).body)).toMatchObject({ ok: false, error: { code: 'unknown_request' } });
    expect(JSON.parse((await api(port, 'settings.get', {})).body)).toMatchObject({ ok: true, value: { language: 'de' } });
  });

  it('refuses a body over the limit without reading it into memory', async () => {
    const { port } = await start();
    const huge = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20);
    const answer = await request(port, { method: 'POST', path: '/api/settings.get', headers: { 'x-umzugshelfer-token': TOKEN }, body: huge });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'too_large' } });
  });

  it('never serves a file outside the renderer folder', async () => {
    const { port } = await start();
    for (const attempt of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fx.js', '/%00.js']) {
      const answer = await request(port, { path: attempt, headers: { cookie: `umzugshelfer_token=${TOKEN}` } });
      expect([200, 404]).toContain(answer.status);
      if (answer.status === 200) expect(answer.body).toContain('<title>Umzugshelfer</title>');
    }
  });
});
