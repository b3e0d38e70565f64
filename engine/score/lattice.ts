// A timer whose host sleeps or drops a few check-ins leaves gaps of whole periods: a 7 h implant
// on a phone away by day gives 7, 14, 7, 21.6, 6.9, 7.5 h. The MAD/median regularity test
// (timer-tests.ts) is robust to those gaps but learns nothing from them; yet under random
// arrivals two long gaps landing within 2 % of 2 and 3 periods is itself a 1-in-600 event.
// This statistic reads every interval against a lattice of whole periods: the period is the
// median of the intervals each divided by the periods it spans, and the spread is the 75th
// percentile of the intervals' distances to the nearest whole multiple (in periods), so one
// interval in four may be off the lattice (an extra connection, a retry) without hiding it.
import { median, medianInPlace, selectInPlace } from './quantiles.js';

/** Most whole periods one interval may span: a host asleep for a few check-ins, not a night of a fast timer. */
export const LATTICE_MAX_MULTIPLE = 4;

const nearestMultiple = (r: number) => Math.min(LATTICE_MAX_MULTIPLE, Math.max(1, Math.round(r)));

/**
 * 75th percentile of the intervals' distances to the nearest 1–4 whole periods, in periods
 * (0 = every interval on the lattice, at most 0.5; Infinity when the median interval is 0).
 * `sorted`, when given, holds the same intervals sorted ascending.
 */
export function latticeSpread(intervals: Float64Array, sorted?: Float64Array): number {
  const m = intervals.length;
  const first = sorted !== undefined ? median(sorted) : medianInPlace(Float64Array.from(intervals));
  if (!(first > 0) || m === 0) return Infinity;
  const perPeriod = new Float64Array(m);
  for (let i = 0; i < m; i++) perPeriod[i] = intervals[i]! / nearestMultiple(intervals[i]! / first);
  const period = medianInPlace(perPeriod);
  if (!(period > 0)) return Infinity;
  const distance = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const r = intervals[i]! / period;
    distance[i] = Math.min(0.5, Math.abs(r - nearestMultiple(r)));
  }
  return selectInPlace(distance, Math.min(m - 1, Math.floor(0.75 * m)));
}
