// Adapts the CNN classifier of native-model/ to the engine's Scorer interface. The engine only
// knows the contract's BeaconClassifier (which native-model's loaders satisfy); the composition
// root loads the concrete classifier.
import type { ActivitySeries, BeaconClassifier, Scorer, ScorerOutput } from '../contract/types.js';

export function cnnScorer(classifier: BeaconClassifier): Scorer {
  return {
    name: 'cnn',
    async scoreBatch(series: readonly ActivitySeries[]): Promise<ScorerOutput[]> {
      const probs = await classifier.classify(series.map((s) => s.times));
      return probs.map((p) => ({ score: p.beacon, values: { beacon: p.beacon, jitter: p.jitter } }));
    },
  };
}
