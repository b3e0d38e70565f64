// Rotation like zeekctl: current/conn.log grows (with a half-written last line at times), is
// renamed into the dated folder as conn.HH:MM:SS-HH:MM:SS.log, gzipped (the plain copy removed),
// and a new current/conn.log starts with a new header. Also a live file truncated and rewritten.
// Every row must be stored exactly once, through the one-shot ingestFile path and the tailer.
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, test } from 'node:test';
import { Store } from '../db/store.js';
import { ingestFile } from '../engine/ingest/ingest-file.js';
import { PairExtractor } from '../engine/pairs/extract.js';
import { LocalNetworks } from '../engine/pairs/local-networks.js';
import { ZeekTailer } from '../engine/tail/tailer.js';
import { connClose, connHeader, connRows } from './support/gen-conn-log.js';

const root = mkdtempSync(join(tmpdir(), 'bw-rotation-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** A zeekctl-like logs/ folder with its current/ and dated archive folder. */
function zeekDir(name: string) {
  const logs = join(root, name, 'logs');
  const current = join(logs, 'current');
  const day = join(logs, '2026-11-27');
  mkdirSync(current, { recursive: true });
  mkdirSync(day, { recursive: true });
  return { logs, live: join(current, 'conn.log'), day, current };
}

/** Rows of several distinct logs: distinct seeds and start times. */
function rows(n: number, seed: number, startTs: number): string {
  return connRows({ rows: n, seed, startTs, spanS: n * 10, pairs: 40 });
}

/** Split one row so that the first part has no newline (a half-written line). */
function splitRow(row: string): [string, string] {
  const cut = Math.floor(row.length / 2);
  return [row.slice(0, cut), row.slice(cut)];
}

/** zeekctl's rotation: #close, rename into the dated folder, gzip, remove the plain copy. */
function rotate(live: string, day: string, stamp: string): string {
  appendFileSync(live, connClose('2026-11-27-11-00-00'));
  const plain = join(day, `conn.${stamp}.log`);
  renameSync(live, plain);
  const gz = `${plain}.gz`;
  writeFileSync(gz, gzipSync(readFileSync(plain)));
  unlinkSync(plain);
  return gz;
}

function eventCount(store: Store): number {
  return (store.db.prepare('SELECT COALESCE(SUM(n), 0) AS n FROM event_chunks').get() as { n: number }).n;
}

async function waitFor(what: string, cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('ingestFile: growth, a partial last line, zeekctl rotation to .log.gz, a new live file', async () => {
  const { live, day } = zeekDir('oneshot');
  const store = Store.open(join(root, 'oneshot.sqlite'));
  const ex = new PairExtractor(new LocalNetworks());
  const read = (file: string, final: boolean) => ingestFile(file, store.ingest, ex, { final });
  try {
    writeFileSync(live, connHeader('2026-11-27-10-00-00') + rows(100, 1, 1795773600));
    assert.equal((await read(live, false)).events, 100);

    const more = rows(51, 2, 1795774700);
    const lines = more.split('\n').filter(Boolean);
    const [head, tail] = splitRow(lines[50]! + '\n');
    appendFileSync(live, lines.slice(0, 50).join('\n') + '\n' + head);
    assert.equal((await read(live, false)).events, 50, 'the half-written line waits');
    assert.equal(eventCount(store), 150);
    appendFileSync(live, tail);
    assert.equal((await read(live, false)).events, 1, 'completed line read once');
    assert.equal((await read(live, false)).events, 0);

    appendFileSync(live, rows(30, 3, 1795775300)); // written after our last read, before rotation
    const gz = rotate(live, day, '10:00:00-11:00:00');
    writeFileSync(live, connHeader('2026-11-27-11-00-00') + rows(40, 4, 1795777200));

    const arch = await read(gz, true);
    assert.equal(arch.events, 30, 'the archive continues where the live file stopped');
    assert.equal((await read(gz, true)).skipped, 'already-complete');
    assert.equal((await read(live, false)).events, 40);
    assert.equal(eventCount(store), 100 + 51 + 30 + 40);
    const files = store.db.prepare('SELECT path, complete FROM log_files ORDER BY path').all() as { path: string; complete: number }[];
    assert.deepEqual(
      files.map((f) => [f.path, f.complete]),
      [
        [gz, 1],
        [live, 0],
      ],
    );
  } finally {
    store.close();
  }
});

test('ingestFile: a live file truncated and rewritten (new header) is read from its start', async () => {
  const { live } = zeekDir('truncate');
  const store = Store.open(join(root, 'truncate.sqlite'));
  const ex = new PairExtractor(new LocalNetworks());
  const read = (final = false) => ingestFile(live, store.ingest, ex, { final });
  try {
    writeFileSync(live, connHeader('2026-11-27-10-00-00') + rows(80, 5, 1795773600));
    assert.equal((await read()).events, 80);
    truncateSync(live, 0);
    assert.equal((await read()).skipped, 'no-rows-yet');
    appendFileSync(live, connHeader('2026-11-27-10-30-00'));
    assert.equal((await read()).skipped, 'no-rows-yet', 'a header alone is not read yet');
    appendFileSync(live, rows(25, 6, 1795775400));
    assert.equal((await read()).events, 25);
    // truncated to fewer bytes than were read, with new content: a new log, read whole
    writeFileSync(live, connHeader('2026-11-27-10-45-00') + rows(3, 7, 1795776300));
    assert.equal((await read()).events, 3);
    assert.equal((await read()).events, 0);
    assert.equal(eventCount(store), 80 + 25 + 3);
  } finally {
    store.close();
  }
});

test('ZeekTailer: follows growth, a partial line, rotation to .log.gz, a new live file and truncation', { timeout: 60_000 }, async () => {
  const { logs, live, day } = zeekDir('tailer');
  const store = Store.open(join(root, 'tailer.sqlite'));
  const problems: string[] = [];
  writeFileSync(live, connHeader('2026-11-27-10-00-00') + rows(100, 11, 1795773600));
  const tailer = new ZeekTailer({
    dir: logs,
    store: store.ingest,
    extractor: new PairExtractor(new LocalNetworks()),
    backfillS: 10 * 365 * 86400,
    sweepMs: 200,
    onProblem: (p) => problems.push(`${p.file}: ${p.problem}`),
  });
  let expected = 0;
  const settle = async (what: string) => {
    await waitFor(what, () => eventCount(store) >= expected);
    await new Promise((r) => setTimeout(r, 400)); // a sweep or two: nothing more may arrive
    await tailer.idle();
    assert.equal(eventCount(store), expected, what);
  };
  try {
    await tailer.start();
    expected = 100;
    assert.equal(eventCount(store), expected, 'backfill');

    const more = rows(21, 12, 1795774700).split('\n').filter(Boolean);
    const [head, tail] = splitRow(more[20]! + '\n');
    appendFileSync(live, more.slice(0, 20).join('\n') + '\n' + head);
    expected += 20;
    await settle('appended rows, the partial line waiting');
    appendFileSync(live, tail);
    expected += 1;
    await settle('the completed line');

    appendFileSync(live, rows(30, 13, 1795775300));
    rotate(live, day, '10:00:00-11:00:00');
    writeFileSync(live, connHeader('2026-11-27-11-00-00') + rows(40, 14, 1795777200));
    expected += 30 + 40;
    await settle('rotation and the new live file');

    writeFileSync(live, connHeader('2026-11-27-11-30-00') + rows(7, 15, 1795779000));
    expected += 7;
    await settle('truncated and rewritten live file');
    appendFileSync(live, rows(5, 16, 1795779100));
    expected += 5;
    await settle('growth after truncation');
  } finally {
    await tailer.stop();
    store.close();
  }
  // a rotation may race the tailer (file renamed while read): only read failures would matter
  assert.deepEqual(
    problems.filter((p) => !/past the end|ENOENT|no complete log rows/.test(p)),
    [],
  );
});
