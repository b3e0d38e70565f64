// Threat intelligence as a factor of a finding: only ever raises (GUIDE §6). A feed listing the
// finding's destination address (exact or CIDR) or a name of it (DNS query, TLS SNI, HTTP Host:
// exact, or its registered domain) raises the score and says which feed, which entry and how old
// the list is. A miss returns factor 1 and no reason: absence from a feed proves nothing.
// A TLS client fingerprint (JA3, SSLBL's list) is matched on the JA3 values the member pairs'
// ssl.log rows carried (the per-pair traits, where the sensor logs ja3).
import type { ScoredPairRow } from '../contract/rows.js';
import type { FindingIntel, FindingReason, IntelMatch } from '../contract/api.js';
import type { IntelHit, IntelIndex } from '../intel/match.js';
import { feedListsAs, feedTitle } from '../intel/feeds.js';
import { formatDuration } from '../text/describe.js';
import { isIpAddress } from '../pairs/names.js';
import type { PairGroup } from './group.js';
import type { TraitsView } from './trait-factors.js';

/** what the factor reads: the feeds' index, and the JA3 values the pairs carried (optional) */
type Index = Pick<IntelIndex, 'address' | 'name' | 'ja3'>;
type Signatures = Pick<TraitsView, 'signaturesOf'> | undefined;

/**
 * How much a hit raises (applyFactor: 1 − (1 − p) / 3, so a 60 % timer reads 87 %). The hit
 * matters more than the timing, which is why a hit also makes the finding an alert of its own
 * ("known C2 … contacted") whatever the score.
 */
export const INTEL_FACTOR = 3;

/** hits named in the reason; the rest are counted */
const SHOWN = 3;

export interface IntelFactor {
  factor: number;
  reason: FindingReason | null;
  intel: FindingIntel | undefined;
}

const NO_HIT: IntelFactor = { factor: 1, reason: null, intel: undefined };

export function intelFactor(group: PairGroup, index: Index | null | undefined, nowS = Date.now() / 1000, traits?: Signatures): IntelFactor {
  if (!index) return NO_HIT;
  const hits = groupHits(group.members, index, traits);
  if (hits.length === 0) return NO_HIT;
  const matches = hits.map(toMatch);
  const byAddress = matches.some((m) => isIpAddress(m.matchedOn));
  const byName = matches.some((m) => !isIpAddress(m.matchedOn) && !m.fingerprint);
  const words = matches.slice(0, SHOWN).map((m) => describeMatch(m, nowS));
  const more = matches.length > SHOWN ? `; and ${matches.length - SHOWN} more listings` : '';
  return {
    factor: INTEL_FACTOR,
    reason: { text: `${words.join('; ')}${more}`, effect: 'raises', factor: INTEL_FACTOR },
    intel: { label: byAddress ? 'known C2 address contacted' : byName ? 'known C2 name contacted' : 'known C2 fingerprint seen', matches },
  };
}

/** Whether any feed lists a destination of the group (`scan --json` keeps such a quiet group). */
export function intelListed(group: PairGroup, index: Index | null | undefined, traits?: Signatures): boolean {
  return index ? groupHits(group.members, index, traits).length > 0 : false;
}

/**
 * Every member's destination looked up (addresses by address, names by name) and every JA3 its
 * TLS rows carried. One hit per feed and entry.
 */
function groupHits(members: readonly Pick<ScoredPairRow, 'id' | 'dst'>[], index: Index, traits: Signatures): IntelHit[] {
  const seen = new Set<string>();
  const out: IntelHit[] = [];
  const keys = new Set(members.map((m) => m.dst));
  const lookups: IntelHit[][] = [...keys].map((key) => (isIpAddress(key) ? index.address(key) : index.name(key)));
  if (traits) {
    const ja3 = new Set(
      members.flatMap((m) =>
        traits
          .signaturesOf(m.id)
          .filter((x) => x.kind === 'ja3')
          .map((x) => x.value),
      ),
    );
    for (const hash of ja3) lookups.push(index.ja3(hash));
  }
  for (const found of lookups) {
    for (const h of found) {
      const id = `${h.feed}\u0000${h.entry.kind}\u0000${h.entry.value}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(h);
    }
  }
  // addresses first (the stronger claim: the device reached it), then by feed
  return out.sort((a, b) => Number(isIpAddress(b.matchedOn)) - Number(isIpAddress(a.matchedOn)) || a.feed.localeCompare(b.feed));
}

function toMatch(h: IntelHit): IntelMatch {
  return {
    feed: h.feed,
    title: feedTitle(h.feed),
    value: h.entry.value,
    matchedOn: h.matchedOn,
    family: h.entry.family ?? null,
    firstSeen: h.entry.firstSeen ?? null,
    fetchedAt: h.fetchedAt / 1000,
    ...(h.entry.kind === 'ja3' ? { fingerprint: true } : {}),
  };
}

/** "Feodo Tracker lists 1.2.3.4 as QakBot C2 (first seen 2026-11-02); list fetched 3 h ago" */
export function describeMatch(m: IntelMatch, nowS: number): string {
  const what = m.value === m.matchedOn ? m.value : `${m.value} (covering ${m.matchedOn})`;
  const generic = feedListsAs(m.feed);
  const as = m.family ? ` as ${m.family}${m.feed === 'feodo' ? ' C2' : ''}` : generic ? ` as ${generic}` : '';
  const first = m.firstSeen ? ` (first seen ${m.firstSeen.slice(0, 10)})` : '';
  const age = Math.max(0, nowS - m.fetchedAt);
  return `${m.title} lists ${what}${as}${first}; list fetched ${age < 60 ? 'just now' : `${formatDuration(age)} ago`}`;
}
