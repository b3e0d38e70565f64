// Event details read back from real Zeek logs on disk (../shared/zeek-samples): missing_host's
// HTTP beacon (empty Host, its odd user agent, bytes both ways joined from conn.log by uid), TLS
// (version, SNI, JA3; JA4 not logged), JSON logs, conn pairs, and logs that are gone or too big.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../db/store.js';
import type { PairRow } from '../contract/rows.js';
import { scan } from '../scan/scan.js';
import { sample, samplesMissing } from '../../tests/support/samples.js';
import { EventDetailReader, LOGS_GONE, type DetailLimits } from './read-details.js';

const skip = samplesMissing;
const BEACON_UA = 'Modzilla/0.0001 (Atari 7800)';

/** Ingests `paths` into a temporary store (no scoring needed) and hands it over while open. */
async function withStore(paths: string[], fn: (store: Store) => Promise<void>): Promise<void> {
  await scan(paths, { scorers: [], withStore: (store) => fn(store) });
}

function pairOf(store: Store, source: string, src: string, dst: string): PairRow {
  const p = store.pairs.listPairs().find((r) => r.source === source && r.src === src && r.dst === dst);
  assert.ok(p, `no ${source} pair ${src} -> ${dst}`);
  return p;
}

async function details(store: Store, pair: PairRow, n = 50, limits?: DetailLimits) {
  const reader = new EventDetailReader((kinds) => store.logFiles.list(kinds), limits);
  return reader.read({ pair, targets: store.pairs.recentEvents(pair.id, n).map((e) => e.ts) });
}

test('missing_host: the HTTP beacon as Zeek logged it, with bytes both ways from conn.log', { skip, timeout: 120_000 }, async () => {
  await withStore([sample('rita/missing_host/2024-04-21')], async (store) => {
    const pair = pairOf(store, 'http', '73.54.23.243', '64.225.56.201');
    const r = await details(store, pair);
    assert.equal(r.state, 'complete', r.notes.join(' '));
    assert.equal(r.wanted, 50);
    assert.equal(r.events.length, 50);
    const stored = store.pairs.recentEvents(pair.id, 50).map((e) => e.ts);
    assert.deepEqual(
      r.events.map((e) => e.ts),
      stored.sort((a, b) => b - a),
      'the same events as the store, newest first',
    );
    for (const e of r.events) {
      assert.equal(e.http?.userAgent, BEACON_UA);
      assert.equal(e.http?.host, '', 'the empty Host header');
      assert.equal(e.http?.method, 'GET');
      assert.equal(e.http?.uri, '/');
      assert.equal(e.http?.statusCode, 400);
      assert.match(e.uid ?? '', /^C[0-9A-Za-z]{10,}$/);
      assert.equal(e.respAddr, '64.225.56.201');
      assert.equal(e.respPort, 80);
      assert.ok(e.origPort !== null && e.origPort > 1024);
      // conn.log by uid: what went each way, and how the connection ended
      assert.equal(e.origBytes, 80);
      assert.equal(e.respBytes, 327);
      assert.equal(e.connState, 'SF');
      assert.equal(e.proto, 'tcp');
    }
    assert.deepEqual(r.notLogged, []);
    assert.ok(r.filesRead >= 2 && r.filesRead < 20, `read ${r.filesRead} files`);
  });
});

test('proxy_rolling: a TLS event with version, SNI, cipher, JA3/JA3S, no JA4, bytes by uid', { skip, timeout: 60_000 }, async () => {
  await withStore([sample('rita/proxy_rolling')], async (store) => {
    const pair = pairOf(store, 'ssl', '2601:19e:8200:91e0::1ec7', 'changelogs.ubuntu.com');
    const r = await details(store, pair);
    assert.equal(r.state, 'complete');
    const [e] = r.events;
    assert.equal(e?.uid, 'C2sfIT2TSmDPbPZGfb');
    assert.deepEqual(e?.tls, {
      version: 'TLSv13',
      serverName: 'changelogs.ubuntu.com',
      cipher: 'TLS_AES_256_GCM_SHA384',
      established: true,
      ja3: 'e0ff89ed9185dfb09184797a4c3f2e1c',
      ja3s: '15af977ce25de452b96affa2addb1036',
      ja4: null,
      ja4s: null,
    });
    assert.equal(e?.respAddr, '2620:2d:4000:1::2a');
    assert.equal(e?.respPort, 443);
    assert.equal(e?.origPort, 33444);
    assert.equal(e?.origBytes, 847);
    assert.equal(e?.respBytes, 9691);
    assert.equal(e?.connState, 'RSTO');
    assert.deepEqual(r.notLogged, ['ja4'], 'JA4 needs a Zeek package this sensor does not run');
  });
});

test('JSON logs: TLS details and the conn.log join work the same', { skip, timeout: 60_000 }, async () => {
  await withStore([sample('rita/json_with_all_fields')], async (store) => {
    const r = await details(store, pairOf(store, 'ssl', '10.55.100.111', 'lptag.liveperson.net'));
    assert.equal(r.state, 'complete');
    assert.equal(r.events.length, 2);
    assert.equal(r.events[0]?.tls?.version, 'TLSv12');
    assert.equal(r.events[0]?.tls?.ja3, '10ee8d30a5d01c042afd7b2b205facc4');
    assert.ok(r.events.every((e) => e.origBytes !== null && e.respBytes !== null && e.respBytes > 0));
  });
});

test('a conn pair: ports, service, bytes and duration from its own rows', { skip, timeout: 120_000 }, async () => {
  await withStore([sample('rita/missing_host/2024-04-21')], async (store) => {
    const r = await details(store, pairOf(store, 'conn', '73.54.23.243', '64.225.56.201'), 10);
    assert.equal(r.state, 'complete');
    assert.equal(r.events.length, 10);
    for (const e of r.events) {
      assert.equal(e.respPort, 80);
      assert.equal(e.proto, 'tcp');
      assert.equal(e.service, 'http');
      assert.equal(e.origBytes, 80);
      assert.equal(e.respBytes, 327);
      assert.ok(e.durationS !== null && e.durationS > 0);
      assert.equal(e.http, null);
    }
  });
});

test('logs removed, moved or replaced: said in words, never a failure', { skip, timeout: 120_000 }, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'bw-details-gone-'));
  try {
    const day = join(tmp, '2024-04-21');
    mkdirSync(day);
    const from = sample('rita/missing_host/2024-04-21');
    for (const f of readdirSync(from)) if (/^(conn|http)\.2[0-3]:/.test(f)) cpSync(join(from, f), join(day, f));
    await withStore([tmp], async (store) => {
      const pair = pairOf(store, 'http', '73.54.23.243', '64.225.56.201');
      assert.equal((await details(store, pair, 20)).state, 'complete');
      // the newest hour is gone: the rest is still found
      rmSync(join(day, 'http.23:00:00-00:00:00.log.gz'));
      const partial = await details(store, pair, 20);
      assert.equal(partial.state, 'partial');
      assert.ok(partial.events.length > 0 && partial.events.length < 20);
      assert.match(partial.notes[0] ?? '', /removed or moved/);
      // every http log gone, one replaced by another file under the same name
      for (const f of readdirSync(day)) if (f.startsWith('http.')) rmSync(join(day, f));
      writeFileSync(join(day, 'http.22:00:00-23:00:00.log.gz'), '#fields\tts\tuid\n1.0\tCx\n');
      const gone = await details(store, pair, 20);
      assert.equal(gone.state, 'gone');
      assert.deepEqual(gone.events, []);
      assert.equal(gone.notes[0], LOGS_GONE);
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('the work is bounded: a read stopped by its limit says so', { skip, timeout: 120_000 }, async () => {
  await withStore([sample('rita/missing_host/2024-04-21')], async (store) => {
    const pair = pairOf(store, 'http', '73.54.23.243', '64.225.56.201');
    const r = await details(store, pair, 100, { maxFiles: 1, maxBytes: 1 << 30, timeoutMs: 10_000 });
    assert.equal(r.state, 'partial');
    assert.ok(r.events.length > 0 && r.events.length < 100);
    assert.match(r.notes[0] ?? '', /Stopped reading http\.log at its limit/);
  });
});
