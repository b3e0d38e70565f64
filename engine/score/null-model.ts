// Significance against random arrivals (BAYWATCH's idea, GUIDE §6): a statistic of a series is
// compared with its distribution under a Poisson process with the same number of activities.
// Given the count, Poisson arrivals in a span have exponential spacings up to one common scale,
// and every statistic used here is scale-free, so the null depends on the count alone.
// The null's mean and spread per count are precomputed (bench/null-table.ts writes
// null-table.ts: seeded, so deterministic), or simulated on first use and cached when a table
// lacks the statistic; the result is a z-score: how many null standard deviations the series
// sits on the "timer" side.

/** A scale-free statistic of the intervals where larger means "more timer-like". */
export type IntervalStatistic = (intervals: Float64Array) => number;

export interface NullMoments {
  mean: number;
  sd: number;
}

/** Precomputed moments by grid count: `[m, mean, sd][]`. */
export type NullTable = readonly (readonly [number, number, number])[];

/** Counts up to this are simulated exactly; above, the null sd shrinks like 1/sqrt(m). */
const EXACT_UP_TO = 64;
const LARGEST = 512;
const SIMULATIONS = 600;

/** The counts at which the null is tabulated (every count the lookups can ask for). */
export function gridPoints(): number[] {
  const out = new Set<number>();
  for (let m = 3; m <= LARGEST; m++) out.add(gridPoint(m));
  return [...out].sort((a, b) => a - b);
}

export class PoissonNull {
  private readonly cache = new Map<number, NullMoments>();
  constructor(
    private readonly statistic: IntervalStatistic,
    private readonly seed: number,
    table?: NullTable,
  ) {
    for (const [m, mean, sd] of table ?? []) this.cache.set(m, { mean, sd });
  }

  /** z-score of `value` computed on `m` intervals: (value − null mean) / null sd. */
  z(value: number, m: number): number {
    if (m < 3) return 0;
    const { mean, sd } = this.moments(m);
    return sd > 0 ? (value - mean) / sd : 0;
  }

  moments(m: number): NullMoments {
    const key = gridPoint(m);
    let got = this.cache.get(key);
    if (!got) {
      got = simulate(this.statistic, key, this.seed + key);
      this.cache.set(key, got);
    }
    if (m <= key) return got;
    // beyond the largest simulated count: the mean has converged, the sd shrinks like 1/sqrt(m)
    return { mean: got.mean, sd: got.sd * Math.sqrt(key / m) };
  }
}

/** Exact counts up to 64, then a geometric grid (≈ 12 % steps) up to 512. */
export function gridPoint(m: number): number {
  if (m <= EXACT_UP_TO) return m;
  if (m >= LARGEST) return LARGEST;
  const step = Math.round(Math.log(m / EXACT_UP_TO) / Math.log(1.12));
  return Math.min(LARGEST, Math.round(EXACT_UP_TO * 1.12 ** step));
}

export function simulate(statistic: IntervalStatistic, m: number, seed: number, simulations = SIMULATIONS): NullMoments {
  const rand = mulberry32(seed);
  const x = new Float64Array(m);
  let sum = 0;
  let sum2 = 0;
  for (let k = 0; k < simulations; k++) {
    for (let i = 0; i < m; i++) x[i] = -Math.log(1 - rand());
    const v = statistic(x);
    sum += v;
    sum2 += v * v;
  }
  const mean = sum / simulations;
  return { mean, sd: Math.sqrt(Math.max(0, sum2 / simulations - mean * mean)) };
}

/** Small seeded generator: the null must be the same on every run and machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
