// The finding page's data (getPair): which member it shows, that member's activities and
// intervals over the finding's window, its score history and newest events, the allow scopes and
// why it scored. Domain logic on narrow inputs: the stores it reads and two settings, no runtime.
import type { AllowScopeOption, FindingView, PairDetail, Settings } from '../contract/api.js';
import type { PairStore } from '../../db/pair-store.js';
import type { ScoredPairRow } from '../contract/rows.js';
import type { ScoreStore } from '../../db/score-store.js';
import { intervalsOf, toActivities } from '../score/activities.js';
import { explainScore } from '../score/explain.js';

export interface PairViewInputs {
  pairs: Pick<PairStore, 'getPair' | 'events' | 'recentEvents'>;
  scores: Pick<ScoreStore, 'history'>;
  settings: Pick<Settings, 'windowS' | 'activityGapS'>;
  /** the allow scopes the page offers for this finding, judged on the member shown */
  scopes: (finding: FindingView, shown: ScoredPairRow) => AllowScopeOption[];
}

export interface PairViewQuery {
  pairId: number;
  /** show this pair itself even when it is its finding's anchor */
  member?: boolean | undefined;
  /** a window scored on demand: its length (s); null: the live window (the settings' windowS) */
  scoredLengthS: number | null;
}

export function pairDetail(inputs: PairViewInputs, finding: FindingView, q: PairViewQuery): PairDetail {
  // The finding's own id shows its strongest member; a member's id shows that member.
  const shownPairId = q.pairId === finding.findingId && !q.member ? finding.members[0]!.pairId : q.pairId;
  const windowEnd = finding.scoredAt;
  const windowStart = windowEnd - (q.scoredLengthS ?? inputs.settings.windowS);
  const ev = inputs.pairs.events(shownPairId, windowStart, windowEnd);
  const series = toActivities(ev.ts, ev.bytes, inputs.settings.activityGapS, windowStart, windowEnd);
  const shown = inputs.pairs.getPair(shownPairId)!;
  return {
    finding,
    windowStart,
    windowEnd,
    activities: Array.from(series.times),
    intervals: Array.from(intervalsOf(series.times)),
    history: inputs.scores.history(shownPairId),
    // a window scored on demand (an earlier day) shows the events up to its end
    recentEvents: inputs.pairs.recentEvents(shownPairId, 50, q.scoredLengthS !== null ? windowEnd : Infinity),
    allowScopes: inputs.scopes(finding, shown),
    shownPairId,
    why: explainScore(finding.scores),
  };
}
