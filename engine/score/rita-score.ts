// A re-implementation of RITA v5's documented beacon score (GUIDE §2), the statistical baseline:
// the mean of four parts in [0, 1] — timestamp regularity, data-size regularity, an hourly
// histogram score and a duration score. Pure functions over plain arrays.
import { medianAbsoluteDeviation, median, quartiles, sortedCopy } from './quantiles.js';
import { MIN_ACTIVITIES } from '../contract/thresholds.js';

export interface RitaParts {
  ts: number;
  ds: number;
  hist: number;
  dur: number;
  score: number;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Bowley skewness score: 1 − |skew|, skew forced to 0 when Q3 − Q1 < 10 or the median is on a quartile. */
export function bowleyScore(sorted: ArrayLike<number>): number {
  if (sorted.length < 3) return 0;
  const { q1, q2, q3 } = quartiles(sorted);
  const den = q3 - q1;
  const skew = den >= 10 && q2 !== q1 && q2 !== q3 ? (q1 + q3 - 2 * q2) / den : 0;
  return 1 - Math.abs(skew);
}

/** (median − MAD) / median, or `fallback` when the median is below 1. */
export function madScore(sorted: ArrayLike<number>, fallback: number): number {
  const m = median(sorted);
  let s = m >= 1 ? (m - medianAbsoluteDeviation(sorted)) / m : fallback;
  if (!(s >= 0)) s = 0;
  return s;
}

/** Mean of the skew and MAD scores, rounded like RITA. */
export function regularityScore(values: ArrayLike<number>, madFallback: number): number {
  return regularityScoreOfSorted(sortedCopy(values), madFallback);
}

function regularityScoreOfSorted(sorted: ArrayLike<number>, madFallback: number): number {
  return round3((bowleyScore(sorted) + madScore(sorted, madFallback)) / 2);
}

/** Timestamp score over intervals (zero intervals removed, as RITA uses unique timestamps). */
export function timestampScore(intervals: ArrayLike<number>): number {
  const nonZero = new Float64Array(intervals.length);
  let n = 0;
  for (let i = 0; i < intervals.length; i++) if (intervals[i]! > 0) nonZero[n++] = intervals[i]!;
  if (n < 3) return 0;
  return regularityScore(nonZero.subarray(0, n), 1);
}

/**
 * timestampScore of the intervals, given them sorted ascending: the intervals above zero are one
 * run of the sorted array (zeros and negatives before it, NaN after it), already in order.
 */
export function timestampScoreOfSorted(sorted: Float64Array): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi && !(sorted[lo]! > 0)) lo++;
  while (hi > lo && !(sorted[hi - 1]! > 0)) hi--;
  if (hi - lo < 3) return 0;
  return regularityScoreOfSorted(sorted.subarray(lo, hi), 1);
}

export function dataSizeScore(bytes: ArrayLike<number>): number {
  if (bytes.length < 3) return 0;
  return regularityScore(bytes, 0);
}

/** Connections per bin over [start, end] split into `bins` equal bins. */
export function histogram(times: ArrayLike<number>, start: number, end: number, bins = 24): number[] {
  const h = new Array<number>(bins).fill(0);
  const step = (end - start) / bins;
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    if (t < start || t > end) continue;
    h[Math.min(bins - 1, Math.floor((t - start) / step))]!++;
  }
  return h;
}

/** max(1 − CV of the bins, bimodal fit): flat hourly activity, or two or three flat levels. */
export function histogramScore(hist: readonly number[], modeSensitivity = 0.05, outlierBars = 1, minBimodalBars = 11): number {
  const total = hist.reduce((a, b) => a + b, 0);
  if (total <= 0) return 0;
  const mean = total / hist.length;
  const sd = Math.sqrt(hist.reduce((a, b) => a + (b - mean) ** 2, 0) / hist.length);
  const cv = sd / mean;
  const cvScore = cv > 1 ? 0 : round3(1 - cv);

  const bars = hist.filter((x) => x > 0);
  let bimodal = 0;
  if (bars.length >= minBimodalBars) {
    const binSize = Math.max(1, Math.ceil(Math.max(...hist) * modeSensitivity));
    const freq = new Map<number, number>();
    for (const b of bars) {
      const key = Math.floor(b / binSize) * binSize;
      freq.set(key, (freq.get(key) ?? 0) + 1);
    }
    const top = [...freq.values()].sort((a, b) => b - a);
    bimodal = Math.min(1, round3(((top[0] ?? 0) + (top[1] ?? 0)) / Math.max(bars.length - outlierBars, 1)));
  }
  return Math.max(cvScore, bimodal);
}

/** Longest run of non-empty bins, wrapping from the end of the window to its start. */
export function longestRun(hist: readonly number[]): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < hist.length * 2; i++) {
    if (hist[i % hist.length]! > 0) run++;
    else {
      best = Math.max(best, run);
      run = 0;
    }
  }
  return Math.min(hist.length, Math.max(best, run));
}

/** max(coverage of the window, longest busy run ÷ 12 h), once at least 6 bins are busy. */
export function durationScore(hist: readonly number[], first: number, last: number, start: number, end: number, minBars = 6, idealRun = 12): number {
  const bars = hist.filter((x) => x > 0).length;
  if (bars < minBars || end <= start) return 0;
  const coverage = Math.min(1, Math.ceil(((last - first) / (end - start)) * 1000) / 1000);
  const consistency = Math.min(1, Math.ceil((longestRun(hist) / idealRun) * 1000) / 1000);
  return Math.max(coverage, consistency);
}

/**
 * RITA's beacon score for one series of connection times (ascending) and their byte counts.
 * `sortedIntervals`, when given, are the intervals between `times` sorted ascending (saves a sort).
 */
export function ritaScore(times: ArrayLike<number>, bytes: ArrayLike<number>, start: number, end: number, sortedIntervals?: Float64Array): RitaParts {
  const n = times.length;
  if (n < MIN_ACTIVITIES) return { ts: 0, ds: 0, hist: 0, dur: 0, score: 0 };
  let ts: number;
  if (sortedIntervals !== undefined) {
    ts = timestampScoreOfSorted(sortedIntervals);
  } else {
    const intervals = new Float64Array(n - 1);
    for (let i = 1; i < n; i++) intervals[i - 1] = times[i]! - times[i - 1]!;
    ts = timestampScore(intervals);
  }
  const ds = dataSizeScore(bytes);
  const hist = histogram(times, start, end);
  const hs = histogramScore(hist);
  const dur = durationScore(hist, times[0]!, times[n - 1]!, start, end);
  return { ts, ds, hist: hs, dur, score: round3((ts + ds + hs + dur) / 4) };
}
