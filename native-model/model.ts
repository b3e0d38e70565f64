// The beacon CNN (the talk's shape, GUIDE §1): Conv1D with 32 filters, a second Conv1D,
// pooling, dense layers, two sigmoid heads. Kept small on purpose: it trains on one shared core
// in ~20 minutes, and a well-normalised input (features.ts) matters more than width.
import * as tf from '@tensorflow/tfjs';
import { CHANNELS, WINDOW } from './features.js';

export function buildModel(seed = 1): tf.LayersModel {
  const init = (k: number) => tf.initializers.heNormal({ seed: seed * 100 + k });
  const input = tf.input({ shape: [WINDOW, CHANNELS], name: 'intervals' });
  // 5 consecutive intervals: enough to see "same gap again and again" or a burst
  const c1 = tf.layers
    .conv1d({ filters: 32, kernelSize: 5, padding: 'same', activation: 'relu', kernelInitializer: init(1), name: 'conv1' })
    .apply(input) as tf.SymbolicTensor;
  const p1 = tf.layers.maxPooling1d({ poolSize: 2, name: 'pool1' }).apply(c1) as tf.SymbolicTensor;
  const c2 = tf.layers
    .conv1d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(2), name: 'conv2' })
    .apply(p1) as tf.SymbolicTensor;
  // Global pooling instead of flatten: a beacon can sit anywhere in the window, and the
  // average behaves like a learned histogram of interval shapes (what regularity is).
  const gmax = tf.layers.globalMaxPooling1d({ name: 'gmax' }).apply(c2) as tf.SymbolicTensor;
  const gavg = tf.layers.globalAveragePooling1d({ name: 'gavg' }).apply(c2) as tf.SymbolicTensor;
  const merged = tf.layers.concatenate({ name: 'pooled' }).apply([gmax, gavg]) as tf.SymbolicTensor;
  const d1 = tf.layers.dense({ units: 48, activation: 'relu', kernelInitializer: init(3), name: 'dense1' }).apply(merged) as tf.SymbolicTensor;
  const d2 = tf.layers.dense({ units: 24, activation: 'relu', kernelInitializer: init(4), name: 'dense2' }).apply(d1) as tf.SymbolicTensor;
  const beacon = tf.layers
    .dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: seed * 100 + 5 }), name: 'beacon' })
    .apply(d2) as tf.SymbolicTensor;
  const jitter = tf.layers
    .dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: seed * 100 + 6 }), name: 'jitter' })
    .apply(d2) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: [beacon, jitter], name: 'beaconwatch_cnn' });
}
