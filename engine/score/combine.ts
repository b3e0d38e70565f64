// How the scorers' outputs become one final score and the flat `scores` object shown to people.
import type { ScorerOutput } from '../types.js';

/**
 * Final score rule. With only the statistical scorer: its score. With the CNN as well: see
 * `combineWithCnn` (documented in docs/model-card.md).
 */
export function finalScore(outputs: ReadonlyMap<string, ScorerOutput>): number {
  const stats = outputs.get('stats')?.score;
  const cnn = outputs.get('cnn');
  if (cnn && stats !== undefined) return combineWithCnn(cnn.values.beacon ?? cnn.score, stats);
  if (cnn) return cnn.score;
  return stats ?? 0;
}

/**
 * The CNN reads interval patterns the statistics miss (high jitter, partial-day beacons), and the
 * statistics keep a floor where the CNN is unsure. Weighted towards the CNN.
 */
export function combineWithCnn(beacon: number, stats: number): number {
  return clamp01(0.7 * beacon + 0.3 * stats);
}

/** `{ stats: 0.91, rita_ts: …, cnn: 0.97, beacon: 0.97, jitter: 0.12 }` */
export function flattenScores(outputs: ReadonlyMap<string, ScorerOutput>): Record<string, number> {
  const flat: Record<string, number> = {};
  for (const [name, out] of outputs) {
    flat[name] = round4(out.score);
    for (const [k, v] of Object.entries(out.values)) flat[k] = round4(v);
  }
  return flat;
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
const round4 = (x: number) => Math.round(x * 10000) / 10000;
