// Why a pair scored what it did, in the calibration's own terms: the final score is
// sigmoid(bias + Σ weight × feature) (combine.ts), so each term's weight × feature is exactly how
// far it moved the log odds from the starting point (the bias: what a series with no evidence of a
// timer scores). Rebuilt from the flat `scores` object that listings carry, so any stored score
// can be explained without rescoring.
import type { ScorerOutput } from '../contract/types.js';
import type { ScoreExplanation } from '../contract/values.js';
import { CALIBRATION } from './calibration.js';
import { scoreFeatures, sigmoid } from './combine.js';

/** The calibration's terms in words, in the order of STATS_FEATURES / CNN_FEATURES. */
const TERMS = [
  { key: 'timer', label: 'Timer test against random arrivals', measured: 'reg_z' },
  { key: 'rita', label: "RITA's timing regularity", measured: 'rita_ts' },
  { key: 'backoff', label: 'Back-off ladder (intervals doubling to a cap)', measured: 'backoff_z' },
  { key: 'tight', label: 'Tight clock despite few check-ins (gaps of whole periods count)', measured: 'reg_tail_z' },
  { key: 'cnn', label: 'CNN: looks like a synthetic beacon', measured: 'beacon' },
] as const;

export function explainScore(flat: Readonly<Record<string, number>>): ScoreExplanation {
  const stats: ScorerOutput = { score: flat['stats'] ?? 0, values: { ...flat } };
  const outputs = new Map<string, ScorerOutput>([['stats', stats]]);
  const withCnn = flat['cnn'] !== undefined;
  if (withCnn) outputs.set('cnn', { score: flat['cnn']!, values: { beacon: flat['beacon'] ?? flat['cnn']! } });
  const features = scoreFeatures(outputs, flat['activities']);
  const model = withCnn ? CALIBRATION.withCnn : CALIBRATION.statsOnly;
  const x = withCnn ? features.withCnn : features.statsOnly;
  return {
    startLogOdds: model.bias,
    startScore: sigmoid(model.bias),
    model: withCnn ? 'with-cnn' : 'stats-only',
    terms: x.map((xi, i) => {
      const t = TERMS[i]!;
      return {
        key: t.key,
        label: t.label,
        logOdds: (model.weights[i] ?? 0) * xi,
        measured: flat[t.measured] ?? null,
        weighed: (model.weights[i] ?? 0) > 0,
      };
    }),
  };
}
