// Labelled synthetic activity series for fitting and checking the final score's calibration
// (bench/fit-score.ts). Its own generator and seeds, apart from the CNN's training generator
// (native-model/generator.ts), so the calibration is not fitted on what the CNN memorised.
// Many short and mid-length negatives (random arrivals, human sessions, bursts, heavy tails,
// near-regular use-driven loops), and timers in the styles the issue names: fixed, jittered up
// to 80 %, partial day, missed check-ins, operator bursts, exponential back-off, slow (1–8 h)
// over several days, and short-lived ones with only a few check-ins.
import { createRng, type Rng } from '../native-model/rng.js';
import { toActivities } from '../engine/score/activities.js';
import type { ActivitySeries } from '../engine/contract/types.js';

export const DAY = 86400;
/** synthetic windows end here (epoch seconds, like real logs) */
export const END = 1_790_000_000;

export interface LabelledSeries {
  kind: string;
  label: 0 | 1;
  series: ActivitySeries;
}

type Maker = (r: Rng) => { times: number[]; days: number };

const latency = (r: Rng, period: number) => Math.min(r.logUniform(0.001, 2), 0.2 * period);

/** A timer: sleeps of `period` with jitter `j` in one of the frameworks' styles, from `from` to `to`. */
function timer(r: Rng, period: number, j: number, from: number, to: number, skip = 0): number[] {
  const style = r.int(0, 2);
  const lat = latency(r, period);
  const out: number[] = [];
  let t = from + r.uniform(0, period);
  while (t < to) {
    if (!r.bool(skip)) out.push(t + r.uniform(-lat, lat));
    const u = r.next();
    const sleep = style === 0 ? period * (1 - j * u) : style === 1 ? period * (1 + j * (2 * u - 1)) : period * (1 + j * u);
    t += Math.max(0.5, sleep);
  }
  return out;
}

const positives: Record<string, Maker> = {
  fixed: (r) => ({ times: timer(r, r.logUniform(10, 4 * 3600), 0, 0, DAY), days: 1 }),
  jittered: (r) => ({ times: timer(r, r.logUniform(10, 4 * 3600), r.uniform(0.05, 0.8), 0, DAY), days: 1 }),
  partial: (r) => {
    const len = r.uniform(0.1, 0.6) * DAY;
    const from = r.uniform(0, DAY - len);
    return { times: timer(r, r.logUniform(10, 3600), r.bool(0.5) ? 0 : r.uniform(0.05, 0.5), from, from + len), days: 1 };
  },
  misses: (r) => ({ times: timer(r, r.logUniform(10, 2 * 3600), r.bool(0.5) ? 0 : r.uniform(0.05, 0.4), 0, DAY, r.uniform(0.05, 0.3)), days: 1 }),
  bursty: (r) => {
    const times = timer(r, r.logUniform(30, 3600), r.bool(0.5) ? 0 : r.uniform(0.05, 0.4), 0, DAY);
    for (let b = r.int(1, 3); b > 0; b--) {
      let t = r.uniform(0, DAY);
      for (let k = r.int(5, 40); k > 0; k--) times.push((t += r.uniform(1, 15)));
    }
    return { times, days: 1 };
  },
  backoff: (r) => {
    // Sliver-like: from seconds to a cap of minutes to hours (base · f^rungs), so a day holds
    // from a few dozen check-ins (long caps) to thousands
    const base = r.logUniform(5, 120);
    const f = r.uniform(1.5, 2);
    const rungs = r.int(3, 8);
    const j = r.uniform(0, 0.2);
    const times: number[] = [];
    // a third run for part of the day only (a session that ends, a host that sleeps)
    const to = r.bool(1 / 3) ? r.uniform(0.2, 0.6) * DAY : DAY;
    let t = r.uniform(0, base);
    while (t < to) {
      const hold = r.int(0, 4);
      for (let k = 0; k <= rungs + hold && t < to; k++) {
        times.push(t);
        t += base * f ** Math.min(k, rungs) * (1 + r.uniform(-j, j));
      }
    }
    return { times, days: 1 };
  },
  slow: (r) => {
    const days = r.int(3, 7);
    return { times: timer(r, r.logUniform(3600, 8 * 3600), r.bool(0.5) ? 0 : r.uniform(0.05, 0.3), 0, days * DAY), days };
  },
  // a slow timer seen for a few days on a host that is away for part of each day (a phone at
  // work, a laptop asleep): the timer keeps running, so the gaps are whole multiples of the
  // period — as few as 6 check-ins over the stored days
  'slow sparse': (r) => {
    const days = r.int(2, 4);
    const times = timer(
      r,
      r.logUniform(2 * 3600, 8 * 3600),
      r.bool(0.5) ? r.uniform(0.01, 0.1) : r.uniform(0.1, 0.3),
      0,
      days * DAY,
      r.uniform(0, 0.2),
    );
    return { times: away(r, times, days), days };
  },
  short: (r) => {
    const period = r.logUniform(10, 3600);
    const n = r.int(4, 12);
    const from = r.uniform(0, DAY - n * period * 1.3);
    return { times: timer(r, period, r.bool(0.5) ? 0 : r.uniform(0.05, 0.3), from, from + n * period), days: 1 };
  },
};

/** Drops the events of a host that is away (or asleep) for one stretch of 6–16 h a day, on most days. */
function away(r: Rng, times: number[], days: number): number[] {
  const gone: [number, number][] = [];
  for (let d = 0; d < days; d++) {
    if (r.bool(0.2)) continue;
    const from = d * DAY + r.uniform(0, DAY);
    gone.push([from, from + r.uniform(6, 16) * 3600]);
  }
  return times.filter((t) => !gone.some(([a, b]) => t >= a && t < b));
}

/** Random arrivals over a span of `span` seconds starting anywhere in the day. */
function poisson(r: Rng, n: number, span: number): number[] {
  const from = r.uniform(0, DAY - span);
  return Array.from({ length: n }, () => from + r.uniform(0, span));
}

const negatives: Record<string, Maker> = {
  poisson: (r) => ({ times: poisson(r, Math.round(r.logUniform(4, 3000)), DAY), days: 1 }),
  'few random': (r) => ({ times: poisson(r, r.int(4, 12), r.logUniform(600, DAY)), days: 1 }),
  // what the multi-day path (engine/score/rescore.ts) sees of a pair with a few random events a
  // day: an app opened now and then, over 2–7 stored days, some only while the host is home
  'sparse random': (r) => {
    const days = r.int(2, 7);
    const n = Math.round(days * r.logUniform(1, 10));
    const times = Array.from({ length: n }, () => r.uniform(0, days * DAY));
    return { times: r.bool(0.5) ? away(r, times, days) : times, days };
  },
  'sparse daily': (r) => {
    // used at waking hours: a few sessions a day, each a handful of activities
    const days = r.int(2, 7);
    const times: number[] = [];
    for (let d = 0; d < days; d++)
      for (let k = r.int(0, 4); k > 0; k--) {
        let t = d * DAY + r.uniform(7, 23) * 3600;
        for (let e = r.int(1, 3); e > 0; e--) times.push((t += r.logUniform(2, 600)));
      }
    return { times, days };
  },
  'mid random': (r) => ({ times: poisson(r, r.int(12, 80), r.logUniform(3600, DAY)), days: 1 }),
  human: (r) => {
    const times: number[] = [];
    for (let s = r.int(1, 12); s > 0; s--) {
      let t = r.uniform(7 * 3600, 23 * 3600);
      for (let k = r.int(1, 30); k > 0; k--) times.push((t += Math.exp(Math.log(30) + 1.5 * r.normal())));
    }
    return { times, days: 1 };
  },
  heavy: (r) => {
    const med = r.logUniform(10, 3600);
    const sigma = r.uniform(1, 2.5);
    const times: number[] = [];
    for (let t = r.uniform(0, DAY / 2); t < DAY && times.length < 5000; t += med * Math.exp(sigma * r.normal())) times.push(t);
    return { times, days: 1 };
  },
  'near regular': (r) => {
    // a loop driven by use, not a timer: gamma gaps with CV 0.55–0.9 around a typical value
    const cv = r.uniform(0.55, 0.9);
    const shape = 1 / (cv * cv);
    const mean = r.logUniform(30, 3600);
    const times: number[] = [];
    const to = r.bool(0.5) ? DAY : r.uniform(0.1, 1) * DAY;
    for (let t = r.uniform(0, mean); t < to && times.length < 5000; t += (mean * r.gamma(shape)) / shape) times.push(t);
    return { times, days: 1 };
  },
  clusters: (r) => {
    const times: number[] = [];
    for (let c = r.int(2, 8); c > 0; c--) {
      const at = r.uniform(0, DAY);
      for (let k = r.int(2, 20); k > 0; k--) times.push(at + r.exponential(r.logUniform(30, 1800)));
    }
    return { times, days: 1 };
  },
  'one end': (r) => {
    const n = Math.round(r.logUniform(4, 500));
    const span = r.uniform(0.05, 0.3) * DAY;
    const from = r.bool(0.5) ? 0 : DAY - span;
    return { times: Array.from({ length: n }, () => from + span * r.next() ** r.uniform(1, 3)), days: 1 };
  },
};

export const POSITIVE_KINDS = Object.keys(positives);
export const NEGATIVE_KINDS = Object.keys(negatives);
/**
 * The prior: a home has many more pairs with a handful of random events than short-lived timers,
 * so short random series are drawn three times as often as each other negative kind (with the
 * 40/60 split that makes a 4–12-activity series a timer about 1 time in 8).
 */
const NEGATIVE_MIX = [...NEGATIVE_KINDS, 'few random', 'few random'];

/** `count` series from `seed`: 40 % timers (kinds in equal shares), 60 % negatives (NEGATIVE_MIX). */
export function makeSeries(seed: number, count: number): LabelledSeries[] {
  const r = createRng(seed);
  const out: LabelledSeries[] = [];
  while (out.length < count) {
    const label = r.bool(0.4) ? 1 : 0;
    const kinds = label ? positives : negatives;
    const kind = r.pick(label ? POSITIVE_KINDS : NEGATIVE_MIX);
    const made = kinds[kind]!(r);
    const windowStart = END - made.days * DAY;
    const times = made.times
      .map((t) => windowStart + t)
      .filter((t) => t >= windowStart && t <= END)
      .sort((a, b) => a - b);
    const series = toActivities(
      times,
      times.map(() => r.int(200, 2000)),
      1,
      windowStart,
      END,
    );
    if (series.times.length < 4) continue; // the engine does not score these
    out.push({ kind, label, series });
  }
  return out;
}
