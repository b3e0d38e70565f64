// From scored pairs to findings as people see them: group the pairs into behaviours, take the
// strongest member's score, apply what raises or lowers suspicion, and decide the state with the
// allow-list. One function for the overview, the device list, notifications and `scan`.
import type { DeviceRow } from '../contract/rows.js';
import type { ScoredPairRow } from '../contract/rows.js';
import type { AllowMatch, FindingMember, FindingView, Settings } from '../contract/api.js';
import type { MatchablePair } from '../allowlist/rules.js';
import { describeSeries } from '../text/describe.js';
import { MIN_ACTIVITIES, repeats } from '../contract/thresholds.js';
import { toFinding } from './pair-finding.js';
import type { PairEvidence } from './evidence.js';
import { findingBytes, type TraitsView } from './trait-factors.js';
import { groupPairs, resolversOf, type PairGroup } from './group.js';
import { applyFactor, assessSuspicion, finalLogOdds, type SuspicionContext } from './suspicion.js';
import { intelFactor, intelListed } from './intel-factor.js';
import type { IntelIndex } from '../intel/match.js';
import { prevalenceOf } from './prevalence.js';
import { headlineOf, headlineText } from './headline.js';
import { mergeCampaigns } from './campaign.js';
import type { Direction } from '../contract/types.js';
import { isIpAddress } from '../pairs/names.js';
import { deviceKey } from '../contract/sensors.js';

export interface ViewContext {
  settings: Settings;
  devices: ReadonlyMap<string, DeviceRow>;
  /**
   * the allow rule covering a pair (rules on names only through names DNS backs), or null;
   * `names`: for a pair to an address, only these backed names may vouch (the device's own)
   */
  match: (pair: MatchablePair, names?: ReadonlySet<string>) => AllowMatch | null;
  /** the owner's own rule for this device covering the finding's key (see Allowlist.matchFinding) */
  matchFinding: (pair: MatchablePair) => AllowMatch | null;
  evidence: PairEvidence;
  /** per-pair bytes each way, durations, signatures (RITA's modifiers); absent: none known */
  traits?: TraitsView;
  /** first stored event (epoch s), for "present since the first logs" */
  dataStart: number | null;
  /** end of the latest scoring window (epoch s) */
  windowEnd: number;
  /** the threat-intel feeds' index (raise only); null or absent: no feed holds entries */
  intel?: IntelIndex | null;
}

export function deviceName(d: DeviceRow | undefined): string | null {
  return d?.label || d?.hostName || null;
}

const INFRASTRUCTURE_REASON: Record<string, string> = {
  resolver: 'your DNS resolver (seen answering this device): the lookups it carried are findings of their own',
  dhcp: 'your DHCP server (seen in dhcp.log)',
  mdns: 'multicast DNS: devices announcing themselves on the LAN',
  ssdp: 'SSDP/UPnP discovery on the LAN',
  netbios: 'NetBIOS announcements to the LAN broadcast',
  forwarder: 'your resolver looking up, upstream, names its devices asked for (their findings carry the schedule)',
};

/**
 * Every finding of the store, unfiltered and unsorted. `repeatingOnly`: only the findings with a
 * member that repeats (every one a list can show; the same views), without building the rest —
 * on an internet-facing sensor most pairs are one-off scanners.
 */
export function buildFindings(rows: readonly ScoredPairRow[], ctx: ViewContext, opts: { repeatingOnly?: boolean } = {}): FindingView[] {
  const groups = groupPairs(rows, ctx.evidence, MIN_ACTIVITIES);
  const resolvers = resolversOf(rows);
  const askedByDevices = new Set(groups.filter((g) => !resolvers.has(deviceKey(g.sensor, g.src))).map((g) => g.key));
  const sctx: SuspicionContext = {
    evidence: ctx.evidence,
    prevalence: prevalenceOf(groups, resolvers, leadOf, groupDirection),
    dataStart: ctx.dataStart,
    windowEnd: ctx.windowEnd,
    minActivities: MIN_ACTIVITIES,
    ...(ctx.traits ? { traits: ctx.traits } : {}),
  };
  const names = ownNames(rows);
  const out: FindingView[] = [];
  for (const g of groups) {
    if (opts.repeatingOnly && !g.members.some((m) => repeats(m)) && !intelListed(g, ctx.intel, ctx.traits)) continue;
    const forwarding =
      resolvers.has(deviceKey(g.sensor, g.src)) &&
      (g.kind === 'name' || g.kind === 'domain') &&
      askedByDevices.has(g.key) &&
      g.members.every((m) => m.source === 'dns');
    const v = buildOne(forwarding ? { ...g, role: 'forwarder' } : g, ctx, sctx, names.get(deviceKey(g.sensor, g.src)) ?? NO_NAMES);
    if (v) out.push(v);
  }
  return mergeCampaigns(out);
}

const NO_NAMES: ReadonlySet<string> = new Set();

/**
 * Per device, the names it used itself: lookups DNS answered, and the TLS SNI / HTTP Host it sent.
 * Only these may vouch for its traffic to an address or title it: another device's lookup (or a
 * vendor's name on a shared cloud address) says nothing about this one's.
 */
function ownNames(rows: readonly ScoredPairRow[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const own = (r.source === 'dns' && r.variant === 'resolved') || r.source === 'ssl' || r.source === 'http';
    if (!own || isIpAddress(r.dst)) continue;
    const key = deviceKey(r.sensor, r.src);
    const set = out.get(key) ?? new Set<string>();
    set.add(r.dst);
    out.set(key, set);
  }
  return out;
}

function buildOne(g: PairGroup, ctx: ViewContext, sctx: SuspicionContext, own: ReadonlySet<string>): FindingView | null {
  const lead = leadOf(g);
  const f = lead ? toFinding(lead) : null;
  if (!lead || !f) return null;
  // A name's behaviour is vouched for by that name alone; an address's by the device's own names.
  const vouching = g.kind === 'name' ? new Set(g.members.filter((m) => !isIpAddress(m.dst)).map((m) => m.dst)) : own;
  const matches = new Map<number, AllowMatch | null>(g.members.map((m) => [m.id, memberMatch(m, g, ctx, vouching)]));
  const direction = groupDirection(g);
  // Known only when every member that repeats is covered: a lookup the catalogue knows cannot
  // vouch for a TLS session to an address DNS never gave.
  // A registered-domain row inside a name's finding only repeats that name's lookups.
  const repeating = g.members.filter((m) => repeats(m) && !(g.kind === 'name' && m.variant === 'domain'));
  const covering =
    ctx.matchFinding({ ...lead, dst: g.kind === 'domain' ? g.key.slice(2) : g.key, source: g.anchor.source, variant: g.anchor.variant }) ??
    (repeating.length > 0 && repeating.every((m) => matches.get(m.id)) ? (matches.get(lead.id) ?? matches.get(repeating[0]!.id)!) : null);
  const s = assessSuspicion(g, lead, direction, sctx, { known: covering !== null });
  // a feed listing the destination raises, and makes it an alert however quiet (intel-factor.ts)
  const hit = intelFactor(g, ctx.intel, undefined, ctx.traits);
  const score = applyFactor(s.score, hit.factor);
  const dismissed = g.anchor.dismissed;
  const state = covering ? 'known' : dismissed ? 'dismissed' : score >= ctx.settings.alertThreshold || hit.intel ? 'new' : 'seen';
  const members = [...g.members]
    .sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.id - b.id)
    .map((m) => member(m, matches.get(m.id) ?? null, ctx));
  // the title: a name this device resolved to that address (or its backed SNI/Host), else the address
  const dstNames =
    g.kind === 'address'
      ? ctx.evidence
          .linkedNames(g.src, g.key)
          .filter((n) => own.has(n) && ctx.evidence.toldNames(g.src, g.key).includes(n))
          .slice(0, 3)
      : [];
  // "how often" describes the member whose check-ins are the beacon, not merely the best-scored
  const head = headlineOf(g, lead);
  return {
    ...f,
    stats: head.stats ?? f.stats,
    pairId: g.id,
    findingId: g.id,
    kind: g.kind,
    dst: g.key,
    direction,
    score,
    periodicity: lead.score ?? 0,
    // as applyFactor: a score of 0 (too few events to judge) stays 0, the hit shows as the state
    logOdds: s.score > 0 ? finalLogOdds(s.logOdds, hit.factor) : s.logOdds,
    reasons: hit.reason ? [hit.reason, ...s.reasons] : s.reasons,
    sharedBy: s.sharedBy,
    presentSinceStart: presentSinceStart(g, ctx),
    campaign:
      s.campaignPeers.length > 0
        ? {
            devices: [{ sensor: g.sensor, src: g.src }, ...s.campaignPeers].map((d) => ({
              sensor: d.sensor,
              address: d.src,
              name: deviceName(ctx.devices.get(deviceKey(d.sensor, d.src))),
              findingId: null,
            })),
          }
        : null,
    headline: headlineText(head),
    state,
    allowlisted: covering,
    dismissed,
    deviceName: deviceName(ctx.devices.get(deviceKey(g.sensor, g.src))),
    summary: describeSeries(head.stats ?? f.stats, ctx.settings.windowS),
    dstNames,
    members,
    ...(hit.intel ? { intel: hit.intel } : {}),
    bytes: findingBytes(g, ctx.traits),
  };
}

/** First seen within 6 h of the first stored logs: what the home already did when the sensor started. */
export const SINCE_START_S = 6 * 3600;

function presentSinceStart(g: PairGroup, ctx: ViewContext): boolean {
  if (ctx.dataStart === null) return false;
  return Math.min(...g.members.map((m) => m.firstSeen)) <= ctx.dataStart + SINCE_START_S;
}

function memberMatch(m: ScoredPairRow, g: PairGroup, ctx: ViewContext, vouching: ReadonlySet<string>): AllowMatch | null {
  if (g.role)
    return {
      ruleId: `infrastructure-${g.role}`,
      reason: INFRASTRUCTURE_REASON[g.role]!,
      category: g.role === 'resolver' || g.role === 'forwarder' ? 'dns-resolver' : 'local-discovery',
      builtin: true,
    };
  // ctx.match covers names only through DNS answers: a claimed SNI or Host vouches for nothing,
  // and an answer for another name on the same address (a shared cloud front end) neither.
  return ctx.match(m, vouching);
}

function member(m: ScoredPairRow, match: AllowMatch | null, ctx: ViewContext): FindingMember {
  return {
    pairId: m.id,
    sensor: m.sensor,
    source: m.source,
    variant: m.variant,
    dst: m.dst,
    direction: m.direction,
    port: m.port,
    proto: m.proto,
    service: m.service,
    score: m.score,
    activities: m.stats?.activities ?? 0,
    periodS: m.stats?.periodS ?? null,
    summary: m.stats ? describeSeries(m.stats, ctx.settings.windowS) : 'not scored yet',
    allowlisted: match !== null,
    ...memberBytes(m.id, ctx.traits),
  };
}

function memberBytes(id: number, traits: TraitsView | undefined): { sent: number | null; received: number | null } {
  const t = traits?.of(id);
  return t && t.rows > 0 ? { sent: t.sent, received: t.received } : { sent: null, received: null };
}

/** The member the finding's score and statistics come from: the highest-scored one that repeats. */
export function leadOf(g: PairGroup): ScoredPairRow | null {
  let best: ScoredPairRow | null = null;
  for (const m of g.members) {
    if (m.score === null || m.stats === null) continue;
    // a registered-domain row inside a name's finding repeats its names' lookups: evidence only
    if (g.kind === 'name' && m.variant === 'domain') continue;
    const rank = (x: ScoredPairRow) => [repeats(x) ? 1 : 0, x.score!, x.stats!.activities] as const;
    if (!best) best = m;
    else {
      const [a1, a2, a3] = rank(m);
      const [b1, b2, b3] = rank(best);
      if (a1 > b1 || (a1 === b1 && (a2 > b2 || (a2 === b2 && a3 > b3)))) best = m;
    }
  }
  return best;
}

/** Outbound when any member leaves the home (a name through a LAN proxy does), else the anchor's. */
export function groupDirection(g: PairGroup): Direction {
  const dirs = new Set(g.members.map((m) => m.direction));
  if (dirs.has('outbound')) return 'outbound';
  if (dirs.has('local')) return 'local';
  return g.anchor.direction;
}
