// Live tailing: a line appended to current/conn.log is in the store (seen through a second,
// read-only connection, as the UI sees it) within 2 s; a half-written line waits for its newline.
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { Store } from '../db/store.js';
import { PairExtractor } from '../engine/pairs/extract.js';
import { LocalNetworks } from '../engine/pairs/local-networks.js';
import { ZeekTailer } from '../engine/tail/tailer.js';
import { connHeader, connRows } from './support/gen-conn-log.js';

const root = mkdtempSync(join(tmpdir(), 'bw-tail-live-'));
after(() => rmSync(root, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('an appended line reaches the store within 2 s; a partial line waits for its newline', { timeout: 30_000 }, async () => {
  const current = join(root, 'logs', 'current');
  mkdirSync(current, { recursive: true });
  const live = join(current, 'conn.log');
  const lines = connRows({ rows: 8, seed: 3, startTs: Math.floor(Date.now() / 1000) - 60, spanS: 60, pairs: 4 })
    .split('\n')
    .filter(Boolean);
  writeFileSync(live, connHeader() + lines.slice(0, 5).join('\n') + '\n');

  const dbFile = join(root, 'store.sqlite');
  const store = Store.open(dbFile);
  const tailer = new ZeekTailer({
    dir: join(root, 'logs'),
    store: store.ingest,
    extractor: new PairExtractor(new LocalNetworks()),
    backfillS: 86400,
    sweepMs: 250,
  });
  const reader = new Database(dbFile, { readonly: true });
  const count = () => (reader.prepare('SELECT COALESCE(SUM(n), 0) AS n FROM event_chunks').get() as { n: number }).n;
  const waitForCount = async (n: number, ms: number): Promise<number> => {
    const t0 = performance.now();
    while (count() < n) {
      if (performance.now() - t0 > ms) return Infinity;
      await sleep(10);
    }
    return performance.now() - t0;
  };
  try {
    await tailer.start();
    assert.equal(count(), 5, 'backfill read the existing rows');

    appendFileSync(live, lines[5] + '\n');
    const latency = await waitForCount(6, 2000);
    assert.ok(latency <= 2000, 'the appended line was not stored within 2 s');
    assert.equal(count(), 6);

    const row = lines[6]!;
    const cut = Math.floor(row.length / 2);
    appendFileSync(live, row.slice(0, cut));
    await sleep(1200); // several sweeps and file events
    await tailer.idle();
    assert.equal(count(), 6, 'a half-written line is not read');

    appendFileSync(live, row.slice(cut) + '\n' + lines[7] + '\n');
    assert.ok((await waitForCount(8, 2000)) <= 2000, 'the completed line was not stored within 2 s');
    await sleep(300);
    await tailer.idle();
    assert.equal(count(), 8, 'each line stored once');
    const stored = store.pairs.allEventTimes();
    assert.deepEqual(
      stored,
      lines.map((l) => Number(l.split('\t')[0])).sort((a, b) => a - b),
    );
  } finally {
    reader.close();
    await tailer.stop();
    store.close();
  }
});
