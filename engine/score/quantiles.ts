// Small order statistics on sorted arrays. Medians average the two middle values.

export function median(sorted: ArrayLike<number>, from = 0, to = sorted.length): number {
  const n = to - from;
  if (n <= 0) return NaN;
  const mid = from + (n >> 1);
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Quartiles as Tukey's hinges without the median element (the convention of the Go `stats`
 * package RITA uses): Q1 = median of the lower half, Q3 = median of the upper half.
 */
export function quartiles(sorted: ArrayLike<number>): { q1: number; q2: number; q3: number } {
  const n = sorted.length;
  const half = n >> 1;
  const upperFrom = n % 2 === 1 ? half + 1 : half;
  return { q1: median(sorted, 0, half), q2: median(sorted, 0, n), q3: median(sorted, upperFrom, n) };
}

/**
 * Median absolute deviation around the median. The deviations of a sorted array are two sorted
 * runs (falling left of the median, rising right of it), so their median is found by merging
 * the runs up to the middle, without sorting: the same values, in linear time.
 */
export function medianAbsoluteDeviation(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const m = median(sorted);
  // NaN sorts last in a typed array: keep the plain definition for such input
  if (Number.isNaN(sorted[n - 1]!) || Number.isNaN(m)) return madBySorting(sorted, m);
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < m) lo = mid + 1;
    else hi = mid;
  }
  let l = lo - 1;
  let r = lo;
  let prev = NaN;
  let cur = NaN;
  for (let rank = 0; rank <= n >> 1; rank++) {
    prev = cur;
    if (r >= n || (l >= 0 && Math.abs(sorted[l]! - m) <= Math.abs(sorted[r]! - m))) cur = Math.abs(sorted[l--]! - m);
    else cur = Math.abs(sorted[r++]! - m);
  }
  return n % 2 === 1 ? cur : (prev + cur) / 2;
}

function madBySorting(sorted: ArrayLike<number>, m: number): number {
  const dev = new Float64Array(sorted.length);
  for (let i = 0; i < dev.length; i++) dev[i] = Math.abs(sorted[i]! - m);
  dev.sort();
  return median(dev);
}

export function sortedCopy(values: ArrayLike<number>): Float64Array {
  const a = new Float64Array(values.length);
  for (let i = 0; i < a.length; i++) a[i] = values[i]!;
  a.sort();
  return a;
}

/** The q-quantile (0..1) of sorted values, interpolated between the two nearest ranks. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = Math.min(1, Math.max(0, q)) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * The k-th smallest value (0-based) of `a`, reordering `a` in place: Hoare's selection, linear
 * on average where a sort is n log n. The same value a sort would put at `k` (finite input).
 */
export function selectInPlace(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const x = a[lo]!;
    const y = a[(lo + hi) >> 1]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/** The median (two middle values averaged) by selection, reordering `a` in place. */
export function medianInPlace(a: Float64Array): number {
  const n = a.length;
  if (n === 0) return NaN;
  const upper = selectInPlace(a, n >> 1);
  if (n % 2 === 1) return upper;
  // after the selection nothing left of n/2 exceeds `upper`: the lower middle is their largest
  let lower = -Infinity;
  for (let i = 0; i < n >> 1; i++) if (a[i]! > lower) lower = a[i]!;
  return (lower + upper) / 2;
}
