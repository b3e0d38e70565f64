// A significance test against random arrivals that reads the null's tail, not its mean and sd.
// A z-score (value − mean) / sd treats the null as Gaussian; for a statistic near its bound with
// few intervals that is far off: seven check-ins within ±5 % over three days happen under random
// arrivals about once in ten thousand tries, yet sat 2.5 null sds out. Here the null's upper
// quantiles per count are simulated (bench/null-table.ts writes them into null-table.ts), the
// observed value's tail probability p is read off them — and past the last simulated quantile
// extrapolated along the tail's own exponential slope, as the probability of a series this
// tight falls like a power of its spread — and reported as the normal quantile of 1 − p: a z
// that means what a z-score says, "as rare under random arrivals as z sds of a Gaussian".
import { gridPoint, mulberry32, type IntervalStatistic } from './null-model.js';
import { quantile } from './quantiles.js';

/** Upper-tail probabilities whose quantiles are tabulated, from the bulk to the tail. */
export const TAIL_P = [0.99, 0.9, 0.75, 0.5, 0.25, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001] as const;

/** Quantiles by grid count: `[m, q(TAIL_P[0]), q(TAIL_P[1]), …][]`, non-decreasing. */
export type TailTable = readonly (readonly number[])[];

export class TailNull {
  private readonly cache = new Map<number, readonly number[]>();
  constructor(
    private readonly statistic: IntervalStatistic,
    private readonly seed: number,
    table?: TailTable,
    private readonly simulations = 20000,
  ) {
    for (const [m, ...q] of table ?? []) this.cache.set(m!, q);
  }

  /** The tail probability of `value` on `m` intervals as a normal quantile: Φ⁻¹(1 − p). */
  z(value: number, m: number): number {
    if (m < 3) return 0;
    const key = gridPoint(m);
    const z = zFromLogTail(this.logTail(value, this.quantiles(key)));
    // beyond the largest simulated count the null narrows like 1/√m around its centre
    return m > key ? z * Math.sqrt(m / key) : z;
  }

  quantiles(key: number): readonly number[] {
    let q = this.cache.get(key);
    if (!q) {
      q = simulateTail(this.statistic, key, this.seed + key, this.simulations);
      this.cache.set(key, q);
    }
    return q;
  }

  /** ln P(statistic ≥ value) under the null, from the tabulated quantiles `q`. */
  private logTail(value: number, q: readonly number[]): number {
    const n = TAIL_P.length;
    if (value <= q[0]!) return Math.log(TAIL_P[0]);
    for (let i = 1; i < n; i++) {
      if (value > q[i]!) continue;
      // ln p is interpolated linearly in the statistic between two tabulated quantiles
      const span = q[i]! - q[i - 1]!;
      const f = span > 0 ? (value - q[i - 1]!) / span : 1;
      return Math.log(TAIL_P[i - 1]!) + f * (Math.log(TAIL_P[i]!) - Math.log(TAIL_P[i - 1]!));
    }
    // past the last quantile: the tail's exponential slope over its last decade (0.01 → 0.001)
    const j = TAIL_P.indexOf(0.01);
    const gap = q[n - 1]! - q[j]!;
    if (!(gap > 0)) return Math.log(TAIL_P[n - 1]!);
    const slope = Math.log(TAIL_P[j]! / TAIL_P[n - 1]!) / gap;
    return Math.log(TAIL_P[n - 1]!) - slope * (value - q[n - 1]!);
  }
}

/** Tabulated quantiles of `statistic` on `m` exponential spacings (seeded). */
export function simulateTail(statistic: IntervalStatistic, m: number, seed: number, simulations: number): number[] {
  const rand = mulberry32(seed);
  const x = new Float64Array(m);
  const v = new Float64Array(simulations);
  for (let k = 0; k < simulations; k++) {
    for (let i = 0; i < m; i++) x[i] = -Math.log(1 - rand());
    v[k] = statistic(x);
  }
  v.sort();
  return TAIL_P.map((p) => quantile(v, 1 - p));
}

/**
 * The stronger of two tests of one series, still a z that means what it says: the smaller tail
 * probability doubled (Bonferroni), so trying two statistics cannot manufacture evidence. Like
 * the tables, it reads no further into the bulk than p = 0.99.
 */
export function strongerOfTwo(z1: number, z2: number): number {
  return zFromLogTail(Math.min(Math.log(TAIL_P[0]), Math.LN2 + logNormalTail(Math.max(z1, z2))));
}

/** ln P(Z ≥ z) for a standard normal Z: erfc by Numerical Recipes' Chebyshev fit (rel. error < 1.2e-7), in logs. */
export function logNormalTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const logHalfErfc = Math.log(t) - x * x + poly - Math.LN2;
  return z >= 0 ? logHalfErfc : Math.log1p(-Math.exp(logHalfErfc));
}

/** Φ⁻¹(1 − p) from ln p: Acklam's rational approximation, and the asymptotic series deep in the tail. */
export function zFromLogTail(logP: number): number {
  if (logP > -700) return -normalQuantile(Math.exp(logP));
  // p below what a double holds: Φ(−z) ≈ φ(z)/z, solved by a few fixed-point steps
  let z = Math.sqrt(-2 * logP);
  for (let k = 0; k < 4; k++) z = Math.sqrt(-2 * logP - Math.log(2 * Math.PI) - 2 * Math.log(z));
  return z;
}

/** Φ⁻¹(p) for 0 < p < 1 (Acklam; relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}
