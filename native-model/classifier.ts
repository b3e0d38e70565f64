// The app's entry point to the CNN (issue #3 contract). Series of any length are cut into
// 100-interval windows (features.ts), windows from all series are batched together, and each
// series gets the aggregate of its windows (aggregateWindows below).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { selectBackend, type BackendName } from './backend.js';
import { CHANNELS, encodeWindow, MIN_ACTIVITIES, WINDOW, windowLength, windowStarts } from './features.js';
import { loadModelFromDir, MODEL_JSON } from './model-files.js';

export interface BeaconProbabilities {
  beacon: number;
  jitter: number;
}

export interface BeaconClassifier {
  readonly backend: 'tensorflow' | 'wasm' | 'cpu';
  /** one entry per series: activity start times in epoch seconds, ascending (already grouped: events <1 s apart are one activity). Fewer than 4 times → {beacon: 0, jitter: 0}. */
  classify(series: readonly Float64Array[]): Promise<BeaconProbabilities[]>;
  dispose(): void;
}

export interface LoadOptions {
  modelDir?: string;
  log?: (line: string) => void;
  /** try @tensorflow/tfjs-node first (default true) */
  preferNative?: boolean;
}

/**
 * Windows per predict call: large enough to amortise per-call overhead, small enough (~20 ms on
 * wasm) that classify() can yield to the event loop between calls in a host process.
 */
const BATCH = 256;

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

/** native-model/model next to this file; from dist/native-model/, the source tree's copy. */
export function defaultModelDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'model'), path.join(here, '..', '..', 'native-model', 'model')];
  return candidates.find((d) => existsSync(path.join(d, MODEL_JSON))) ?? (candidates[0] as string);
}

export async function loadBeaconClassifier(opts: LoadOptions = {}): Promise<BeaconClassifier> {
  const log = opts.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const backend: BackendName = await selectBackend({ log, preferNative: opts.preferNative ?? true });
  const model = await loadModelFromDir(opts.modelDir ?? defaultModelDir());
  let disposed = false;

  const predict = (x: Float32Array, count: number, into: BeaconProbabilities[]) => {
    const [b, j] = tf.tidy(() => {
      const input = tf.tensor3d(x.subarray(0, count * WINDOW * CHANNELS), [count, WINDOW, CHANNELS]);
      const out = model.predict(input, { batchSize: BATCH }) as tf.Tensor[];
      return [out[0]!.dataSync(), out[1]!.dataSync()];
    });
    for (let k = 0; k < count; k++) into.push({ beacon: b![k]!, jitter: j![k]! });
  };

  return {
    backend,
    async classify(series) {
      if (disposed) throw new Error('BeaconClassifier used after dispose()');
      const owner: number[] = []; // window → series index
      const windows: BeaconProbabilities[] = [];
      const x = new Float32Array(BATCH * WINDOW * CHANNELS);
      let filled = 0;
      for (let s = 0; s < series.length; s++) {
        const times = series[s]!;
        if (times.length < MIN_ACTIVITIES) continue;
        for (const first of windowStarts(times.length)) {
          if (filled === 0) x.fill(0); // padding must be zeros
          encodeWindow(times, first, windowLength(times.length, first), x, filled * WINDOW * CHANNELS);
          owner.push(s);
          if (++filled === BATCH) {
            predict(x, filled, windows);
            filled = 0;
            await new Promise<void>((r) => setImmediate(r));
          }
        }
      }
      if (filled > 0) predict(x, filled, windows);
      const perSeries: BeaconProbabilities[][] = series.map(() => []);
      windows.forEach((w, i) => perSeries[owner[i]!]!.push(w));
      return perSeries.map(aggregateWindows);
    },
    dispose() {
      if (!disposed) model.dispose();
      disposed = true;
    },
  };
}
