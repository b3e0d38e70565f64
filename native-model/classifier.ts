// The app's entry point to the CNN (issue #3 contract). Series of any length are cut into
// 100-interval windows (features.ts), windows from all series are batched together, and each
// series gets the aggregate of its windows (windows.ts: encoding and aggregateWindows).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { selectBackend, type BackendName } from './backend.js';
import { CHANNELS, WINDOW } from './features.js';
import { aggregateSeries, encodeSeries } from './windows.js';
import { loadModelFromDir, MODEL_JSON } from './model-files.js';
import type { BeaconClassifier } from '../engine/contract/types.js';

export { aggregateWindows, type BeaconProbabilities } from './windows.js';

/** the engine's interface (engine/contract/types.ts), the one both rooms use */
export type { BeaconClassifier };

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

/** native-model/model next to this file; from dist/native-model/, the source tree's copy. */
export function defaultModelDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'model'), path.join(here, '..', '..', 'native-model', 'model')];
  return candidates.find((d) => existsSync(path.join(d, MODEL_JSON))) ?? (candidates[0] as string);
}

/** The model's two heads for encoded windows (windows.ts), in batches of BATCH. */
export interface WindowPredictor {
  predictWindows(x: Float32Array, count: number): Promise<{ beacon: Float32Array; jitter: Float32Array }>;
}

export async function loadBeaconClassifier(opts: LoadOptions = {}): Promise<BeaconClassifier & WindowPredictor> {
  const log = opts.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const backend: BackendName = await selectBackend({ log, preferNative: opts.preferNative ?? true });
  const model = await loadModelFromDir(opts.modelDir ?? defaultModelDir());
  let disposed = false;

  const predictWindows = async (x: Float32Array, count: number) => {
    if (disposed) throw new Error('BeaconClassifier used after dispose()');
    const beacon = new Float32Array(count);
    const jitter = new Float32Array(count);
    for (let at = 0; at < count; at += BATCH) {
      const n = Math.min(BATCH, count - at);
      const [b, j] = tf.tidy(() => {
        const input = tf.tensor3d(x.subarray(at * WINDOW * CHANNELS, (at + n) * WINDOW * CHANNELS), [n, WINDOW, CHANNELS]);
        const out = model.predict(input, { batchSize: BATCH }) as tf.Tensor[];
        return [out[0]!.dataSync(), out[1]!.dataSync()];
      });
      beacon.set(b!, at);
      jitter.set(j!, at);
      if (at + BATCH < count) await new Promise<void>((r) => setImmediate(r));
    }
    return { beacon, jitter };
  };

  return {
    backend,
    predictWindows,
    async classify(series) {
      if (disposed) throw new Error('BeaconClassifier used after dispose()');
      const enc = encodeSeries(series);
      const { beacon, jitter } = await predictWindows(enc.x, enc.count);
      return aggregateSeries(enc, beacon, jitter);
    },
    dispose() {
      if (!disposed) model.dispose();
      disposed = true;
    },
  } satisfies BeaconClassifier & WindowPredictor;
}
