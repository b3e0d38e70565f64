// How the scorers' outputs become one final score and the flat `scores` object shown to people.
import type { ScorerOutput, SeriesStats } from '../types.js';

/**
 * Final score rule (documented in docs/model-card.md):
 *   base  = stats alone, or 0.9 · CNN beacon probability + 0.1 · stats when the CNN runs
 *   final = base · evidence(activities)
 * The CNN reads interval patterns the statistics miss (high jitter, partial-day beacons); the
 * statistics keep a floor where the CNN is unsure. The evidence factor ranks a pattern seen
 * hundreds of times above the same score earned from a handful of check-ins.
 */
export function finalScore(outputs: ReadonlyMap<string, ScorerOutput>, stats?: Pick<SeriesStats, 'activities'>): number {
  const s = outputs.get('stats')?.score;
  const cnn = outputs.get('cnn');
  let base: number;
  if (cnn && s !== undefined) base = combineWithCnn(cnn.values.beacon ?? cnn.score, s);
  else if (cnn) base = cnn.score;
  else base = s ?? 0;
  return stats ? clamp01(base * evidence(stats.activities)) : base;
}

export function combineWithCnn(beacon: number, stats: number): number {
  return clamp01(0.9 * beacon + 0.1 * stats);
}

/**
 * 0.85 at 1 activity rising with log10 to 1 at 100 activities (a 15-minute beacon over a day):
 * a 4-hour beacon (6 check-ins a day) keeps 0.92 of its score, enough to alert at 0.8.
 */
export function evidence(activities: number): number {
  if (activities <= 1) return 0.85;
  return Math.min(1, 0.85 + 0.15 * (Math.log10(activities) / 2));
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
