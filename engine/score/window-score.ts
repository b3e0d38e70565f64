// Scoring one window on demand (the overview's window picker): the rescore's own preparation
// and scorers — slow pairs judged over the stored days before the window's end, as the hourly
// rescore does — with the results kept apart, so the stored latest scores stay the live ones.
import type { PairStore } from '../../db/pair-store.js';
import type { PairScore } from '../../db/score-store.js';
import { rescore, type RescoreOptions, type ScoreSink } from './rescore.js';

/** a sink that keeps nothing: the results come back to the caller only */
const DISCARD: ScoreSink = {
  saveScores: () => undefined,
  recordRun: (run) => ({ ...run, id: 0 }),
};

/** Scores every pair with events in the window ending at `opts.now`; stores nothing. */
export async function scoreWindow(pairs: PairStore, opts: RescoreOptions): Promise<PairScore[]> {
  const { results } = await rescore({ pairs, scores: DISCARD }, opts);
  return results;
}
