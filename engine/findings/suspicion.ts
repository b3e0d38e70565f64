// Why a finding ranks where it does. The pair score says how sure we are that something runs on
// a timer; most timers at home are legitimate, so what the data says about the *behaviour*
// raises or lowers suspicion (RITA v5's modifiers, BAYWATCH's novelty and popularity): a name
// most of the home reaches vs several devices calling one hard-coded address (a campaign), new
// today, a name the device claimed but DNS never gave, no name at all, lookups that fail, a
// well-known port without its protocol. Each effect is a factor shown in words; the finding's
// score is the pair score moved by those factors (see applyFactor). Every factor below 1 is a
// lever an attacker may pull: docs/model-card.md ("Rules that lower a score") lists each with
// its abuse case and the test that shows the pull does not hide a C2.
import type { ScoredPairRow } from '../contract/rows.js';
import type { FindingReason } from '../contract/api.js';
import type { Direction } from '../contract/types.js';
import { formatDuration } from '../text/describe.js';
import type { PairEvidence } from './evidence.js';
import type { PairGroup } from './group.js';
import { repeats } from '../contract/thresholds.js';
import { traitFactors, type TraitsView } from './trait-factors.js';
import { identityBacked, isCampaign, mostOfHome, peersOnSchedule, type Prevalence } from './prevalence.js';

/**
 * Factors, tuned on the home corpus's training seeds only (bench/home, docs/model-card.md). The
 * modifiers read from per-pair traits (all raising) are TRAIT_FACTORS in trait-factors.ts.
 */
export const SUSPICION = {
  /**
   * per further device of the home on a similar schedule, for a name DNS backs that most of the
   * home's devices reach (prevalence.ts): a product's habit
   */
  sharedPerDevice: 0.7,
  sharedFloor: 0.35,
  /** a name DNS backs that most of the home's devices reach, on any schedule: a popular service */
  popular: 0.8,
  /** several devices calling one address no DNS answer gave, on one timer: a worm, not a product */
  campaign: 2,
  /** first seen within the last day while older logs exist */
  firstSeenRecently: 1.1,
  /** device to the home's infrastructure, or to a server several of its devices use on a timer (or most reach) */
  insideHome: 0.7,
  /** TLS SNI or HTTP Host that DNS never gave for the address it went to */
  unbackedName: 1.3,
  /** an outbound address no DNS answer gave and no name explains */
  noDns: 1.1,
  /** TLS without SNI, HTTP without Host */
  noName: 1.1,
  /** a lookup that keeps failing */
  failedLookups: 1.15,
  /** udp/53 or udp/123 without the protocol Zeek would recognise there */
  portWithoutProtocol: 1.3,
  /** the lookups repeat but the connections they serve do not: a DNS cache refreshing */
  cacheRefresh: 0.6,
  /** reverse lookups (PTR of an address): logs and firewalls naming who connected */
  reverseLookup: 0.5,
  /** connections from outside in which Zeek recognised no protocol: knocking, scanning */
  inboundNoProtocol: 0.7,
  /** ICMP errors (unreachable, time exceeded): answers to other traffic */
  icmpError: 0.3,
} as const;

const HOUR = 3600;

export interface SuspicionContext {
  evidence: PairEvidence;
  /** how many of the home's devices reach each destination, and on a timer */
  prevalence: Prevalence;
  /** first stored event of the whole store (epoch s), null when empty */
  dataStart: number | null;
  /** end of the scoring window */
  windowEnd: number;
  minActivities: number;
  /** per-pair traits for the modifiers of trait-factors.ts (raise only); absent: none apply */
  traits?: TraitsView;
}

export interface Suspicion {
  score: number;
  /** the pair's log-odds plus the factors': orders findings whose scores read alike */
  logOdds: number;
  reasons: FindingReason[];
  sharedBy: number;
  /** the other devices of a campaign (several devices, one hard-coded address, one timer) */
  campaignPeers: { sensor: string; src: string }[];
}

/** `known`: the allow-list or catalogue covers the behaviour (a known name is nobody's campaign). */
export function assessSuspicion(
  group: PairGroup,
  lead: ScoredPairRow,
  direction: Direction,
  ctx: SuspicionContext,
  opts: { known: boolean } = { known: false },
): Suspicion {
  const base = lead.score ?? 0;
  const reasons: FindingReason[] = [];
  let factor = 1;
  const apply = (f: number, text: string) => {
    factor *= f;
    reasons.push({ text, effect: f < 1 ? 'lowers' : 'raises', factor: round3(f) });
  };

  const period = lead.stats?.periodS ?? null;
  const prev = ctx.prevalence;
  const peers = peersOnSchedule(prev, group, period);
  const campaign = isCampaign(group, direction, lead, peers, ctx.evidence, prev, opts.known);
  const backed = identityBacked(group, ctx.evidence);
  const most = mostOfHome(prev.homeDevices);
  const reach = prev.reachedBy.get(group.key)?.size ?? 0;
  if (campaign) {
    apply(
      SUSPICION.campaign,
      group.kind === 'address'
        ? `${peers.length + 1} devices of your home call this address, which no DNS answer gave, on one timer: one implant on several devices (a worm), not a product`
        : `${peers.length + 1} devices of your home call this ${group.kind} on one timer, and it is no service most of your home uses (${reach} of ${prev.homeDevices} devices reach it): one implant on several devices, not a product`,
    );
  } else if (backed && peers.length + 1 >= most) {
    const f = Math.max(SUSPICION.sharedFloor, SUSPICION.sharedPerDevice ** peers.length);
    apply(f, `${peers.length + 1} of your home's ${prev.homeDevices} devices look this name up and call it on a similar schedule: a product's habit`);
  } else if (backed && reach >= most) {
    apply(SUSPICION.popular, `${reach} of your home's ${prev.homeDevices} devices reach this name: a popular service, not one device's secret`);
  }

  const firstSeen = Math.min(...group.members.map((m) => m.firstSeen));
  const history = ctx.dataStart === null ? 0 : ctx.windowEnd - ctx.dataStart;
  // Novelty raises, and only raises: whatever ran when the sensor started (implants included) was
  // not learned as normal (the day-one review shows it; presentSinceStart in build.ts).
  // Novelty is about the home's own devices: scanners coming and going from outside say nothing.
  if (ctx.dataStart !== null && history >= 36 * HOUR && (direction === 'outbound' || direction === 'local')) {
    if (firstSeen > ctx.dataStart + 6 * HOUR && firstSeen >= ctx.windowEnd - 24 * HOUR)
      apply(
        SUSPICION.firstSeenRecently,
        `new: first seen ${formatDuration(ctx.windowEnd - firstSeen)} ago, after ${formatDuration(firstSeen - ctx.dataStart)} of logs without it`,
      );
  }

  // Inside the home only a server lowers: the router's services, DNS to a local resolver, or a
  // device that several (three or more) of the home's devices call on a similar timer or most
  // reach (backups to the NAS, a hub). An implant's internal relay (a pivot one or two devices
  // call) is no quieter for being local; and a relay must itself call out, which is judged as
  // outbound traffic of its own, lowered by nothing here.
  // DNS that Zeek recognised to a local server is the transport of lookups (judged by name where
  // dns.log has them); a tunnel through a local relay shows in the relay's own upstream lookups.
  const localDns = group.members.every((m) => m.source === 'conn' && m.port === 53 && (m.service ?? '').split(',').includes('dns'));
  const server = peers.length + 1 >= 3 || reach >= most;
  if (direction === 'local' && (group.kind === 'infrastructure' || localDns || server))
    apply(
      SUSPICION.insideHome,
      group.kind === 'infrastructure'
        ? 'stays inside your network, to its infrastructure'
        : localDns
          ? 'stays inside your network: DNS to a resolver of your home'
          : `stays inside your network, to a server of your home: ${Math.max(reach, peers.length + 1)} of its ${prev.homeDevices} devices use it`,
    );
  if (direction === 'inbound' && group.members.every((m) => m.source === 'conn' && !m.service)) {
    apply(
      SUSPICION.inboundNoProtocol,
      'connections from outside in which Zeek recognised no protocol (rejected or silent): scanning, not a conversation',
    );
  }
  // One fixed PTR name only: many reverse names under one zone (a domain group) can carry data.
  if (group.kind === 'name' && group.members.every((m) => m.source === 'dns' && m.dst.endsWith('.arpa'))) {
    apply(SUSPICION.reverseLookup, 'reverse lookups (PTR): naming an address for a log or firewall, not calling out');
  }
  if (group.members.every((m) => m.proto === 'icmp' && (m.port === 3 || m.port === 11 || m.port === 0) && m.source === 'conn')) {
    // Zeek logs ICMP with the code as the responder port: unreachable and time-exceeded answer other traffic.
    if (group.members.some((m) => m.port !== 0))
      apply(SUSPICION.icmpError, 'ICMP error messages (unreachable): answers to other traffic, not a schedule of their own');
  }

  const active = group.members.filter((m) => repeats(m));
  const claims = new Set<string>();
  // A name sent to the home's own server from outside says nothing about the home's devices.
  for (const m of direction === 'outbound' ? active : []) {
    if (m.source !== 'ssl' && m.source !== 'http') continue;
    const claim = ctx.evidence.unbackedClaim(m);
    if (claim) claims.add(claim);
  }
  if (claims.size > 0) apply(SUSPICION.unbackedName, [...claims].slice(0, 2).join('; '));

  if (group.kind === 'address' && direction === 'outbound' && !ctx.evidence.addressFromDns(group.src, group.key)) {
    apply(SUSPICION.noDns, 'no DNS lookup in the logs led to this address (a hard-coded address)');
  }
  const nameless = active.find((m) => (m.source === 'ssl' || m.source === 'http') && m.dst === group.key && group.kind === 'address');
  if (nameless) apply(SUSPICION.noName, nameless.source === 'ssl' ? 'TLS without a server name (SNI)' : 'HTTP without a Host header');

  const traffic = active.filter((m) => m.source !== 'dns');
  // A cache refreshes when its answer expires: a name in steady use is looked up about once per
  // TTL. A C2 over DNS cannot pull this lever: to reach its server on every check-in it answers
  // with a TTL far below its sleep (lookups paced by the client, not the TTL), and with a TTL as
  // long as its sleep the home's resolver would answer its check-ins from cache.
  const ttl = group.kind === 'name' ? ctx.evidence.answerTtl(group.key) : null;
  const periodS = lead.stats?.periodS ?? 0;
  const refreshing = ttl !== null && ttl > 0 && periodS >= 0.8 * ttl && periodS <= 1.5 * ttl;
  if (lead.source === 'dns' && refreshing && traffic.length > 0 && traffic.every((m) => (m.score ?? 0) < 0.3)) {
    apply(SUSPICION.cacheRefresh, 'the lookups repeat but the connections they serve do not: a DNS cache refreshing while the name is in use');
  }
  if (active.some((m) => m.source === 'dns' && m.variant === 'failed')) {
    apply(SUSPICION.failedLookups, 'the lookups fail (NXDOMAIN or no answer) yet the device keeps asking');
  }
  const mismatch = active.find(
    (m) => m.source === 'conn' && m.proto === 'udp' && portProtocol(m.port) !== null && m.service !== portProtocol(m.port),
  );
  if (mismatch)
    apply(SUSPICION.portWithoutProtocol, `udp/${mismatch.port} but Zeek did not recognise ${portProtocol(mismatch.port)!.toUpperCase()} in it`);

  // rare signature, large outgoing data, MIME/URI mismatch, a connection held open: raise only
  for (const t of traitFactors(group, direction, ctx.traits)) apply(t.factor, t.text);

  const logOdds = finalLogOdds(lead.scores?.log_odds ?? logit(base), factor);
  return {
    score: applyFactor(base, factor),
    logOdds,
    reasons,
    sharedBy: campaign || backed ? peers.length + 1 : 1,
    campaignPeers: campaign ? peers : [],
  };
}

function portProtocol(port: number | null): string | null {
  return port === 123 ? 'ntp' : port === 53 ? 'dns' : null;
}

/**
 * What lowers suspicion scales the probability down; what raises it shrinks the distance to 1
 * (1 − (1 − p) / f), so a raised score stays a probability and never overtakes, by a factor
 * alone, a pattern already certain. Findings whose scores read alike are ordered by log-odds.
 */
export function applyFactor(p: number, factor: number): number {
  if (!(p > 0)) return 0;
  return factor <= 1 ? p * factor : 1 - (1 - p) / factor;
}

/**
 * The log-odds of applyFactor(sigmoid(L), factor), computed without going through a probability
 * that rounds to 1: findings are ranked by it, so two timers both "certain" (L = 20 and L = 60)
 * keep their order, and a raised one stays ahead of the same evidence unraised.
 */
export function finalLogOdds(L: number, factor: number): number {
  // 1 − p = e^−L / (1 + e^−L) without cancellation
  const q = L > 0 ? Math.exp(-L) / (1 + Math.exp(-L)) : 1 / (1 + Math.exp(L));
  const p = 1 - q;
  if (factor === 1) return L;
  if (factor < 1) {
    // s = p·f, 1 − s = q·f + (1 − f)
    return Math.log((p * factor) / (q * factor + (1 - factor)));
  }
  // 1 − s = q / f, s = 1 − q / f
  return Math.log((1 - q / factor) / (q / factor));
}

function logit(p: number): number {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return Math.log(q / (1 - q));
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
