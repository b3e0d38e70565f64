// Tests of "is this series driven by a timer?", each against random arrivals with the same
// number of activities (null-model.ts, tail-null.ts), so a handful of check-ins cannot look
// periodic by chance and more check-ins of the same regularity give more evidence:
// - regularity: the intervals' MAD / median (the jitter ratio people read) is far below what
//   Poisson arrivals give (≈ 0.69). MAD rather than IQR so that missed check-ins (a minority of
//   2× intervals) do not hide a fixed period. Two readings of it:
//   · regularityZ, (value − mean) / sd of −MAD/median: grows like √(activities) for a given
//     spread, the large-sample measure that orders long series by their check-ins; but the
//     ratio is bounded by 0, so this z can never exceed the null's mean/sd (2.7 at 7
//     activities, 3.8 at 13) however precise the check-ins;
//   · regularityTailZ, the tail probability of −ln(MAD/median) under random arrivals as a
//     normal quantile: honest where a few tight check-ins sit far out in the null's tail
//     (seven within ±5 % over three days: 1 chance in 1,000, z 3.1 instead of 2.5), taken
//     together with the same tail test of the lattice spread (lattice.ts), which also reads the
//     gaps of whole periods a sleeping host leaves: the stronger of the two, Bonferroni-corrected;
// - back-off: intervals that grow by a constant factor to a cap and then reset (Sliver sessions),
//   found as the share of interval-to-interval steps a geometric ladder explains.
import { median, medianAbsoluteDeviation } from './quantiles.js';
import { PoissonNull } from './null-model.js';
import { BACKOFF_NULL, LATTICE_TAIL, REGULARITY_NULL, REGULARITY_TAIL } from './null-table.js';
import { latticeSpread } from './lattice.js';
import { strongerOfTwo, TailNull } from './tail-null.js';

export interface TimerTests {
  /** MAD / median of the intervals (0 = perfectly regular) */
  jitter: number;
  /**
   * (value − mean) / sd of −MAD/median under random arrivals: grows like √(activities) for a
   * given spread, so among long series more check-ins rank higher; bounded for few activities
   */
  regularityZ: number;
  /**
   * the tail probability under random arrivals, as a normal quantile (tail-null.ts), of
   * −ln(MAD/median) or of −ln(lattice spread), whichever is rarer, doubled for trying both
   */
  regularityTailZ: number;
  /** share of steps a back-off ladder explains, 0 when there is no ladder */
  backoff: number;
  /** z of the back-off share against random arrivals */
  backoffZ: number;
}

/**
 * MAD / median of the intervals (0 = perfectly regular; random arrivals ≈ 0.69). `sorted`, when
 * given, holds the same intervals sorted ascending (saves the sorts).
 */
export function relativeSpread(intervals: Float64Array, sorted?: Float64Array): number {
  if (sorted !== undefined) {
    const m = median(sorted);
    if (!(m > 0)) return Infinity;
    // the deviations' median by merging (the same values as sorting them; finite input only)
    if (sorted.length > 0 && Number.isFinite(sorted[sorted.length - 1]!)) return medianAbsoluteDeviation(sorted) / m;
  } else {
    sorted = Float64Array.from(intervals).sort();
  }
  const m = median(sorted);
  if (!(m > 0)) return Infinity;
  const dev = new Float64Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) dev[i] = Math.abs(sorted[i]! - m);
  dev.sort();
  return median(dev) / m;
}

/**
 * Below 1 % of the period, a tighter spread is the sensor's clock and the network's latency,
 * not more evidence of a timer: the statistic stops there.
 */
export const SPREAD_FLOOR = 0.01;

/** −MAD/median: larger is more regular, bounded by 0. */
export function spreadStatistic(intervals: Float64Array): number {
  return fromSpread.bounded(relativeSpread(intervals));
}

/** −ln(MAD/median), floored at SPREAD_FLOOR: larger is more regular. */
export function regularityStatistic(intervals: Float64Array): number {
  return fromSpread.log(relativeSpread(intervals));
}

/** −ln(lattice spread), floored at SPREAD_FLOOR: larger is more regular. */
export function latticeStatistic(intervals: Float64Array): number {
  return fromSpread.log(latticeSpread(intervals));
}

/** Both statistics from one MAD/median (Infinity when the median interval is 0). */
const fromSpread = {
  bounded: (spread: number) => (Number.isFinite(spread) ? -spread : -1),
  log: (spread: number) => (Number.isFinite(spread) ? -Math.log(Math.max(SPREAD_FLOOR, spread)) : -Math.log(10)),
};

/** Growth factors tried: back-off multiplies by 1.5–3 (Sliver doubles). */
const GROWTH = [1.5, 1.6, 1.75, 1.9, 2, 2.2, 2.5, 3].map(Math.log);
/** Tolerance in log space: ±25 % at most, and less than half a rung so jitter is not a ladder. */
const tolerance = (g: number) => Math.min(0.25, g / 2.5);

/**
 * Share of consecutive-interval steps explained by a ladder base · f^k ≤ cap: a step grows by f
 * within a run of at least two growth steps (one lucky ×1.6 between jittered intervals is not a
 * ladder), holds at the cap, or resets to the base from higher up. The base and cap are the 10th
 * and 90th percentiles of the log intervals; a ladder needs at least two rungs above the base,
 * otherwise the share is 0 (a fixed period is the regularity test's job).
 */
export function backoffStatistic(intervals: Float64Array, sortedIntervals?: Float64Array): number {
  const m = intervals.length;
  if (m < 4) return 0;
  const logs = new Float64Array(m);
  for (let i = 0; i < m; i++) logs[i] = Math.log(Math.max(intervals[i]!, 1e-3));
  let base: number;
  let cap: number;
  if (sortedIntervals !== undefined) {
    // log(max(x, 1e-3)) never decreases with x: the sorted logs are the logs of the sorted intervals
    base = Math.log(Math.max(sortedIntervals[Math.floor(0.1 * (m - 1))]!, 1e-3));
    cap = Math.log(Math.max(sortedIntervals[Math.ceil(0.9 * (m - 1))]!, 1e-3));
  } else {
    const sorted = Float64Array.from(logs).sort();
    base = sorted[Math.floor(0.1 * (m - 1))]!;
    cap = sorted[Math.ceil(0.9 * (m - 1))]!;
  }
  const grows = new Uint8Array(m);
  let best = 0;
  for (const g of GROWTH) {
    const tol = tolerance(g);
    if (cap - base < 2 * g - tol) continue;
    for (let i = 1; i < m; i++) grows[i] = Math.abs(logs[i]! - logs[i - 1]! - g) < tol ? 1 : 0;
    let growth = 0;
    let explained = 0;
    for (let i = 1; i < m; i++) {
      const prev = logs[i - 1]!;
      const cur = logs[i]!;
      if (grows[i] && (grows[i - 1] || (i + 1 < m && grows[i + 1]))) {
        growth++;
        explained++;
      } else if (Math.abs(cur - cap) < tol && Math.abs(prev - cap) < tol) explained++;
      else if (Math.abs(cur - base) < tol && prev > base + g - tol) explained++;
    }
    if (growth >= 2) best = Math.max(best, explained / (m - 1));
  }
  return best;
}

export const REGULARITY_SEED = 0x5eed;
export const BACKOFF_SEED = 0xb0ff;
export const LATTICE_SEED = 0x1a77;
const spreadNull = new PoissonNull(spreadStatistic, REGULARITY_SEED, REGULARITY_NULL);
const regularityNull = new TailNull(regularityStatistic, REGULARITY_SEED, REGULARITY_TAIL);
const backoffNull = new PoissonNull(backoffStatistic, BACKOFF_SEED, BACKOFF_NULL);
const latticeNull = new TailNull(latticeStatistic, LATTICE_SEED, LATTICE_TAIL);

/** `sorted`, when given, holds the same intervals sorted ascending (saves the sorts). */
export function timerTests(intervals: Float64Array, sorted?: Float64Array): TimerTests {
  const m = intervals.length;
  if (m < 3) return { jitter: 1, regularityZ: 0, regularityTailZ: 0, backoff: 0, backoffZ: 0 };
  const spread = relativeSpread(intervals, sorted);
  const lattice = latticeSpread(intervals, sorted);
  const madZ = regularityNull.z(fromSpread.log(spread), m);
  const latticeZ = latticeNull.z(fromSpread.log(lattice), m);
  const bo = backoffStatistic(intervals, sorted);
  return {
    jitter: Number.isFinite(spread) ? spread : 1,
    regularityZ: spreadNull.z(fromSpread.bounded(spread), m),
    regularityTailZ: strongerOfTwo(madZ, latticeZ),
    backoff: bo,
    backoffZ: bo > 0 ? backoffNull.z(bo, m) : 0,
  };
}
