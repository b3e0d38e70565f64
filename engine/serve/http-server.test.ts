import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ApiError, type BeaconwatchApi } from '../contract/api.js';
import { startHttpServer, tokenMatches, type RunningServer } from './http-server.js';
import { safeJoin } from './static-files.js';

/** only the calls these tests make; the rest fail loudly */
function fakeApi(): BeaconwatchApi {
  const calls: Record<string, unknown> = {
    getStatus: async () => ({ version: 'test', pairs: 0 }),
    getPair: async ({ pairId }: { pairId: number }) => {
      throw new ApiError('not-found', `no pair ${pairId}`);
    },
    setPaused: async () => {
      throw new Error('disk on fire');
    },
  };
  return new Proxy(calls, {
    get: (t, k: string) => t[k] ?? (async () => ({ called: k })),
  }) as unknown as BeaconwatchApi;
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(url: string, path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    // the raw path: a URL object would normalise `..` away before it reaches the server
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, path, method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const TOKEN = 'loopback-token-0123456789';
const post = (url: string, method: string, arg: unknown, headers: Record<string, string> = {}) =>
  send(url, `/api/${method}`, {
    method: 'POST',
    body: JSON.stringify(arg),
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}`, ...headers },
  });

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bw-serve-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(dir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(tmpdir(), 'bw-secret.txt'), 'secret');
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(join(tmpdir(), 'bw-secret.txt'), { force: true });
});

describe('startHttpServer on loopback', () => {
  let server: RunningServer;
  before(async () => {
    server = await startHttpServer({ api: fakeApi(), host: '127.0.0.1', port: 0, token: TOKEN, staticDir: dir });
  });
  after(() => server.close());

  it('serves the renderer with the CSP and nosniff headers', async () => {
    const r = await send(server.url, '/');
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /text\/html/);
    assert.match(String(r.headers['content-security-policy']), /default-src 'self'; script-src 'self'/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    const js = await send(server.url, '/assets/app.js');
    assert.equal(js.status, 200);
    assert.match(String(js.headers['content-type']), /text\/javascript/);
  });

  it('falls back to index.html for app routes, 404 for missing files', async () => {
    assert.match((await send(server.url, '/settings')).body, /<title>app/);
    assert.equal((await send(server.url, '/assets/missing.js')).status, 404);
  });

  it('blocks directory traversal', async () => {
    for (const p of ['/../bw-secret.txt', '/%2e%2e/bw-secret.txt', '/assets/..%2f..%2fbw-secret.txt', '/..%5cbw-secret.txt']) {
      const r = await send(server.url, p);
      assert.ok(!r.body.includes('secret'), `${p} leaked the file`);
      assert.ok([400, 404].includes(r.status) || r.body.includes('<title>app'), `${p}: ${r.status}`);
    }
    assert.equal(safeJoin('/srv/app', '/../etc/passwd'), null);
    assert.equal(safeJoin('/srv/app', '/%2e%2e/etc/passwd'), null);
    assert.equal(safeJoin('/srv/app', '/a/b.js'), '/srv/app/a/b.js');
  });

  it('answers API calls as { ok, result }', async () => {
    const r = await post(server.url, 'getStatus', {});
    assert.equal(r.status, 200);
    assert.deepEqual(JSON.parse(r.body), { ok: true, result: { version: 'test', pairs: 0 } });
  });

  it('rejects bad arguments with 400 naming the field', async () => {
    const r = await post(server.url, 'getPair', { pairId: 'seven' });
    assert.equal(r.status, 400);
    const body = JSON.parse(r.body);
    assert.equal(body.ok, false);
    assert.equal(body.error.code, 'invalid-argument');
    assert.match(body.error.message, /getPair: pairId/);
    const extra = JSON.parse((await post(server.url, 'getStatus', { evil: 1 })).body);
    assert.match(extra.error.message, /evil/);
    const notJson = await send(server.url, '/api/getStatus', {
      method: 'POST',
      body: '{',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(notJson.status, 400);
  });

  it('takes a time window of 1 h to 7 days, ending at a time or the latest data (null)', async () => {
    for (const lengthS of [3600, 86400, 7 * 86400]) {
      assert.equal((await post(server.url, 'scoreWindow', { end: null, lengthS })).status, 200);
    }
    assert.equal((await post(server.url, 'scoreWindow', { end: 1713657600, lengthS: 86400 })).status, 200);
    assert.equal((await post(server.url, 'listFindings', { window: { end: null, lengthS: 604800 } })).status, 200);
    for (const bad of [{ end: null, lengthS: 60 }, { end: null, lengthS: 30 * 86400 }, { end: 'yesterday', lengthS: 3600 }, { lengthS: 3600 }]) {
      const r = await post(server.url, 'scoreWindow', bad);
      assert.equal(r.status, 400, JSON.stringify(bad));
      assert.match(JSON.parse(r.body).error.message, /scoreWindow: (end|lengthS)/);
    }
    assert.equal((await post(server.url, 'getDataTimeline', {})).status, 200);
  });

  it('maps engine errors: not-found → 404, others → 500', async () => {
    const nf = await post(server.url, 'getPair', { pairId: 7 });
    assert.equal(nf.status, 404);
    assert.deepEqual(JSON.parse(nf.body).error, { code: 'not-found', message: 'no pair 7' });
    const boom = await post(server.url, 'setPaused', { paused: true });
    assert.equal(boom.status, 500);
    assert.equal(JSON.parse(boom.body).error.code, 'failed');
  });

  it('404s unknown methods, including inherited names', async () => {
    for (const m of ['dropTables', 'constructor', '__proto__', 'toString']) {
      const r = await post(server.url, m, {});
      assert.equal(r.status, 404, m);
      assert.equal(JSON.parse(r.body).error.code, 'not-found');
    }
  });

  it('refuses non-JSON posts (cross-site forms) and foreign Host headers (DNS rebinding)', async () => {
    const form = await send(server.url, '/api/rescoreNow', {
      method: 'POST',
      body: '{}',
      headers: { 'Content-Type': 'text/plain', Authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(form.status, 415);
    const rebound = await post(server.url, 'getStatus', {}, { Host: 'evil.example:8787' });
    assert.equal(rebound.status, 403);
  });

  it('needs the token on loopback too: another local user cannot change anything', async () => {
    const noToken = await post(server.url, 'addAllowRule', { dst: '10.0.0.0/8' }, { Authorization: '' });
    assert.equal(noToken.status, 401);
    const wrong = await post(server.url, 'addAllowRule', { dst: '10.0.0.0/8' }, { Authorization: 'Bearer guessed-token-0000000000' });
    assert.equal(wrong.status, 401);
    assert.equal((await post(server.url, 'getStatus', {}, { Authorization: '' })).status, 401, 'reading needs it too');
  });

  it('refuses requests whose Origin is another site, even with the token', async () => {
    const host = new URL(server.url).host;
    const foreign = await post(server.url, 'getStatus', {}, { Origin: 'http://evil.example' });
    assert.equal(foreign.status, 403);
    const own = await post(server.url, 'getStatus', {}, { Origin: `http://${host}` });
    assert.equal(own.status, 200);
  });

  it('limits the body size', async () => {
    const small = await startHttpServer({ api: fakeApi(), host: '127.0.0.1', port: 0, token: TOKEN, staticDir: dir, maxBodyBytes: 1000 });
    try {
      const r = await post(small.url, 'importAllowRules', { json: 'x'.repeat(5000) }).catch(() => ({ status: 413 }));
      assert.equal(r.status, 413);
    } finally {
      await small.close();
    }
  });
});

describe('startHttpServer with a token', () => {
  let server: RunningServer;
  before(async () => {
    server = await startHttpServer({ api: fakeApi(), host: '127.0.0.1', port: 0, token: 's3cret-token', staticDir: dir });
  });
  after(() => server.close());

  it('requires the token on the API (401) but not for the page', async () => {
    assert.equal((await post(server.url, 'getStatus', {})).status, 401);
    assert.equal((await post(server.url, 'getStatus', {}, { Authorization: 'Bearer wrong' })).status, 401);
    assert.equal((await post(server.url, 'getStatus', {}, { Authorization: 'Bearer s3cret-token' })).status, 200);
    assert.equal((await send(server.url, '/')).status, 200);
  });

  it('compares tokens whatever their length', () => {
    assert.equal(tokenMatches('Bearer abc', 'abc'), true);
    assert.equal(tokenMatches('Bearer abcd', 'abc'), false);
    assert.equal(tokenMatches(undefined, 'abc'), false);
    assert.equal(tokenMatches('Basic abc', 'abc'), false);
  });

  it('refuses to bind off loopback without a token', async () => {
    await assert.rejects(
      startHttpServer({ api: fakeApi(), host: '0.0.0.0', port: 0, token: null as unknown as string, staticDir: dir }),
      /without a token/,
    );
  });
});
