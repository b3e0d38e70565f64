// The statistical scorer: RITA v5's beacon score computed on activities (not raw connections),
// so several connections per check-in do not count as zero intervals.
import type { ActivitySeries, Scorer, ScorerOutput } from '../types.js';
import { ritaScore } from './rita-score.js';

export const statsScorer: Scorer = {
  name: 'stats',
  async scoreBatch(series: readonly ActivitySeries[]): Promise<ScorerOutput[]> {
    return series.map((s) => {
      const r = ritaScore(s.times, s.bytes, s.windowStart, s.windowEnd);
      return { score: r.score, values: { rita_ts: r.ts, rita_ds: r.ds, rita_hist: r.hist, rita_dur: r.dur } };
    });
  },
};
