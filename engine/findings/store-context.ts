// The ViewContext over an open store: the one way the service, `scan` and the evaluation build
// findings, so what they show cannot drift apart.
import type { Store } from '../../db/store.js';
import type { AllowlistView } from '../allowlist/allowlist-view.js';
import type { Settings } from '../contract/api.js';
import type { ViewContext } from './build.js';
import { storeEvidence } from './store-evidence.js';
import { storeTraits } from './store-traits.js';
import { nameBacking, vouchedBy, type BackingPair } from '../trust/index.js';
import { memoEvidence } from '../trust/memo-evidence.js';
import type { MatchablePair } from '../allowlist/rules.js';
import { intelIndexOf } from '../intel/loaded.js';
import { deviceKey } from '../contract/sensors.js';

/** Pair rows carry their first and last sighting; a bare MatchablePair is judged over all time. */
function backingOf(p: MatchablePair & Partial<Pick<BackingPair, 'firstSeen' | 'lastSeen'>>): BackingPair {
  return { ...p, firstSeen: p.firstSeen ?? -Infinity, lastSeen: p.lastSeen ?? Infinity };
}

export function storeViewContext(store: Store, allowlist: AllowlistView, settings: Settings, windowEnd: number | null): ViewContext {
  const now = Date.now() / 1000;
  // one context serves one listing: each question to the evidence tables is asked once
  const evidence = memoEvidence(store.evidence);
  return {
    settings,
    devices: new Map(store.devices.list().map((d) => [deviceKey(d.sensor, d.address), d])),
    // a name covers a pair only when a DNS answer backs it, never through an SNI/Host claim, and
    // (given `names`) only a name the device itself used: another name on the address vouches not
    match: (p, names) => {
      const backing = nameBacking(backingOf(p), evidence);
      return allowlist.matchBacked(p, names ? vouchedBy(backing, names) : backing, now);
    },
    matchFinding: (p) => allowlist.matchFinding(p, now),
    evidence: storeEvidence(evidence),
    traits: storeTraits(store),
    dataStart: store.pairs.firstEventTime(),
    windowEnd: windowEnd ?? store.scores.lastRun()?.windowEnd ?? now,
    // raise only: a feed hit raises a finding, a miss changes nothing (engine/findings/intel-factor.ts)
    intel: intelIndexOf(store.intel),
  };
}
