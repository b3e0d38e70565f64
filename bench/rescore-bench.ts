// Rescore timing: pairs written straight into a store, then `rescore` with the given scorers
// while the event loop's delay is watched (a host process must stay responsive).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Store } from '../db/store.js';
import { commitEvents } from '../engine/ingest/event-batch.js';
import { rescore } from '../engine/score/rescore.js';
import type { PairEvent, Scorer } from '../engine/contract/types.js';

/**
 * 10,000 pairs x ~100 events over 24 h straight into a store: beacons, jittered ones, noise;
 * and every tenth pair a slow one (a 4 h beacon or a few random events a day over 7 days) so
 * the multi-day path of the rescore (engine/score/rescore.ts) is part of the timing.
 */
export function fillRescoreStore(file: string, pairs: number): { events: number; now: number } {
  const store = Store.open(file);
  const now = 1795824000;
  let seed = 99;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  let total = 0;
  const batch: PairEvent[] = [];
  const flush = () => {
    batch.sort((a, b) => a.ts - b.ts);
    commitEvents(
      store.ingest,
      { fingerprint: 'bench', kind: 'conn', path: 'bench', offset: total, lines: batch.length, events: batch.length, complete: false },
      batch,
    );
    batch.length = 0;
  };
  for (let p = 0; p < pairs; p++) {
    const kind = p % 10; // 0-1 strict beacons, 2-3 jittered, 9 slow over 7 days, rest random
    const slow = kind === 9;
    const n = slow ? 42 : 60 + Math.floor(rand() * 80); // ~100 on average
    const span = slow ? 7 * 86400 : 86400;
    const from = now - span;
    const period = span / n;
    let t = from + rand() * period;
    const src = `10.${(p >> 16) & 255}.${(p >> 8) & 255}.${p & 255}`;
    for (let i = 0; i < n; i++) {
      const strict = kind < 2 || (slow && p % 20 === 9);
      const ts = strict ? t + rand() * 0.5 : kind < 4 ? t + (rand() - 0.5) * period * 0.3 : from + rand() * span;
      batch.push({
        source: 'conn',
        src,
        dst: `203.0.113.${p % 250}`,
        variant: null,
        direction: 'outbound',
        ts,
        bytes: 100 + Math.floor(rand() * 50),
        port: 443,
        proto: 'tcp',
        service: 'ssl',
      });
      t += period;
    }
    total += n;
    if (batch.length > 50_000) flush();
  }
  flush();
  store.close();
  return { events: total, now };
}

export interface RescoreFigures {
  scorers: string;
  pairs: number;
  seconds: number;
  loopMaxMs: number;
  loopP99Ms: number;
}

export async function benchRescore(file: string, now: number, scorers: readonly Scorer[]): Promise<RescoreFigures> {
  const store = Store.open(file);
  try {
    const h = monitorEventLoopDelay({ resolution: 10 });
    h.enable();
    // and a plain 1 ms timer chain: the longest wait beyond its due time
    let tickMax = 0;
    let due = performance.now() + 1;
    let ticking = true;
    const tick = () => {
      const late = performance.now() - due;
      if (late > tickMax) tickMax = late;
      due = performance.now() + 1;
      if (ticking) setTimeout(tick, 1);
    };
    setTimeout(tick, 1);
    const t0 = performance.now();
    const { results } = await rescore(store, { now, windowS: 86400, gapS: 1, scorers });
    const seconds = (performance.now() - t0) / 1000;
    ticking = false;
    h.disable();
    return {
      scorers: scorers.map((s) => s.name).join('+'),
      pairs: results.length,
      seconds,
      loopMaxMs: Math.max(h.max / 1e6, tickMax),
      loopP99Ms: h.count > 0 ? h.percentile(99) / 1e6 : 0,
    };
  } finally {
    store.close();
  }
}
