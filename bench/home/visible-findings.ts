// The one place that decides what the owner sees and what each visible item is: the overview's
// "new" findings at default settings, each labelled with the planted C2 it belongs to (if any).
// When findings become grouped behaviours, swap this function; evaluate.ts only ranks its output.
import type { Store } from '../../db/store.js';
import { AllowRuleStore } from '../../db/allowlist-store.js';
import { Allowlist } from '../../engine/allowlist/index.js';
import type { FindingView, Settings } from '../../engine/api.js';
import { storeViewContext } from '../../engine/findings/store-context.js';
import { isAlert, listFindings, type ViewContext } from '../../engine/service/views.js';
import { DEFAULT_SETTINGS } from '../../engine/service/settings.js';
import { c2ForPair, type C2Label, type HomeLabels } from './labels.js';

export interface VisibleFinding {
  /** 1-based position in the overview */
  rank: number;
  /** the device it is about */
  src: string;
  /** what the overview shows as its destination: `source:dst` */
  title: string;
  score: number;
  c2: C2Label | null;
}

function viewContext(store: Store, settings: Settings, now: number): ViewContext {
  return storeViewContext(store, new Allowlist(new AllowRuleStore(store.db)), settings, now);
}

/** The planted C2 a finding belongs to: any of its member pairs is the C2's. */
function c2Of(labels: Pick<HomeLabels, 'c2'>, v: FindingView): C2Label | null {
  for (const m of v.members) {
    const c = c2ForPair(labels, { source: m.source, src: v.src, dst: m.dst });
    if (c) return c;
  }
  return null;
}

/** The overview a user gets at default settings: new findings seen in the last window, best first. */
export function visibleFindings(store: Store, labels: Pick<HomeLabels, 'c2'>, now: number, settings: Settings = DEFAULT_SETTINGS): VisibleFinding[] {
  const list = listFindings(store.pairs.listScoredPairs(), viewContext(store, settings, now), { limit: 10000 });
  return list.findings
    .filter((v) => isAlert(v) && v.stats.lastSeen >= now - settings.windowS)
    .map((v, i) => ({
      rank: i + 1,
      src: v.src,
      title: `${v.kind}:${v.dst}${v.members.length > 1 ? ` (+${v.members.length - 1})` : ''}`,
      score: v.score,
      c2: c2Of(labels, v),
    }));
}

/**
 * Why a planted C2 is not in the overview: the state and score of its best-scored pair among all
 * (allow-listed, below threshold, dismissed included), e.g. "known 0.99" or "seen 0.62"; "absent"
 * when none of its pairs was scored (too few activities in the window).
 */
export function hiddenReason(store: Store, c2: C2Label, now: number, settings: Settings = DEFAULT_SETTINGS): string {
  const all = listFindings(store.pairs.listScoredPairs(), viewContext(store, settings, now), {
    limit: 10000,
    includeAllowlisted: true,
    includeBelowThreshold: true,
    includeDismissed: true,
    includeInbound: true,
  });
  const best = all.findings.filter((v) => c2Of({ c2: [c2] }, v)).sort((a, b) => b.score - a.score)[0];
  return best ? `${best.state} ${best.score.toFixed(2)}` : 'absent';
}
