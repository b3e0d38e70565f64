// Allow-listing choices for a finding, shared by the finding page (getPair) and the day-one
// review (review.ts), so one click means the same rule in both.
import type { AllowScopeOption, FindingView } from '../contract/api.js';
import type { ScoredPairRow } from '../contract/rows.js';
import type { EngineRuntime } from './runtime.js';

/** what this use case reads of the running engine (the rest of EngineRuntime is not its business) */
type RuntimeParts = Pick<EngineRuntime, 'allowlist'>;

/**
 * Allow-listing choices for a finding: "this device → this finding" covers the whole behaviour;
 * wider scopes (a name for every device, a domain) cover only what DNS backs.
 */
export function findingScopes(rt: RuntimeParts, finding: FindingView, shown: ScoredPairRow): AllowScopeOption[] {
  const key = finding.kind === 'domain' ? finding.dst.slice(2) : finding.kind === 'infrastructure' ? shown.dst : finding.dst;
  return rt.allowlist.scopesFor({ ...shown, dst: key }).map((s) =>
    s.scope === 'pair'
      ? {
          ...s,
          label: `${finding.src} → ${finding.dst} only (this finding, every way the device reaches it)`,
          rule: { src: s.rule.src ?? null, dst: s.rule.dst ?? null },
        }
      : s,
  );
}
