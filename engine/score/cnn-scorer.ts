// Adapts the CNN classifier of native-model/ to the engine's Scorer interface. The engine only
// knows this structural interface; the composition root loads the concrete classifier.
import type { ActivitySeries, Scorer, ScorerOutput } from '../contract/types.js';

export interface BeaconClassifierLike {
  readonly backend: 'tensorflow' | 'wasm' | 'cpu';
  classify(series: readonly Float64Array[]): Promise<{ beacon: number; jitter: number }[]>;
  dispose(): void;
}

export function cnnScorer(classifier: BeaconClassifierLike): Scorer {
  return {
    name: 'cnn',
    async scoreBatch(series: readonly ActivitySeries[]): Promise<ScorerOutput[]> {
      const probs = await classifier.classify(series.map((s) => s.times));
      return probs.map((p) => ({ score: p.beacon, values: { beacon: p.beacon, jitter: p.jitter } }));
    },
  };
}
