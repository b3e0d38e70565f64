// The heavy crash check: `beaconwatch scan --json --all --db FILE` SIGKILLed at random moments
// (20 by default) over a generated live conn.log plus a rotated archive, then run to the end
// twice, and the store compared pair by pair (count and every timestamp) with a clean run's.
// The normal suite's small version is tests/ingest-crash.test.ts; this one is too slow for it.
//   BENCH_ONLY=crash  BENCH_KILLS=20  BENCH_ROWS=1000000
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeConnLog } from '../tests/support/gen-conn-log.js';
import { comparePairs, lcg, pairEvents, sleep, startCli } from '../tests/support/kill-harness.js';
import { fmt, log } from './bench-util.js';

export interface CrashFigures {
  kills: number;
  runs: number;
  pairs: number;
  events: number;
  differ: number;
  examples: string[];
}

export async function benchCrash(work: string, rows: number, kills: number, seed = 1): Promise<CrashFigures> {
  const dir = join(work, 'crash');
  mkdirSync(dir, { recursive: true });
  // a rotated archive and the live file: the scan's transactions (a million lines) span both
  writeConnLog(join(dir, 'conn.00:00:00-01:00:00.log'), { rows: Math.floor(rows / 2), seed: seed + 1, close: true, open: '2026-11-26-00-00-00' });
  writeConnLog(join(dir, 'conn.log'), { rows, seed, close: false });
  const args = (db: string) => ['scan', '--json', '--all', '--no-cnn', '--db', db, dir];
  const cleanDb = join(work, 'crash-clean.sqlite');
  const db = join(work, 'crash-killed.sqlite');
  const t0 = performance.now();
  const clean = await startCli(args(cleanDb)).done;
  if (clean.code !== 0) throw new Error(`clean scan failed: ${clean.out}`);
  const cleanMs = performance.now() - t0;
  log(`crash: clean scan ${(cleanMs / 1000).toFixed(1)} s; killing at random points up to that`);
  const rand = lcg(seed);
  let landed = 0;
  let runs = 0;
  while (landed < kills && runs < kills * 4) {
    runs++;
    const r = startCli(args(db));
    // start-up takes ~0.5 s: kills before it test nothing
    await sleep(400 + rand() * cleanMs);
    r.child.kill('SIGKILL');
    if ((await r.done).signal === 'SIGKILL') landed++;
  }
  for (let i = 0; i < 2; i++) {
    const e = await startCli(args(db)).done;
    if (e.code !== 0) throw new Error(`finishing scan failed: ${e.out}`);
  }
  const d = comparePairs(pairEvents(cleanDb), pairEvents(db));
  log(`crash: ${landed} kills in ${runs} runs; ${fmt(d.pairs)} pairs, ${fmt(d.events)} events compared; ${d.differ} differ`);
  rmSync(dir, { recursive: true, force: true });
  return { kills: landed, runs, ...d };
}
