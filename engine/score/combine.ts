// How the scorers' outputs become one final score and the flat `scores` object shown to people.
import type { ScorerOutput, SeriesStats } from '../types.js';
import { CALIBRATION, type LogisticModel } from './calibration.js';

/**
 * Final score (documented in docs/model-card.md): the calibrated probability that the pair's
 * activity series is driven by a timer, given the evidence. A logistic model, fitted by
 * bench/fit-score.ts on labelled synthetic series and committed as data (calibration.ts), reads
 * - the regularity and back-off tests against random arrivals with the same number of
 *   activities (timer-tests.ts: z-scores, so five lucky check-ins are weak evidence and more
 *   check-ins of the same regularity are stronger),
 * - RITA's statistic, the number of activities and, when it runs, the CNN's beacon probability
 *   (weighted up with the activities: the CNN says ~1.0 for any handful of similar intervals).
 * The value is continuous (never rounded to 1), so strong candidates stay ordered; `logOdds`
 * from scoreDetail is the same evidence on an unbounded scale for ties among near-certain pairs.
 */
export function finalScore(outputs: ReadonlyMap<string, ScorerOutput>, stats?: Pick<SeriesStats, 'activities'>): number {
  return scoreDetail(outputs, stats).score;
}

export interface ScoreDetail {
  /** calibrated probability in [0, 1] */
  score: number;
  /** log odds of `score`: keeps ordering where `score` rounds to 1 */
  logOdds: number;
  /** which calibration was used */
  model: 'with-cnn' | 'stats-only';
}

export function scoreDetail(outputs: ReadonlyMap<string, ScorerOutput>, stats?: Pick<SeriesStats, 'activities'>): ScoreDetail {
  const cnn = outputs.get('cnn');
  const x = scoreFeatures(outputs, stats?.activities);
  const model: LogisticModel = cnn ? CALIBRATION.withCnn : CALIBRATION.statsOnly;
  const logOdds = linear(model, cnn ? x.withCnn : x.statsOnly);
  return { score: sigmoid(logOdds), logOdds, model: cnn ? 'with-cnn' : 'stats-only' };
}

export interface Features {
  statsOnly: number[];
  withCnn: number[];
}

export const STATS_FEATURES = ['ln(1+timer z)', 'ln(1+back-off z)', 'rita', 'rita_ts'] as const;
export const CNN_FEATURES = [...STATS_FEATURES, 'cnn logit x trust'] as const;

/**
 * The calibration's inputs; bench/fit-score.ts fits on exactly these. The count of activities
 * enters only through the z-scores (and the CNN's trust), never on its own: for the same
 * regularity more check-ins then always mean a higher score, and a long series of near-regular
 * use cannot be pushed down or up by its length alone.
 */
export function scoreFeatures(outputs: ReadonlyMap<string, ScorerOutput>, activities?: number): Features {
  const s = outputs.get('stats');
  const v = s?.values ?? {};
  const n = Math.max(1, activities ?? v.activities ?? 1);
  const regZ = Math.max(0, v.reg_z ?? 0);
  const boZ = Math.max(0, v.backoff_z ?? 0);
  const statsOnly = [
    // the stronger of the two timer tests: a fixed period or a back-off ladder
    Math.log1p(Math.max(regZ, boZ)),
    Math.log1p(boZ),
    s?.score ?? 0,
    // RITA's timestamp part alone: the interval skew and MAD, without the day-coverage parts
    v.rita_ts ?? 0,
  ];
  const cnn = outputs.get('cnn');
  const b = clamp(cnn ? (cnn.values.beacon ?? cnn.score) : 0.5, 1e-4, 1 - 1e-4);
  const logit = Math.log(b / (1 - b)) / 4;
  // The CNN says ~1.0 for any handful of similar intervals, so its word counts only as far as
  // the activities back it: nothing at 4, fully from 100 (a 15-minute timer over a day).
  // It was trained on fixed periods only: where the back-off test clearly wins, its "no" is
  // not evidence, and its weight fades out.
  const trust = clamp(Math.log(n / 4) / Math.log(25), 0, 1) * (1 - clamp((boZ - regZ - 2) / 4, 0, 1));
  return { statsOnly, withCnn: [...statsOnly, logit * trust] };
}

function linear(model: LogisticModel, x: readonly number[]): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += model.weights[i]! * (x[i] ?? 0);
  return z;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The earlier rule (0.9 · CNN + 0.1 · stats), kept for `npm run eval`'s comparison table. */
export function combineWithCnn(beacon: number, stats: number): number {
  return clamp(0.9 * beacon + 0.1 * stats, 0, 1);
}

/** The earlier evidence factor (0.85 → 1 at 100 activities), kept for the same comparison. */
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

const clamp = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x);
const round4 = (x: number) => Math.round(x * 10000) / 10000;
