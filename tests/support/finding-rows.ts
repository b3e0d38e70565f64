// Scored pair rows, name evidence and a view context made by hand, for the findings layer's unit
// tests (grouping, suspicion, abuse cases): what the store would hand buildFindings.
import type { ScoredPairRow } from '../../engine/contract/rows.js';
import type { AllowMatch, Settings } from '../../engine/contract/api.js';
import { DEFAULT_SETTINGS } from '../../engine/service/settings.js';
import type { PairEvidence } from '../../engine/findings/evidence.js';
import type { ViewContext } from '../../engine/findings/build.js';

export const DAY = 86400;
let nextId = 1;

/** A scored pair of device 192.168.1.20 over one day: `activities` check-ins, pair score `score`. */
export function pair(over: Partial<ScoredPairRow> & Pick<ScoredPairRow, 'source' | 'dst'>, activities = 1440, score = 0.97): ScoredPairRow {
  const firstSeen = over.firstSeen ?? 0;
  const lastSeen = over.lastSeen ?? DAY;
  return {
    id: nextId++,
    sensor: 'sensor',
    variant: null,
    src: '192.168.1.20',
    direction: 'outbound',
    port: over.source === 'dns' ? 53 : 443,
    proto: over.source === 'dns' ? 'udp' : 'tcp',
    service: null,
    firstSeen,
    lastSeen,
    eventCount: activities,
    dismissed: false,
    notifiedAt: null,
    score,
    scores: {},
    stats: {
      events: activities,
      activities,
      periodS: (lastSeen - firstSeen) / activities,
      spreadS: 1,
      jitterRatio: 0.01,
      coverage: 1,
      firstSeen,
      lastSeen,
    },
    scoredAt: lastSeen,
    ...over,
  };
}

/**
 * Evidence from plain maps keyed `"src address"`: `links` the names linked to an address (for
 * grouping), `told` the names DNS answers gave it (for trust).
 */
export function evidence(
  links: Record<string, string[]>,
  told: Record<string, string[]> = links,
  resolver: string | null = null,
  ttls: Record<string, number> = {},
): PairEvidence {
  return {
    answerTtl: (name) => ttls[name] ?? null,
    linkedNames: (src, a) => links[`${src} ${a}`] ?? [],
    toldNames: (src, a) => told[`${src} ${a}`] ?? [],
    unbackedClaim: (p) => {
      const backed = Object.entries(told).some(([k, names]) => k.startsWith(`${p.src} `) && names.includes(p.dst));
      return backed ? null : `${p.dst} was never resolved to the address it went to`;
    },
    addressFromDns: (src, a) => (told[`${src} ${a}`] ?? []).length > 0,
    infrastructureRole: (p) => (p.dst === resolver && p.port === 53 ? 'resolver' : null),
  };
}

export function viewContext(
  ev: PairEvidence,
  rules: (p: { src: string; dst: string; source: string }, names?: ReadonlySet<string>) => AllowMatch | null,
  settings: Partial<Settings> = {},
  times: { dataStart: number; windowEnd: number } = { dataStart: 0, windowEnd: DAY },
): ViewContext {
  return {
    settings: { ...DEFAULT_SETTINGS, ...settings },
    devices: new Map(),
    match: rules,
    matchFinding: () => null,
    evidence: ev,
    ...times,
  };
}
