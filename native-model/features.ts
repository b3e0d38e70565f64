// What the CNN sees: up to WINDOW intervals between activities, as CHANNELS numbers each.
// Shared by training, the classifier and the evaluation so all three encode identically.
//
// Channels per interval iv (seconds), with m = median interval of the window:
//   0: ln(iv / m) / 2.5, clipped to ±2  — shape of the spread, independent of the period
//   1: iv / m − 1, clipped to [−1, 3]   — linear near 1, so small jitter is resolvable
//   2: log10(iv) / 5, clipped           — absolute scale (latency matters at short periods)
//   3: 1                                 — mask: real interval
// Padding rule: windows shorter than WINDOW are left-aligned; the tail is all zeros, mask 0.

export const WINDOW = 100;
export const CHANNELS = 4;
/** Below this many activities (3 intervals) nothing is scored: {beacon: 0, jitter: 0}. */
export const MIN_ACTIVITIES = 4;
/** Windows overlap by half so a beacon that starts mid-window is seen whole in the next one. */
export const STRIDE = 50;
/** Very long series (a 5 s beacon has 17,280 activities a day) get evenly spread windows. */
export const MAX_WINDOWS = 24;

const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);

/** Start indices (into the activities) of the windows that cover a series of n activities. */
export function windowStarts(nActivities: number): number[] {
  const intervals = nActivities - 1;
  if (intervals <= WINDOW) return [0];
  const last = intervals - WINDOW;
  const stride = Math.max(STRIDE, Math.ceil(last / (MAX_WINDOWS - 1)));
  const starts: number[] = [];
  for (let s = 0; s < last; s += stride) starts.push(s);
  starts.push(last);
  return starts;
}

const scratch = new Float64Array(WINDOW);

/**
 * Encode the intervals between times[first] … times[first + n] (n ≤ WINDOW intervals) into
 * out[offset … offset + WINDOW·CHANNELS). The caller zero-fills `out` (padding).
 */
export function encodeWindow(times: ArrayLike<number>, first: number, n: number, out: Float32Array, offset: number): void {
  const count = Math.min(n, WINDOW);
  for (let i = 0; i < count; i++) {
    // clock skew or ungrouped input can give 0 or negative gaps; floor at 0.1 s
    scratch[i] = Math.max(0.1, (times[first + i + 1] as number) - (times[first + i] as number));
  }
  const sorted = scratch.slice(0, count).sort();
  const median = count % 2 === 1 ? (sorted[(count - 1) >> 1] as number) : ((sorted[count / 2 - 1] as number) + (sorted[count / 2] as number)) / 2;
  for (let i = 0; i < count; i++) {
    const iv = scratch[i] as number;
    const r = iv / median;
    const o = offset + i * CHANNELS;
    out[o] = clamp(Math.log(r), -5, 5) / 2.5;
    out[o + 1] = clamp(r - 1, -1, 3);
    out[o + 2] = clamp(Math.log10(iv) / 5, -0.2, 1.2);
    out[o + 3] = 1;
  }
}

// encodeWindows' per-series scratch: each interval (floored) and its absolute-scale channel,
// by interval index, computed once for the windows that share it
let seriesIv = new Float64Array(1024);
let seriesScale = new Float64Array(1024);
const sortScratch = new Float64Array(WINDOW);

/**
 * encodeWindow for each window of windowStarts(times.length), one after the other from
 * out[offset]: the same numbers, but an interval that two overlapping windows share is worked
 * out (difference, floor, log10) once. Returns the number of windows written.
 */
export function encodeWindows(times: ArrayLike<number>, out: Float32Array, offset: number): number {
  const nActivities = times.length;
  const starts = windowStarts(nActivities);
  if (seriesIv.length < nActivities) {
    seriesIv = new Float64Array(Math.max(nActivities, seriesIv.length * 2));
    seriesScale = new Float64Array(seriesIv.length);
  }
  const iv = seriesIv;
  const scale = seriesScale;
  let done = 0; // intervals [0, done) of the windows so far are in iv/scale (starts ascend)
  for (let w = 0; w < starts.length; w++) {
    const first = starts[w]!;
    const count = Math.min(windowLength(nActivities, first), WINDOW);
    const end = first + count;
    for (let i = Math.max(first, done); i < end; i++) {
      // clock skew or ungrouped input can give 0 or negative gaps; floor at 0.1 s
      const v = Math.max(0.1, (times[i + 1] as number) - (times[i] as number));
      iv[i] = v;
      scale[i] = clamp(Math.log10(v) / 5, -0.2, 1.2);
    }
    if (end > done) done = end;
    sortScratch.set(iv.subarray(first, end));
    const sorted = sortScratch.subarray(0, count).sort();
    const median = count % 2 === 1 ? (sorted[(count - 1) >> 1] as number) : ((sorted[count / 2 - 1] as number) + (sorted[count / 2] as number)) / 2;
    const base = offset + w * WINDOW * CHANNELS;
    for (let i = 0; i < count; i++) {
      const v = iv[first + i] as number;
      const r = v / median;
      const o = base + i * CHANNELS;
      out[o] = clamp(Math.log(r), -5, 5) / 2.5;
      out[o + 1] = clamp(r - 1, -1, 3);
      out[o + 2] = scale[first + i] as number;
      out[o + 3] = 1;
    }
  }
  return starts.length;
}

/** Number of intervals in the window that starts at `first`. */
export function windowLength(nActivities: number, first: number): number {
  return Math.min(WINDOW, nActivities - 1 - first);
}
