// From raw events to activities: events closer than the gap (default 1 s) are one check-in —
// several connections per check-in otherwise show up as a peak of zero intervals (the talk's
// Q&A). Then the statistics a person reads: period, spread, jitter ratio, coverage.
import type { ActivitySeries, SeriesStats } from '../contract/types.js';
import { median, medianAbsoluteDeviation, medianInPlace, quantile } from './quantiles.js';

/** Group ascending event times into activities: a gap of at least `gapS` starts a new one. */
export function toActivities(ts: ArrayLike<number>, bytes: ArrayLike<number>, gapS: number, windowStart: number, windowEnd: number): ActivitySeries {
  const times = new Float64Array(ts.length);
  const sums = new Float64Array(ts.length);
  const counts = new Uint32Array(ts.length);
  let n = 0;
  let last = -Infinity;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    if (t < windowStart || t > windowEnd) continue;
    if (n > 0 && t - last < gapS) {
      sums[n - 1]! += bytes[i] ?? 0;
      counts[n - 1]!++;
    } else {
      times[n] = t;
      sums[n] = bytes[i] ?? 0;
      counts[n++] = 1;
    }
    last = t;
  }
  // copies of the used part: a series may be kept, and must not hold the whole buffer
  return { times: times.slice(0, n), bytes: sums.slice(0, n), counts: counts.slice(0, n), windowStart, windowEnd };
}

export function intervalsOf(times: ArrayLike<number>): Float64Array {
  const out = new Float64Array(Math.max(0, times.length - 1));
  for (let i = 1; i < times.length; i++) out[i - 1] = times[i]! - times[i - 1]!;
  return out;
}

/**
 * The intervals between `times`, sorted ascending: what the stats people read and the
 * statistical scorer both start from, so each series' intervals are sorted once (remembered
 * per `times` array while it lives). Read-only for callers.
 */
export function sortedIntervalsOf(times: Float64Array): Float64Array {
  let sorted = sortedIntervals.get(times);
  if (sorted === undefined) {
    sorted = intervalsOf(times).sort();
    sortedIntervals.set(times, sorted);
  }
  return sorted;
}
const sortedIntervals = new WeakMap<Float64Array, Float64Array>();

export function seriesStats(series: ActivitySeries, events: number): SeriesStats {
  const n = series.times.length;
  const first = n > 0 ? series.times[0]! : NaN;
  const last = n > 0 ? series.times[n - 1]! : NaN;
  const span = series.windowEnd - series.windowStart;
  const base: SeriesStats = {
    events,
    activities: n,
    periodS: null,
    spreadS: null,
    jitterRatio: null,
    intervalP10S: null,
    intervalP90S: null,
    coverage: n > 1 && span > 0 ? Math.min(1, (last - first) / span) : 0,
    firstSeen: first,
    lastSeen: last,
    // the typical size of one check-in (the CSV's and the overview's bytes column)
    bytesP50: n > 0 ? medianInPlace(series.bytes.slice()) : null,
  };
  if (n < 2) return base;
  const sorted = sortedIntervalsOf(series.times);
  const period = median(sorted);
  const spread = medianAbsoluteDeviation(sorted);
  return {
    ...base,
    periodS: period,
    spreadS: spread,
    jitterRatio: period > 0 ? spread / period : null,
    intervalP10S: quantile(sorted, 0.1),
    intervalP90S: quantile(sorted, 0.9),
  };
}
