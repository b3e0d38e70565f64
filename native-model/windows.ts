// Between series and the model: every window of a call's series encoded into one array (zero
// padding), which series each window belongs to, and each series' answer from its windows'
// probabilities. Free of TensorFlow.js: a caller whose model runs in a worker thread
// (classifier-thread.ts) encodes and aggregates on its own thread, the worker only predicts.
import { CHANNELS, encodeWindows, MIN_ACTIVITIES, WINDOW, windowStarts } from './features.js';

export interface BeaconProbabilities {
  beacon: number;
  jitter: number;
}

/** The windows of a call: `count` windows of WINDOW × CHANNELS values in `x`, window i of series owner[i]. */
export interface EncodedWindows {
  x: Float32Array;
  owner: Int32Array;
  count: number;
  /** series in the call (those with too few activities have no window) */
  series: number;
}

export function encodeSeries(series: readonly ArrayLike<number>[]): EncodedWindows {
  let count = 0;
  for (const times of series) if (times.length >= MIN_ACTIVITIES) count += windowStarts(times.length).length;
  const x = new Float32Array(count * WINDOW * CHANNELS); // zeros: the padding
  const owner = new Int32Array(count);
  let k = 0;
  for (let s = 0; s < series.length; s++) {
    const times = series[s]!;
    if (times.length < MIN_ACTIVITIES) continue;
    const windows = encodeWindows(times, x, k * WINDOW * CHANNELS);
    for (let w = 0; w < windows; w++) owner[k++] = s;
  }
  return { x, owner, count, series: series.length };
}

/** Each series' answer from its windows' probabilities (none: {beacon: 0, jitter: 0}). */
export function aggregateSeries(enc: EncodedWindows, beacon: ArrayLike<number>, jitter: ArrayLike<number>): BeaconProbabilities[] {
  const perSeries: BeaconProbabilities[][] = Array.from({ length: enc.series }, () => []);
  for (let i = 0; i < enc.count; i++) perSeries[enc.owner[i]!]!.push({ beacon: beacon[i]!, jitter: jitter[i]! });
  return perSeries.map(aggregateWindows);
}

/**
 * One series, several windows → one answer. beacon = mean of the two highest windows (the
 * highest alone when there is one): a beacon present for part of the day, e.g. only its last
 * third, still fills at least two overlapping windows, while one lucky window of a long random
 * series no longer decides (max over 24 windows tripled the false positives on busy pairs).
 * jitter = mean jitter of the windows within 0.1 of the best window.
 */
export function aggregateWindows(windows: readonly BeaconProbabilities[]): BeaconProbabilities {
  if (windows.length === 0) return { beacon: 0, jitter: 0 };
  let best = 0;
  let second = -1;
  for (const w of windows) {
    if (w.beacon > best) [best, second] = [w.beacon, best];
    else if (w.beacon > second) second = w.beacon;
  }
  const beacon = windows.length > 1 ? (best + second) / 2 : best;
  let sum = 0;
  let n = 0;
  for (const w of windows) {
    if (w.beacon >= best - 0.1) {
      sum += w.jitter;
      n++;
    }
  }
  return { beacon, jitter: n ? sum / n : 0 };
}
