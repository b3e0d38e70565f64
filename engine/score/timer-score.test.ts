// The final score as a calibrated probability of a timer (issue 8 item 3): few activities cannot
// score high, more check-ins of the same regularity score higher, back-off is a schedule, and
// slow beacons are scored over the stored days.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../db/store.js';
import { commitEvents } from '../ingest/event-batch.js';
import type { ActivitySeries, PairEvent, ScorerOutput } from '../contract/types.js';
import { toActivities } from './activities.js';
import { scoreDetail } from './combine.js';
import { mulberry32 } from './null-model.js';
import { rescore } from './rescore.js';
import { statsScorer } from './stats-scorer.js';

const ALERT = 0.8; // DEFAULT_SETTINGS.alertThreshold (engine/service/settings.ts)
const END = 1_790_000_000;

const series = (times: number[], days = 1): ActivitySeries =>
  toActivities(
    times,
    times.map(() => 700),
    1,
    END - days * 86400,
    END,
  );

/** The final score from the stats scorer, and with a CNN that says `cnn` (1.0: the worst case of the old rule). */
async function scores(s: ActivitySeries, cnn = 1): Promise<{ stats: number; withCnn: number; logOdds: number }> {
  const [out] = await statsScorer.scoreBatch([s]);
  const m = new Map<string, ScorerOutput>([['stats', out!]]);
  const stats = scoreDetail(m, { activities: s.times.length });
  m.set('cnn', { score: cnn, values: { beacon: cnn, jitter: 0.1 } });
  const w = scoreDetail(m, { activities: s.times.length });
  return { stats: stats.score, withCnn: w.score, logOdds: w.logOdds };
}

const randomTimes = (seed: number, n: number, span = 86400) => {
  const r = mulberry32(seed);
  return Array.from({ length: n }, () => END - span * r()).sort((a, b) => a - b);
};
const perfectTimes = (n: number, period: number) => Array.from({ length: n }, (_, i) => END - (n - i) * period + ((i * 37) % 10) / 50);

test('five random activities score below the alert threshold, even when the CNN says 1.0', async () => {
  for (let seed = 1; seed <= 40; seed++) {
    const s = await scores(series(randomTimes(seed, 5, 600 + seed * 2000)));
    assert.ok(s.stats < ALERT, `seed ${seed}: stats-only ${s.stats}`);
    assert.ok(s.withCnn < ALERT, `seed ${seed}: with CNN ${s.withCnn}`);
  }
});

test('more check-ins of the same regularity score higher: 5 < 20 < 200 < 2000, no plateau', async () => {
  const got = [];
  for (const n of [5, 20, 200, 2000]) got.push(await scores(series(perfectTimes(n, 40))));
  assert.ok(got[0]!.withCnn < ALERT && got[0]!.stats < ALERT, `5 perfect activities: ${JSON.stringify(got[0])}`);
  // without the CNN the score is weaker: near-regular use looks as regular as a jittered timer to statistics
  assert.ok(got[2]!.withCnn > 0.99 && got[2]!.stats > 0.95, `200 perfect activities: ${JSON.stringify(got[2])}`);
  for (let i = 1; i < got.length; i++) {
    assert.ok(got[i]!.stats > got[i - 1]!.stats, `stats-only ordered at ${i}: ${got.map((g) => g.stats)}`);
    assert.ok(got[i]!.logOdds > got[i - 1]!.logOdds, `with CNN ordered at ${i}: ${got.map((g) => g.logOdds)}`);
    assert.ok(got[i]!.withCnn < 1 && got[i]!.stats < 1, 'continuous: never exactly 1');
  }
});

test('a back-off schedule (doubling to a cap, reset, repeated) scores high; random arrivals do not', async () => {
  const r = mulberry32(99);
  const times: number[] = [];
  let t = END - 86400;
  while (t < END - 4000) {
    for (let k = 0; k <= 6; k++) {
      times.push(t);
      t += 30 * 2 ** Math.min(k, 4) * (1 + 0.1 * (r() - 0.5)); // 30, 60, 120, 240, 480, 480, 480 s
    }
  }
  const backoff = await scores(series(times), 0.5);
  assert.ok(backoff.stats >= ALERT && backoff.withCnn >= ALERT, `back-off ${JSON.stringify(backoff)} over ${times.length} check-ins`);
  const random = await scores(series(randomTimes(7, times.length)), 0.5);
  assert.ok(random.stats < 0.5 && random.withCnn < 0.5, `random ${JSON.stringify(random)}`);
});

test('a 4-hour beacon over 5 days scores high through the multi-day path', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-slow-'));
  const store = Store.open(join(dir, 'slow.sqlite'));
  try {
    const r = mulberry32(5);
    const ev = (src: string, ts: number): PairEvent => ({
      source: 'conn',
      src,
      dst: '198.51.100.7',
      variant: null,
      direction: 'outbound',
      ts,
      bytes: 400,
      port: 443,
      proto: 'tcp',
      service: 'ssl',
    });
    const events: PairEvent[] = [];
    for (let t = END - 5 * 86400 + 1234; t < END; t += 4 * 3600) events.push(ev('10.0.0.5', t + r() * 2));
    // and a pair with as many random events over the same days
    for (const t of randomTimes(11, 30, 5 * 86400)) events.push(ev('10.0.0.6', t));
    events.sort((a, b) => a.ts - b.ts);
    commitEvents(
      store.ingest,
      { fingerprint: 'slow', kind: 'conn', path: 'slow', offset: 1, lines: events.length, events: events.length, complete: false },
      events,
    );
    const { results } = await rescore(store, { now: END, windowS: 86400, gapS: 1, scorers: [statsScorer] });
    const byId = new Map(store.pairs.listPairs({ since: 0, minEvents: 1 }).map((p) => [p.id, p.src]));
    const beacon = results.find((x) => byId.get(x.pairId) === '10.0.0.5')!;
    const random = results.find((x) => byId.get(x.pairId) === '10.0.0.6');
    assert.equal(beacon.stats.activities, 6, 'the day holds 6 check-ins');
    assert.equal(beacon.scores['days'], 5);
    assert.ok(beacon.score >= ALERT, `slow beacon ${beacon.score} ${JSON.stringify(beacon.scores)}`);
    if (random) assert.ok(random.score < 0.5, `random over 5 days ${random.score}`);
    // the day alone would not be enough evidence
    const day = await scores(series(events.filter((e) => e.src === '10.0.0.5' && e.ts > END - 86400).map((e) => e.ts)));
    assert.ok(day.stats < beacon.score, `day alone ${day.stats} vs 5 days ${beacon.score}`);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a 6-hour beacon seen 8 times over 3 days (host away in between) alerts; 8 random events over 3 days do not', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-slow6-'));
  const store = Store.open(join(dir, 'slow.sqlite'));
  try {
    const r = mulberry32(6);
    const ev = (src: string, ts: number): PairEvent => ({
      source: 'ssl',
      src,
      dst: 'sync-cloud.example',
      variant: null,
      direction: 'outbound',
      ts,
      bytes: 900,
      port: 443,
      proto: 'tcp',
      service: 'ssl',
    });
    const events: PairEvent[] = [];
    // 12 slots of a ±3 % 6-hour timer over 3 days; the host is away for 4 of them (the timer runs on)
    const away = new Set([3, 4, 8, 9]);
    let t = END - 3 * 86400 + 2000;
    for (let k = 0; k < 12; k++, t += 21600 * (0.97 + 0.06 * r())) if (!away.has(k)) events.push(ev('10.0.0.7', t));
    assert.equal(events.length, 8);
    const randoms = ['10.0.0.8', '10.0.0.9', '10.0.0.10', '10.0.0.11', '10.0.0.12'];
    randoms.forEach((src, i) => {
      for (const u of randomTimes(40 + i, 8, 3 * 86400)) events.push(ev(src, u));
    });
    events.sort((a, b) => a.ts - b.ts);
    commitEvents(
      store.ingest,
      { fingerprint: 'slow6', kind: 'ssl', path: 'slow6', offset: 1, lines: events.length, events: events.length, complete: false },
      events,
    );
    const { results } = await rescore(store, { now: END, windowS: 86400, gapS: 1, scorers: [statsScorer] });
    const bySrc = new Map(store.pairs.listPairs({ since: 0, minEvents: 1 }).map((p) => [p.id, p.src]));
    const beacon = results.find((x) => bySrc.get(x.pairId) === '10.0.0.7')!;
    assert.equal(beacon.scores['days'], 3, 'scored on the stored days');
    assert.ok(beacon.score >= ALERT, `slow beacon ${beacon.score} ${JSON.stringify(beacon.scores)}`);
    for (const x of results.filter((x) => randoms.includes(bySrc.get(x.pairId)!)))
      assert.ok(x.score < ALERT, `random ${bySrc.get(x.pairId)}: ${x.score} ${JSON.stringify(x.scores)}`);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
