// Which member's check-ins the finding's "how often" describes. The best-scored member decides
// how sure we are; but when a name's lookups (cached, every 1.2–1.8 min) and its connections
// (every 30–60 s) both score as timers, the beacon is the busier, tighter one: the headline is
// the member with the most check-ins among those scoring nearly as well as the best, and it says
// which member it is.
import type { ScoredPairRow } from '../contract/rows.js';
import type { PairGroup } from './group.js';
import { repeats } from '../contract/thresholds.js';

/** members scoring within this of the best count as "as good a timer" */
const NEAR_BEST = 0.05;

export interface Headline {
  row: ScoredPairRow;
  stats: ScoredPairRow['stats'];
}

export function headlineOf(g: PairGroup, lead: ScoredPairRow): Headline {
  const best = lead.score ?? 0;
  let pick = lead;
  for (const m of g.members) {
    if (m === lead || m.score === null || m.stats === null || !repeats(m)) continue;
    // a registered-domain row inside a name's finding repeats its names' lookups: evidence only
    if (g.kind === 'name' && m.variant === 'domain') continue;
    if (m.score < best - NEAR_BEST) continue;
    const a = m.stats.activities;
    const b = pick.stats?.activities ?? 0;
    if (a > b || (a === b && (m.stats.jitterRatio ?? Infinity) < (pick.stats?.jitterRatio ?? Infinity))) pick = m;
  }
  return { row: pick, stats: pick.stats };
}

/** The member in words, e.g. "connections to 203.0.113.9 (tcp/443)", "lookups of example.com". */
export function headlineText(h: Headline): string {
  const m = h.row;
  switch (m.source) {
    case 'conn':
      return `connections to ${m.dst}${m.port !== null && m.proto ? ` (${m.proto}/${m.port})` : ''}`;
    case 'dns':
      return m.variant === 'failed' ? `failing lookups of ${m.dst}` : m.variant === 'domain' ? `lookups under ${m.dst}` : `lookups of ${m.dst}`;
    case 'ssl':
      return `TLS to ${m.dst}`;
    case 'http':
      return `HTTP requests to ${m.dst}`;
    default:
      return m.dst;
  }
}
