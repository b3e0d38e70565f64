// Feed updates against a local HTTP server (the tests run offline): each feed in its published
// format, then what failing servers send instead — and the last good copy must survive each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../db/store.js';
import { BUILTIN_FEEDS } from './feeds.js';
import { importFeedFile, importFeedText, isDue, updateFeeds, type FeedResult } from './update.js';
import { FeedRejected } from './parse.js';
import { IntelSchedule } from './schedule.js';

const fx = (f: string) => readFileSync(new URL(`./fixtures/${f}`, import.meta.url), 'utf8');
const FIXTURE: Record<string, string> = {
  feodo: 'feodo-ipblocklist.csv',
  threatfox: 'threatfox-full.csv',
  'sslbl-ja3': 'sslbl-ja3.csv',
  'sslbl-cert': 'sslbl-cert.csv',
  urlhaus: 'urlhaus-hostfile.txt',
};

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A server whose answer per feed the test swaps as it goes. */
async function feedServer(): Promise<{ urls: Record<string, string>; handlers: Map<string, Handler>; close: () => Promise<void> }> {
  const handlers = new Map<string, Handler>();
  const server = createServer((req, res) => {
    const h = handlers.get(req.url!.slice(1));
    if (h) h(req, res);
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const urls = Object.fromEntries(BUILTIN_FEEDS.map((f) => [f.name, `http://127.0.0.1:${port}/${f.name}`]));
  return {
    urls,
    handlers,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Serves `body` as CSV with an ETag, answering 304 when the client already has it. */
const csv =
  (body: string, etag = `"${body.length}"`): Handler =>
  (req, res) => {
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', etag, 'content-length': Buffer.byteLength(body) }).end(body);
  };

const byFeed = (r: FeedResult[]) => Object.fromEntries(r.map((x) => [x.feed, x]));

function feodoLines(n: number): string {
  const rows = Array.from({ length: n }, (_, i) => `"2026-11-02 07:44:46","10.${(i >> 8) & 255}.${i & 255}.7","443","online","2026-12-06","Dridex"`);
  return `# "first_seen_utc","dst_ip","dst_port","c2_status","last_online","malware"\n${rows.join('\n')}\n`;
}

test('every built-in feed downloads in its real format; an unchanged one costs a 304 and keeps its copy', async () => {
  const srv = await feedServer();
  const store = Store.open(':memory:');
  try {
    for (const [name, file] of Object.entries(FIXTURE)) srv.handlers.set(name, csv(fx(file)));
    const first = byFeed(await updateFeeds(store.intel, { urls: srv.urls, now: 1000 }));
    assert.deepEqual(Object.fromEntries(Object.entries(first).map(([k, v]) => [k, [v.outcome, v.entries]])), {
      feodo: ['updated', 2],
      threatfox: ['updated', 3],
      'sslbl-ja3': ['updated', 2],
      'sslbl-cert': ['updated', 1],
      urlhaus: ['updated', 2],
    });
    assert.equal(store.intel.entries('feodo')[0]?.family, 'QakBot');

    // not due yet: nothing is fetched
    const early = byFeed(await updateFeeds(store.intel, { urls: srv.urls, now: 1000 + 3600 }));
    assert.equal(early.feodo!.outcome, 'skipped');
    // a day later: conditional requests, the server says "not modified"
    const later = byFeed(await updateFeeds(store.intel, { urls: srv.urls, now: 1000 + 86400 }));
    assert.equal(later.feodo!.outcome, 'not-modified');
    const row = store.intel.feed('feodo')!;
    assert.equal(row.entryCount, 2);
    assert.equal(row.fetchedAt, 1000);
    assert.equal(row.checkedAt, 1000 + 86400);
  } finally {
    store.close();
    await srv.close();
  }
});

test('an HTML error page, an HTTP error, a truncated download, a 100× growth and a timeout are refused; the last good copy stays', async () => {
  const srv = await feedServer();
  const store = Store.open(':memory:');
  try {
    srv.handlers.set('feodo', csv(feodoLines(12)));
    srv.handlers.set('threatfox', csv(fx('threatfox-full.csv')));
    srv.handlers.set('urlhaus', csv(fx('urlhaus-hostfile.txt')));
    srv.handlers.set('sslbl-ja3', csv(fx('sslbl-ja3.csv')));
    srv.handlers.set('sslbl-cert', csv(fx('sslbl-cert.csv')));
    await updateFeeds(store.intel, { urls: srv.urls, now: 1 });
    assert.equal(store.intel.feed('feodo')!.entryCount, 12);

    // an HTML page instead of the CSV, said as such (content-type) and sniffed (sent as text/plain)
    srv.handlers.set('feodo', (_q, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><body>Maintenance</body></html>'),
    );
    srv.handlers.set('threatfox', (_q, res) =>
      res.writeHead(200, { 'content-type': 'text/plain' }).end('<html><head><title>502 Bad Gateway</title></head></html>\n'),
    );
    // an error status
    srv.handlers.set('urlhaus', (_q, res) => res.writeHead(503, 'Service Unavailable').end('busy'));
    // a download cut off mid-body: more bytes promised than sent, then the connection drops
    srv.handlers.set('sslbl-ja3', (_q, res) => {
      const body = fx('sslbl-ja3.csv');
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': Buffer.byteLength(body) + 500 });
      res.write(body.slice(0, body.length - 20));
      setTimeout(() => res.destroy(), 20);
    });
    // the certificate list cut in its last line, without a Content-Length to tell
    srv.handlers.set('sslbl-cert', (_q, res) => res.writeHead(200, { 'content-type': 'text/csv' }).end(fx('sslbl-cert.csv').trimEnd().slice(0, -30)));
    const bad = byFeed(await updateFeeds(store.intel, { urls: srv.urls, now: 2, force: true }));
    assert.match(bad.feodo!.error!, /web page \(content-type text\/html\)/);
    assert.match(bad.threatfox!.error!, /HTML page/);
    assert.match(bad.urlhaus!.error!, /HTTP 503/);
    assert.match(bad['sslbl-ja3']!.error!, /truncated download/);
    assert.match(bad['sslbl-cert']!.error!, /truncated download: the last line is cut off/);
    for (const r of Object.values(bad)) assert.equal(r.outcome, 'failed', r.feed);
    const kept = Object.fromEntries(store.intel.feeds().map((f) => [f.name, f.entryCount]));
    assert.deepEqual(kept, { feodo: 12, threatfox: 3, urlhaus: 2, 'sslbl-ja3': 2, 'sslbl-cert': 1 });
    assert.equal(store.intel.feed('feodo')!.lastErrorAt, 2);
    assert.equal(store.intel.entries('sslbl-ja3').length, 2);

    // grown 100×: 1,300 entries where 12 were is refused as suspicious
    srv.handlers.set('feodo', csv(feodoLines(1300)));
    const grown = byFeed(await updateFeeds(store.intel, { urls: srv.urls, now: 3, force: true }));
    assert.match(grown.feodo!.error!, /suspicious: 1300 entries where the last good copy had 12/);
    assert.equal(store.intel.feed('feodo')!.entryCount, 12);
    // …but ordinary growth is taken, and clears the error
    srv.handlers.set('feodo', csv(feodoLines(40)));
    assert.equal(byFeed(await updateFeeds(store.intel, { urls: srv.urls, now: 4, force: true })).feodo!.outcome, 'updated');
    assert.equal(store.intel.feed('feodo')!.lastError, null);

    // a server that never answers: the timeout ends the wait, the copy stays
    srv.handlers.set('feodo', () => {});
    const t0 = Date.now();
    const slow = byFeed(await updateFeeds(store.intel, { urls: srv.urls, now: 5, force: true, fetch: { timeoutMs: 300 } }));
    assert.match(slow.feodo!.error!, /timeout/);
    assert.ok(Date.now() - t0 < 5000);
    // over the size limit: stopped while streaming
    srv.handlers.set('feodo', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' }); // chunked: no length to refuse up front
      res.write(feodoLines(30));
      res.end(feodoLines(30));
    });
    const big = byFeed(await updateFeeds(store.intel, { urls: srv.urls, now: 6, force: true, fetch: { maxBytes: 1000 } }));
    assert.match(big.feodo!.error!, /over the 0\.0 MiB limit; download stopped/);
    assert.equal(store.intel.feed('feodo')!.entryCount, 40);
  } finally {
    store.close();
    await srv.close();
  }
});

test('the off switch and disabled feeds fetch nothing; isDue follows the schedule', async () => {
  const store = Store.open(':memory:');
  try {
    store.intel.define({ name: 'feodo', format: 'feodo', source: 'http://127.0.0.1:9/never', builtin: true });
    store.intel.setEnabled('feodo', false);
    const r = byFeed(await updateFeeds(store.intel, { now: 10, urls: { feodo: 'http://127.0.0.1:9/never' } }));
    assert.equal(r.feodo!.outcome, 'skipped');
    assert.equal(isDue({ checkedAt: 0, lastErrorAt: null }, 24, 86399), false);
    assert.equal(isDue({ checkedAt: 0, lastErrorAt: null }, 24, 86400), true);
    assert.equal(isDue({ checkedAt: null, lastErrorAt: null }, 24, 0), true);
  } finally {
    store.close();
  }
});

test('import: a feed file downloaded elsewhere fills its built-in feed; a bad file is refused and nothing stored is lost', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-intel-'));
  const store = Store.open(':memory:');
  try {
    const feodo = join(dir, 'ipblocklist.csv');
    writeFileSync(feodo, fx('feodo-ipblocklist.csv'));
    assert.deepEqual(importFeedFile(store.intel, feodo, { now: 5 }), { feed: 'feodo', outcome: 'updated', entries: 2, error: null });
    assert.equal(store.intel.feed('feodo')!.source, BUILTIN_FEEDS[0]!.url);
    const mine = join(dir, 'mine.txt');
    writeFileSync(mine, fx('plain-list.txt'));
    assert.equal(importFeedFile(store.intel, mine, { now: 6 }).feed, 'mine.txt');
    assert.deepEqual(
      store.intel.entries('mine.txt').map((e) => e.kind),
      ['cidr', 'domain', 'ip'],
    );

    const html = join(dir, 'error.csv');
    writeFileSync(html, '<html><body>403 Forbidden</body></html>');
    assert.throws(
      () => importFeedFile(store.intel, html, { format: 'feodo' }),
      (e: Error) => e instanceof FeedRejected && /HTML page/.test(e.message),
    );
    assert.equal(store.intel.feed('feodo')!.entryCount, 2);
    assert.equal(store.intel.entries('feodo').length, 2);
    // an import that failed under a new name leaves no empty feed behind
    assert.throws(() => importFeedText(store.intel, '# nothing\n', { name: 'empty' }), /no entries/);
    assert.equal(store.intel.feed('empty'), null);
    // a JA3 file into the Feodo feed: refused by name, not mixed
    assert.throws(() => importFeedText(store.intel, fx('sslbl-ja3.csv'), { name: 'feodo' }), /holds feodo entries/);
    // a list that names everything is no list: 0.0.0.0/0 is an unreadable line, not a match-all
    importFeedText(store.intel, '0.0.0.0/0\n203.0.113.5\n', { name: 'wide' });
    assert.deepEqual(store.intel.entries('wide'), [{ kind: 'ip', value: '203.0.113.5' }]);
    // the store itself refuses an empty copy over a full one
    assert.throws(() => store.intel.saveGood('feodo', { entries: [], contentBytes: 0, at: 9 }), /empty list never replaces/);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the owner's folder of plain lists: one feed per file, a removed file takes its feed along", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-intel-dir-'));
  const store = Store.open(':memory:');
  try {
    writeFileSync(join(dir, 'a.txt'), fx('plain-list.txt'));
    writeFileSync(join(dir, 'b.list'), '# mine\nc2.example.net\n');
    store.intel.setConfig({ customDir: dir });
    const off = { urls: Object.fromEntries(BUILTIN_FEEDS.map((f) => [f.name, 'http://127.0.0.1:9/'])), fetch: { timeoutMs: 200 } };
    const r = byFeed(await updateFeeds(store.intel, { ...off, now: 1 }));
    assert.equal(r['folder:a.txt']!.entries, 3);
    assert.equal(r['folder:b.list']!.entries, 1);
    // unreachable downloads fail with a reason, each, and do not stop the folder
    assert.match(r.feodo!.error!, /could not reach the server/);
    rmSync(join(dir, 'b.list'));
    writeFileSync(join(dir, 'a.txt'), '<html>oops</html>');
    const again = byFeed(await updateFeeds(store.intel, { ...off, now: 2 }));
    assert.equal(store.intel.feed('folder:b.list'), null);
    assert.match(again['folder:a.txt']!.error!, /HTML page/);
    assert.equal(store.intel.feed('folder:a.txt')!.entryCount, 3);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the schedule looks for due feeds on its timer, one update at a time, and reports a changed copy', async () => {
  const srv = await feedServer();
  const store = Store.open(':memory:');
  let hits = 0;
  for (const [name, file] of Object.entries(FIXTURE))
    srv.handlers.set(name, (req, res) => {
      hits++;
      csv(fx(file))(req, res);
    });
  let changed = 0;
  const schedule = new IntelSchedule(store.intel, {
    onChanged: () => changed++,
    log: () => {},
    firstCheckMs: 10,
    checkEveryMs: 50,
    update: { urls: srv.urls },
  });
  try {
    schedule.start();
    for (let i = 0; i < 200 && changed === 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(changed, 1);
    assert.equal(store.intel.feed('feodo')!.entryCount, 2);
    // later looks find nothing due (daily): no request, no change
    const after = hits;
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(hits, after);
    assert.equal(changed, 1);
    // two "update now" at once share one run
    const [a, b] = [schedule.update(true), schedule.update(true)];
    assert.equal(a, b);
    await a;
    // a server that holds the download: stopping the host does not wait for the 60 s timeout
    srv.handlers.set('feodo', () => {});
    const held = schedule.update(true);
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    schedule.stop();
    await schedule.idle();
    assert.ok(Date.now() - t0 < 2000, `stopped in ${Date.now() - t0} ms`);
    assert.equal((await held).find((r) => r.feed === 'feodo')?.outcome, 'skipped');
    assert.equal(store.intel.feed('feodo')!.lastError, null, 'closing is no failure of the feed');
  } finally {
    schedule.stop();
    await schedule.idle();
    store.close();
    await srv.close();
  }
});
