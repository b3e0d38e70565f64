// The day-one review use case (GUIDE §6 "Day one is a review, not a baseline"): on a fresh store
// what the first logs already show is offered once, grouped by service, for the owner to accept
// (allow-list with a scope, through the same Allowlist and scopes as the finding page) or keep
// watching (recorded; the finding stays as it is). Being early lowers nothing. The review is done
// when every group is decided or the owner finishes it; from then on an alert that was not
// present since the start counts as "new since your review".
import { ApiError, type ApiArg, type ReviewGroup, type ReviewView } from '../contract/api.js';
import type { EngineRuntime } from './runtime.js';
import { visibleFindings, isAlert } from './views.js';
import { findingScopes } from './finding-scopes.js';
import { groupFindings, reviewCandidates } from './review-groups.js';

/** what this use case reads of the running engine (the rest of EngineRuntime is not its business) */
type RuntimeParts = Pick<EngineRuntime, 'allowlist' | 'settings' | 'store' | 'viewContext'>;

const now = () => Date.now() / 1000;
const EACH: Record<ReviewGroup['scopes'][number]['scope'], string> = {
  pair: 'each of these findings, on its own device only',
  destination: 'each of these destinations, from every device',
  domain: 'each of these domains and their subdomains, from every device',
  device: 'everything from each of these devices',
};

export function createReview(rt: RuntimeParts) {
  const vendorOf = (ruleId: string) => rt.allowlist.rules().find((r) => r.id === ruleId)?.vendor ?? null;
  const rowsById = () => new Map(rt.store.pairs.listScoredPairs().map((r) => [r.id, r]));

  function build(): { view: ReviewView; groups: ReviewGroup[] } {
    const all = visibleFindings(rt.store.pairs.listScoredPairs(), rt.viewContext());
    const decisions = new Map(rt.store.review.decisions().map((d) => [d.groupKey, d]));
    const rows = rowsById();
    const groups: ReviewGroup[] = groupFindings(reviewCandidates(all, rt.settings.alertThreshold), vendorOf).map((g) => {
      const d = decisions.get(g.key);
      // the scopes every finding of the group offers, labelled by its first finding
      const perFinding = g.findings.map((f) => {
        const row = rows.get(f.members[0]?.pairId ?? f.pairId);
        return row ? findingScopes(rt, f, row) : [];
      });
      const common = (perFinding[0] ?? []).filter((s) => perFinding.every((list) => list.some((o) => o.scope === s.scope)));
      // a scope that makes one rule for the whole group keeps its label; else say it is one rule each
      const scopes = common.map((s) => {
        const distinct = new Set(perFinding.map((list) => JSON.stringify(list.find((o) => o.scope === s.scope)!.rule))).size;
        return { scope: s.scope, label: distinct === 1 ? s.label : `${EACH[s.scope]} (${distinct} rules)` };
      });
      return { ...g, decision: d?.decision ?? null, decidedAt: d?.decidedAt ?? null, scopes };
    });
    const finishedAt = rt.store.review.finishedAt();
    const undecided = groups.filter((g) => g.decision === null && !g.known).length;
    // after the review novelty counts: an alert that was not there from the start is new since it
    const newSinceReview = finishedAt === null ? 0 : all.filter((f) => isAlert(f) && !f.presentSinceStart).length;
    return { view: { pending: finishedAt === null && groups.some((g) => !g.known), finishedAt, groups, undecided, newSinceReview }, groups };
  }

  return {
    view: () => build().view,

    decide(d: ApiArg<'decideReview'>): ReviewView {
      const group = build().groups.find((g) => g.key === d.groupKey);
      if (!group) throw new ApiError('not-found', `no review group ${d.groupKey}`);
      const ruleIds: string[] = [];
      if (d.decision === 'accept') {
        if (!d.scope) throw new ApiError('invalid-argument', 'decideReview: accept needs a scope');
        const rows = rowsById();
        const rules = new Map<string, NonNullable<ReturnType<typeof findingScopes>[number]>['rule']>();
        for (const f of group.findings) {
          if (f.allowlisted?.builtin) continue;
          const row = rows.get(f.members[0]?.pairId ?? f.pairId);
          const option = row ? findingScopes(rt, f, row).find((s) => s.scope === d.scope) : undefined;
          if (!option) throw new ApiError('invalid-argument', `the scope "${d.scope}" does not apply to ${f.dst}`);
          // one rule per distinct scope: "the domain, every device" is one rule for the whole group
          rules.set(JSON.stringify(option.rule), option.rule);
        }
        const note = d.note?.trim() || `accepted in the day-one review (${group.label})`;
        for (const rule of rules.values()) ruleIds.push(rt.allowlist.add({ ...rule, note }).id);
      }
      rt.store.review.decide(group.key, d.decision === 'accept' ? 'accepted' : 'watching', ruleIds, now());
      const after = build().view;
      // every group decided: the review is done, novelty counts from now on
      if (after.pending && after.undecided === 0) {
        rt.store.review.setFinishedAt(now());
        return build().view;
      }
      return after;
    },

    finish(reopen: boolean): ReviewView {
      rt.store.review.setFinishedAt(reopen ? null : now());
      return build().view;
    },
  };
}
