// The one place that decides what the owner sees and what each visible item is: the overview's
// "new" findings at default settings, each labelled with the planted C2 it belongs to (if any).
// When findings become grouped behaviours, swap this function; evaluate.ts only ranks its output.
import type { Store } from '../../db/store.js';
import { AllowRuleStore } from '../../db/allowlist-store.js';
import { Allowlist } from '../../engine/allowlist/index.js';
import type { AllowRuleInput, FindingView, Settings } from '../../engine/api.js';
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
  /** the planted C2s it is about: one, or several when a campaign finding names their devices */
  c2s: C2Label[];
}

function viewContext(store: Store, settings: Settings, now: number): ViewContext {
  return storeViewContext(store, new Allowlist(new AllowRuleStore(store.db)), settings, now);
}

/** The planted C2s a finding belongs to: any of its member pairs, from any of its devices, is theirs. */
function c2sOf(labels: Pick<HomeLabels, 'c2'>, v: FindingView): C2Label[] {
  const out = new Set<C2Label>();
  const devices = v.campaign ? v.campaign.devices.map((d) => d.address) : [v.src];
  for (const src of devices)
    for (const m of v.members) {
      const c = c2ForPair(labels, { source: m.source, src, dst: m.dst });
      if (c) out.add(c);
    }
  return [...out];
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
      c2s: c2sOf(labels, v),
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
  const best = all.findings.filter((v) => c2sOf({ c2: [c2] }, v).length > 0).sort((a, b) => b.score - a.score)[0];
  return best ? `${best.state} ${best.score.toFixed(2)}` : 'absent';
}

/**
 * The day-one review as an owner who accepts everything would finish it: every new finding present
 * since the first logs, allow-listed for its own device(s) and destination ("pair" scope: the
 * finding, every way the device reaches it), as review.ts's accept does through findingScopes.
 */
export function reviewRules(store: Store, now: number, settings: Settings = DEFAULT_SETTINGS): AllowRuleInput[] {
  const ctx = viewContext(store, settings, now);
  const list = listFindings(store.pairs.listScoredPairs(), ctx, { limit: 10000 });
  const rules = new Map<string, AllowRuleInput>();
  for (const v of list.findings) {
    if (!isAlert(v) || !v.presentSinceStart) continue;
    const dst = v.kind === 'domain' ? v.dst.slice(2) : v.kind === 'infrastructure' ? (v.members[0]?.dst ?? v.dst) : v.dst;
    for (const src of v.campaign ? v.campaign.devices.map((d) => d.address) : [v.src]) {
      const rule = { src, dst, note: 'accepted in the day-one review (evaluation)' };
      rules.set(`${src} ${dst}`, rule);
    }
  }
  return [...rules.values()];
}
