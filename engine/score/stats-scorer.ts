// The statistical scorer: RITA v5's beacon score computed on activities (not raw connections),
// so several connections per check-in do not count as zero intervals; plus the timer tests
// against random arrivals (timer-tests.ts) that the final score's calibration reads.
import type { ActivitySeries, Scorer, ScorerOutput } from '../contract/types.js';
import { intervalsOf, sortedIntervalsOf } from './activities.js';
import { ritaScore } from './rita-score.js';
import { timerTests } from './timer-tests.js';

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const round4 = (x: number) => Math.round(x * 10000) / 10000;

export const statsScorer: Scorer = {
  name: 'stats',
  async scoreBatch(series: readonly ActivitySeries[]): Promise<ScorerOutput[]> {
    return series.map((s) => {
      // the intervals sorted once for RITA's timestamp score, the timer tests and the stats people read
      const sorted = sortedIntervalsOf(s.times);
      const r = ritaScore(s.times, s.bytes, s.windowStart, s.windowEnd, sorted);
      const t = timerTests(intervalsOf(s.times), sorted);
      return {
        score: r.score,
        values: {
          rita_ts: r.ts,
          rita_ds: r.ds,
          rita_hist: r.hist,
          rita_dur: r.dur,
          activities: s.times.length,
          reg_z: round3(t.regularityZ),
          reg_tail_z: round3(t.regularityTailZ),
          spread: round4(t.jitter),
          backoff_z: round3(t.backoffZ),
        },
      };
    });
  },
};
