// The status bar's live rate counts only events newer than the start of the folder's backfill:
// the backfill itself and an old log that turns up later never count, whenever they are read.
// And the backfill reports its progress before its first file (one big file is all of it).
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Store } from '../db/store.js';
import { PairExtractor } from '../engine/pairs/extract.js';
import { LocalNetworks } from '../engine/pairs/local-networks.js';
import { createEngineHost } from '../engine/service/create-host.js';
import { ZeekTailer, type BackfillProgress } from '../engine/tail/tailer.js';
import { connHeader, connRows } from './support/gen-conn-log.js';

const root = mkdtempSync(join(tmpdir(), 'bw-live-rate-'));
after(() => rmSync(root, { recursive: true, force: true }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const nowS = () => Math.floor(Date.now() / 1000);
/** a `#open` stamp (the row guard refuses rows more than 8 days after it) */
const openStamp = (s: number) => new Date(s * 1000).toISOString().slice(0, 19).replace(/[T:]/g, '-');

test('live events per minute: only events newer than the backfill start', { timeout: 120_000 }, async () => {
  const logs = join(root, 'a', 'logs');
  mkdirSync(join(logs, 'current'), { recursive: true });
  // half an hour of history, the newest a minute old: the backfill reads it
  writeFileSync(join(logs, 'current', 'conn.log'), connHeader() + connRows({ rows: 400, seed: 1, startTs: nowS() - 1800, spanS: 1740, pairs: 20 }));
  const host = await createEngineHost({ dbFile: join(root, 'a.sqlite'), mode: 'serve', zeekDir: logs, log: () => {} });
  try {
    await host.start();
    const first = await host.api.getStatus({});
    assert.equal(first.events, 400);
    assert.equal(first.liveEventsPerMinute, 0, 'the backfill is not live traffic');

    // 30 new events, and an old log (2 h ago) turning up while following
    appendFileSync(join(logs, 'current', 'conn.log'), connRows({ rows: 30, seed: 2, startTs: nowS(), spanS: 2, pairs: 20, open: 'x' }));
    mkdirSync(join(logs, '2026-12-01'));
    const old = join(logs, '2026-12-01', 'conn.10:00:00-11:00:00.log');
    writeFileSync(
      old,
      connHeader(openStamp(nowS() - 7300)) + connRows({ rows: 500, seed: 3, startTs: nowS() - 7200, spanS: 600, pairs: 20, open: 'y' }),
    );
    const t0 = Date.now();
    let s = await host.api.getStatus({});
    while (s.events < 930 && Date.now() - t0 < 60_000) {
      await sleep(200);
      s = await host.api.getStatus({});
    }
    assert.equal(s.events, 930, 'all read');
    const rate = s.liveEventsPerMinute;
    assert.equal(typeof rate, 'number');
    // 30 new events over at most the 5-minute window (at least one minute): never the 500 old ones
    assert.ok(rate! > 0 && rate! <= 30, `rate ${rate}`);
  } finally {
    await host.stop();
  }
});

test('backfill progress: said before the first file, then by files and bytes, with the span of the files', async () => {
  const logs = join(root, 'b', 'logs');
  mkdirSync(join(logs, '2026-12-01'), { recursive: true });
  const archive = join(logs, '2026-12-01', 'conn.10:00:00-11:00:00.log');
  writeFileSync(archive, connHeader(openStamp(nowS() - 3 * 86400)) + connRows({ rows: 50, seed: 4, startTs: nowS() - 3 * 86400, spanS: 3600 }));
  const live = join(logs, 'conn.log');
  writeFileSync(live, connHeader(openStamp(nowS() - 120)) + connRows({ rows: 20, seed: 5, startTs: nowS() - 60, spanS: 50 }));
  utimesSync(archive, nowS() - 3 * 86400, nowS() - 3 * 86400);
  const store = Store.open(join(root, 'b.sqlite'));
  const seen: BackfillProgress[] = [];
  const tailer = new ZeekTailer({
    dir: logs,
    store: store.ingest,
    extractor: new PairExtractor(new LocalNetworks()),
    backfillS: 4 * 86400,
    onBackfill: (p) => seen.push(p),
  });
  try {
    await tailer.start();
  } finally {
    await tailer.stop();
    store.close();
  }
  const total = statSync(archive).size + statSync(live).size;
  assert.equal(seen.length, 3);
  assert.deepEqual(
    seen.map((p) => [p.filesDone, p.filesTotal, p.bytesDone, p.bytesTotal]),
    [
      [0, 2, 0, total],
      [1, 2, statSync(archive).size, total],
      [2, 2, total, total],
    ],
  );
  assert.ok(Math.abs(seen[0]!.spanS - 3 * 86400) < 60, `span ${seen[0]!.spanS}`);
});
