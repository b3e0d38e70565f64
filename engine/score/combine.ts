// How the scorers' outputs become one final score and the flat `scores` object shown to people.
import type { ScorerOutput, SeriesStats } from '../contract/types.js';
import { CALIBRATION, type LogisticModel } from './calibration.js';

/**
 * Final score (documented in docs/model-card.md): the calibrated probability that the pair's
 * activity series is driven by a timer, given the evidence. A logistic model, fitted by
 * bench/fit-score.ts on labelled synthetic series and committed as data (calibration.ts), reads
 * - the regularity and back-off tests against random arrivals with the same number of
 *   activities (timer-tests.ts: z-scores, so five lucky check-ins are weak evidence and more
 *   check-ins of the same regularity are stronger),
 * - RITA's timestamp score and, when it runs, the CNN's beacon probability (weighted up with
 *   the activities: the CNN says ~1.0 for any handful of similar intervals).
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

export const STATS_FEATURES = [
  'ln(1+timer z)',
  'rita_ts x evidence',
  'back-off shape x ln(1+back-off z)',
  'min(0.5, tightness x evidence x ln(1+tail z))',
] as const;
export const CNN_FEATURES = [...STATS_FEATURES, 'cnn logit x evidence x fixed-period shape'] as const;

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
  const tailZ = Math.max(0, v.reg_tail_z ?? 0);
  const boZ = Math.max(0, v.backoff_z ?? 0);
  // how clearly the back-off test wins over the regularity test, 0–1
  const backoffShape = clamp((boZ - regZ - 2) / 4, 0, 1);
  // Shape scores (RITA's, the CNN's) say ~1 for any handful of similar intervals, so they count
  // only as far as the activities back them: nothing at 4, fully from 100 (a 15-minute timer
  // over a day). Together with non-negative weights (bench/fit-score.ts) this makes the score
  // grow with the check-ins for a given shape.
  const evidence = clamp(Math.log(n / 4) / Math.log(25), 0, 1);
  // RITA's median/MAD and skew mean something from a dozen intervals on: full weight at 16
  const ritaEvidence = clamp(Math.log(n / 4) / Math.log(4), 0, 1);
  const statsOnly = [
    // The stronger of the two timer tests, a fixed period or a back-off ladder, on one footing:
    // both are z-scores against the same random arrivals.
    Math.log1p(Math.max(regZ, boZ)),
    // RITA's timestamp score: the intervals' skew and MAD. Not RITA's whole score: its coverage
    // parts would rank a timer seen all day below the same timer seen for an hour.
    (v.rita_ts ?? 0) * ritaEvidence,
    // RITA's parts and the CNN describe fixed periods, so a ladder needs its own term; weighted
    // by its evidence so that a chance ladder in a handful of intervals counts for little
    backoffShape * Math.log1p(boZ),
    // A spread of a few per cent is what timers do and loops driven by use do not; a loose
    // spread (a third of the period) with many check-ins is either a jittered timer or such a
    // loop. So the tail significance of the regularity (honest for few check-ins) counts on its
    // own as far as the series is tight (0 at MAD/median 0.25, full at 0.01, the test's floor)
    // and, a shape like RITA's, as far as the activities back it: two of three intervals alike
    // is 1 random 4-activity series in 100. It is for scarce evidence: capped at TIGHT_CAP
    // (reached by a fully tight series of 16 activities at z 0.65, by one at ±20 % jitter once
    // its z passes 5), so that among series beyond doubt more check-ins rank higher through the
    // first term, not the tighter clock.
    Math.min(TIGHT_CAP, tightness(v.spread) * ritaEvidence * Math.log1p(tailZ)),
  ];
  const cnn = outputs.get('cnn');
  const b = clamp(cnn ? (cnn.values.beacon ?? cnn.score) : 0.5, 1e-4, 1 - 1e-4);
  const logit = Math.log(b / (1 - b)) / 4;
  // The CNN was trained on fixed periods only: where the back-off test clearly wins, its "no"
  // is not evidence, and its weight fades out.
  return { statsOnly, withCnn: [...statsOnly, logit * evidence * (1 - backoffShape)] };
}

const TIGHT_CAP = 0.5;

/** 0 for a MAD/median of 0.25 or more (or unknown), rising with −ln(spread) to 1 at 0.01. */
export function tightness(spread: number | undefined): number {
  if (spread === undefined || !(spread >= 0)) return 0;
  return clamp(Math.log(0.25 / Math.max(spread, 0.01)) / Math.log(25), 0, 1);
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
