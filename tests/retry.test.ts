// Issue 9, item 6: files that failed for a transient reason (a full disk, a .gz still being
// written) are retried with back-off while running; the status counts them and the problems
// clear once they are read.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, test } from 'node:test';
import { Store } from '../db/store.js';
import { PairExtractor } from '../engine/pairs/extract.js';
import { LocalNetworks } from '../engine/pairs/local-networks.js';
import { isTransient, ZeekTailer } from '../engine/tail/tailer.js';
import { connClose, connHeader, connRows } from './support/gen-conn-log.js';

const root = mkdtempSync(join(tmpdir(), 'bw-retry-'));
after(() => rmSync(root, { recursive: true, force: true }));

async function until(what: string, cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

test('"database or disk is full" during backfill: every file is read once space is back', { timeout: 60_000 }, async () => {
  const dir = join(root, 'full');
  const day = join(dir, '2026-11-27');
  mkdirSync(day, { recursive: true });
  for (let h = 0; h < 6; h++) {
    const stamp = `${String(h).padStart(2, '0')}:00:00-${String(h + 1).padStart(2, '0')}:00:00`;
    const text =
      connHeader(`2026-11-27-0${h}-00-00`) + connRows({ rows: 10, seed: h + 1, startTs: 1795737600 + h * 3600, spanS: 3000, pairs: 4 }) + connClose();
    writeFileSync(join(day, `conn.${stamp}.log.gz`), gzipSync(text));
  }
  const store = Store.open(join(root, 'full.sqlite'));
  let full = true;
  const real = store.ingest.commitBatch.bind(store.ingest);
  store.ingest.commitBatch = (...args: Parameters<typeof real>) => {
    if (full) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    return real(...args);
  };
  const transient: string[] = [];
  const problems: string[] = [];
  const resolved: string[] = [];
  const tailer = new ZeekTailer({
    dir,
    store: store.ingest,
    extractor: new PairExtractor(new LocalNetworks()),
    backfillS: 10 * 365 * 86400,
    retryBaseMs: 50,
    retryMaxMs: 200,
    onProblem: (p) => problems.push(p.problem),
    onTransient: (p) => transient.push(p.problem),
    onResolved: (f) => resolved.push(f),
  });
  try {
    await tailer.start();
    assert.equal(tailer.waiting, 6, '6 files waiting');
    assert.equal(transient.length, 6);
    assert.match(transient[0]!, /database or disk is full: will retry/);
    full = false;
    await until('all files read', () => tailer.waiting === 0);
    await tailer.idle();
    assert.equal(store.pairs.counts().events, 60);
    assert.equal(resolved.length, 6, 'each problem cleared');
    assert.deepEqual(problems, []);
  } finally {
    await tailer.stop();
    store.close();
  }
});

test('a .gz still being written is retried, not reported as corrupt', { timeout: 60_000 }, async () => {
  const dir = join(root, 'partial');
  const day = join(dir, '2026-11-27');
  mkdirSync(day, { recursive: true });
  const gz = gzipSync(connHeader('2026-11-27-10-00-00') + connRows({ rows: 300, seed: 9, startTs: 1795773600, spanS: 3000, pairs: 4 }) + connClose());
  const file = join(day, 'conn.10:00:00-11:00:00.log.gz');
  writeFileSync(file, gz.subarray(0, Math.floor(gz.length / 2)));
  const store = Store.open(join(root, 'partial.sqlite'));
  const problems: string[] = [];
  const resolved: string[] = [];
  const tailer = new ZeekTailer({
    dir,
    store: store.ingest,
    extractor: new PairExtractor(new LocalNetworks()),
    backfillS: 10 * 365 * 86400,
    retryBaseMs: 100,
    retryMaxMs: 200,
    onProblem: (p) => problems.push(p.problem),
    onResolved: (f) => resolved.push(f),
  });
  try {
    await tailer.start();
    assert.equal(tailer.waiting, 1);
    writeFileSync(file, gz);
    await until('the whole archive read', () => store.pairs.counts().events === 300);
    await until('nothing waiting', () => tailer.waiting === 0);
    assert.deepEqual(resolved, [file]);
    assert.deepEqual(problems, []);
  } finally {
    await tailer.stop();
    store.close();
  }
});

test('isTransient: full disks and stores, I/O errors, truncated gzip; not a bad log', () => {
  assert.equal(isTransient(Object.assign(new Error('x'), { code: 'ENOSPC' })), true);
  assert.equal(isTransient(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' })), true);
  assert.equal(isTransient(new Error('f: corrupt gzip (unexpected end of file)')), true);
  assert.equal(isTransient(new Error('not a Zeek log (no #fields header, not JSON)')), false);
});
