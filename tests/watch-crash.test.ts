// Issue 19: `watch` SIGKILLed at random moments while Zeek writes, rotates and gzips the live
// conn.log, restarted each time, then left to catch up: every pair holds the same events (count
// and every timestamp) as a clean scan of the final folder. And one store has one tailing host:
// a second `watch` on it refuses, naming the first; a killed one's lock is taken over.
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { connHeader, ConnRowSource } from './support/gen-conn-log.js';
import { comparePairs, lcg, pairEvents, sleep, startCli, type Running } from './support/kill-harness.js';

const tmp = mkdtempSync(join(tmpdir(), 'bw-watch-crash-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const KILLS = 6;
const SEGMENTS = 4;
const ROWS_PER_SEGMENT = 4000;

function storedEvents(db: string): number {
  try {
    const c = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (c.prepare('SELECT COALESCE(SUM(n), 0) AS n FROM event_chunks').get() as { n: number }).n;
    } finally {
      c.close();
    }
  } catch {
    return -1; // not created yet
  }
}

/** Zeek's part: rows appended in bursts, the live file renamed at each hour and gzipped. */
async function zeek(dir: string, done: { rows: number; finished: boolean }): Promise<void> {
  const live = join(dir, 'conn.log');
  for (let seg = 0; seg < SEGMENTS; seg++) {
    const hour = String(seg).padStart(2, '0');
    const src = new ConnRowSource({ rows: ROWS_PER_SEGMENT, seed: 40 + seg, pairs: 300, startTs: 1795737600 + seg * 3600, spanS: 3600 });
    writeFileSync(live, connHeader(`2026-11-27-${hour}-00-00`));
    // bursts of rows, the last one of a burst sometimes cut in the middle (Zeek's buffered writes)
    let pending = '';
    for (let c = src.next(400); c !== null; c = src.next(400)) {
      const text = pending + c;
      const cut = text.length - 37;
      appendFileSync(live, text.slice(0, cut));
      pending = text.slice(cut);
      await sleep(120);
    }
    appendFileSync(live, pending + `#close\t2026-11-27-${hour}-59-59\n`);
    done.rows += ROWS_PER_SEGMENT;
    // rotation: renamed to its archive name, then compressed, the plain copy removed
    const rotated = join(dir, `conn.${hour}:00:00-${hour}:59:59.log`);
    renameSync(live, rotated);
    await sleep(50);
    writeFileSync(`${rotated}.gz`, gzipSync(readFileSync(rotated)));
    unlinkSync(rotated);
  }
  // a fresh live file after the last rotation, with a few rows
  writeFileSync(live, connHeader('2026-11-27-04-00-00'));
  const tail = new ConnRowSource({ rows: 500, seed: 99, pairs: 300, startTs: 1795737600 + 4 * 3600, spanS: 600 });
  for (let c = tail.next(250); c !== null; c = tail.next(250)) appendFileSync(live, c);
  done.rows += 500;
  done.finished = true;
}

test(`watch SIGKILLed ${KILLS} times during writes, rotation and gzip: every pair as a clean scan's`, { timeout: 240_000 }, async () => {
  const dir = join(tmp, 'zeek');
  mkdirSync(dir);
  const db = join(tmp, 'watch.sqlite');
  const done = { rows: 0, finished: false };
  const writer = zeek(dir, done);
  const rand = lcg(19);
  let kills = 0;
  let w: Running | null = null;
  try {
    while (!done.finished || kills < KILLS) {
      w = startCli(['watch', dir, '--db', db]);
      await sleep(700 + rand() * 1500);
      w.child.kill('SIGKILL');
      const e = await w.done;
      w = null;
      if (e.signal === 'SIGKILL') kills++;
      else assert.fail(`watch ended by itself: ${e.out.slice(-2000)}`);
    }
    await writer;
    // the last run catches up, then stops cleanly
    w = startCli(['watch', dir, '--db', db]);
    const t0 = Date.now();
    while ((!/backfill done/.test(w.output()) || storedEvents(db) < done.rows) && Date.now() - t0 < 60_000) await sleep(200);
    await sleep(500); // anything past the expected count (a double) would land by now
    w.child.kill('SIGTERM');
    const e = await w.done;
    w = null;
    assert.equal(e.code, 0, e.out.slice(-2000));
  } finally {
    w?.child.kill('SIGKILL');
    await writer.catch(() => {});
  }
  const clean = join(tmp, 'clean.sqlite');
  const s = await startCli(['scan', '--json', '--no-cnn', '--db', clean, dir]).done;
  assert.equal(s.code, 0, s.out.slice(-2000));
  const d = comparePairs(pairEvents(clean), pairEvents(db));
  assert.equal(d.events, done.rows, 'the clean scan read every row');
  assert.ok(kills >= KILLS);
  assert.equal(d.differ, 0, `${d.differ} of ${d.pairs} pairs differ after ${kills} kills: ${d.examples.join('; ')}`);
});

test('a second watch on the same store refuses, naming the first; a killed one leaves no lock behind', { timeout: 120_000 }, async () => {
  const dir = join(tmp, 'two');
  mkdirSync(dir);
  writeFileSync(join(dir, 'conn.log'), connHeader() + new ConnRowSource({ rows: 50, seed: 3, pairs: 5 }).next(50)!);
  const db = join(tmp, 'two.sqlite');
  const first = startCli(['watch', dir, '--db', db]);
  try {
    const t0 = Date.now();
    while (!/backfill done/.test(first.output()) && Date.now() - t0 < 60_000) await sleep(100);
    assert.match(first.output(), /backfill done/);
    const second = await startCli(['watch', dir, '--db', db]).done;
    assert.equal(second.code, 1, second.out);
    assert.match(
      second.out,
      new RegExp(`store .*two\\.sqlite is in use by another Beaconwatch \\(beaconwatch watch or serve, pid ${first.child.pid},`),
    );
    assert.match(second.out, /Stop that one first, or give this one another store \(--db FILE\)/);
  } finally {
    first.child.kill('SIGKILL');
    await first.done;
  }
  // the killed watch's lock names a process that is gone: the next one takes it over
  const third = startCli(['watch', dir, '--db', db]);
  const t0 = Date.now();
  while (!/backfill done/.test(third.output()) && Date.now() - t0 < 60_000) await sleep(100);
  third.child.kill('SIGTERM');
  const e = await third.done;
  assert.equal(e.code, 0, e.out.slice(-2000));
  assert.match(e.out, /backfill done: 5 pairs, 50 events/);
});
