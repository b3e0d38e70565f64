// The ViewContext over an open store: the one way the service, `scan` and the evaluation build
// findings, so what they show cannot drift apart.
import type { Store } from '../../db/store.js';
import type { Allowlist } from '../allowlist/index.js';
import type { Settings } from '../api.js';
import type { ViewContext } from './build.js';
import { storeEvidence } from './store-evidence.js';

export function storeViewContext(store: Store, allowlist: Allowlist, settings: Settings, windowEnd: number | null): ViewContext {
  const now = Date.now() / 1000;
  return {
    settings,
    devices: new Map(store.devices.list().map((d) => [d.address, d])),
    match: (p) => allowlist.match(p, now),
    matchFinding: (p) => allowlist.matchFinding(p, now),
    evidence: storeEvidence(store.pairs),
    dataStart: store.pairs.firstEventTime(),
    windowEnd: windowEnd ?? store.scores.lastRun()?.windowEnd ?? now,
  };
}
