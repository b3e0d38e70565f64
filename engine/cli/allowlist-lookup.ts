// Applies the allow-list to scan results when the allow-list module is present (issue #5).
import type { Store } from '../../db/store.js';
import type { Finding } from '../types.js';
import type { AllowlistedJson } from './format.js';

export async function allowlistFor(store: Store, findings: readonly Finding[]): Promise<Map<number, AllowlistedJson>> {
  const out = new Map<number, AllowlistedJson>();
  const { Allowlist } = await import('../allowlist/index.js');
  const { AllowRuleStore } = await import('../../db/allowlist-store.js');
  const { backingPairOf, nameBacking } = await import('../trust/index.js');
  const allow = new Allowlist(new AllowRuleStore(store.db));
  const now = Date.now() / 1000;
  for (const f of findings) {
    // a name covers a pair only when a DNS answer backs it, never through an SNI/Host claim
    const m = allow.matchBacked(f, nameBacking(backingPairOf(f), store.evidence), now);
    if (m) out.set(f.pairId, { id: m.ruleId, reason: m.reason });
  }
  return out;
}
