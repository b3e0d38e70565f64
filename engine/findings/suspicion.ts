// Why a finding ranks where it does. The pair score says how sure we are that something runs on
// a timer; most timers at home are legitimate, so what the data says about the *behaviour*
// raises or lowers suspicion (RITA v5's modifiers, BAYWATCH's novelty and popularity): one
// device vs a product shared by many devices of the home, first seen today vs present since
// the first logs, a name the device claimed but DNS never gave, no name at all, lookups that
// fail, a well-known port without its protocol. Each effect is a factor shown in words; the
// finding's score is the pair score moved by those factors (see applyFactor).
import type { ScoredPairRow } from '../../db/pair-store.js';
import type { FindingReason } from '../contract/api.js';
import { formatDuration } from '../text/describe.js';
import type { PairEvidence } from './evidence.js';
import type { PairGroup } from './group.js';
import { repeats } from './thresholds.js';

/** Factors, tuned on the home corpus's training seeds only (bench/home, docs/model-card.md). */
export const SUSPICION = {
  /** per further device of the home with the same destination on a similar schedule */
  sharedPerDevice: 0.7,
  sharedFloor: 0.35,
  /** reached by this many devices of the home or more, on any schedule: a popular service */
  popularDevices: 3,
  popular: 0.8,
  /** present since the first stored logs (when the logs reach back far enough to tell) */
  sinceFirstLogs: 0.9,
  /** first seen within the last day while older logs exist */
  firstSeenRecently: 1.1,
  /** device to device inside the home */
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
  /** devices whose group with the same key is periodic, by group key */
  sharedBy: ReadonlyMap<string, readonly { src: string; periodS: number | null }[]>;
  /** the home's devices with any pair to the group's key (name, address, `*.domain`), on any schedule */
  reachedBy: ReadonlyMap<string, ReadonlySet<string>>;
  /** first stored event of the whole store (epoch s), null when empty */
  dataStart: number | null;
  /** end of the scoring window */
  windowEnd: number;
  minActivities: number;
}

export interface Suspicion {
  score: number;
  /** the pair's log-odds plus the factors': orders findings whose scores read alike */
  logOdds: number;
  reasons: FindingReason[];
  sharedBy: number;
}

export function assessSuspicion(group: PairGroup, lead: ScoredPairRow, direction: string, ctx: SuspicionContext): Suspicion {
  const base = lead.score ?? 0;
  const reasons: FindingReason[] = [];
  let factor = 1;
  const apply = (f: number, text: string) => {
    factor *= f;
    reasons.push({ text, effect: f < 1 ? 'lowers' : 'raises', factor: round3(f) });
  };

  const period = lead.stats?.periodS ?? null;
  // the destination itself on a similar schedule; a bare address only on the very same timer
  const peers = sharingKeys(group, lead).flatMap((k, i) =>
    (ctx.sharedBy.get(k) ?? []).filter((p) => p.src !== group.src && similarPeriod(p.periodS, period, i === 0 ? 2 : 1.1)),
  );
  const devices = new Set(peers.map((p) => p.src)).size;
  if (devices > 0) {
    const f = Math.max(SUSPICION.sharedFloor, SUSPICION.sharedPerDevice ** devices);
    apply(f, `${devices + 1} devices of your home do this on a similar schedule: more likely a product's habit than one implant`);
  } else {
    const reach = ctx.reachedBy.get(group.key)?.size ?? 0;
    if (reach >= SUSPICION.popularDevices)
      apply(SUSPICION.popular, `${reach} devices of your home reach it: a popular service, not one device's secret`);
  }

  const firstSeen = Math.min(...group.members.map((m) => m.firstSeen));
  const history = ctx.dataStart === null ? 0 : ctx.windowEnd - ctx.dataStart;
  // Novelty is about the home's own devices: scanners coming and going from outside say nothing.
  if (ctx.dataStart !== null && history >= 36 * HOUR && (direction === 'outbound' || direction === 'local')) {
    if (firstSeen <= ctx.dataStart + 6 * HOUR) apply(SUSPICION.sinceFirstLogs, `present since the first logs (${formatDuration(history)} ago)`);
    else if (firstSeen >= ctx.windowEnd - 24 * HOUR)
      apply(
        SUSPICION.firstSeenRecently,
        `new: first seen ${formatDuration(ctx.windowEnd - firstSeen)} ago, after ${formatDuration(firstSeen - ctx.dataStart)} of logs without it`,
      );
  }

  if (direction === 'local') apply(SUSPICION.insideHome, 'stays inside your network (device to device)');
  if (direction === 'inbound' && group.members.every((m) => m.source === 'conn' && !m.service)) {
    apply(
      SUSPICION.inboundNoProtocol,
      'connections from outside in which Zeek recognised no protocol (rejected or silent): scanning, not a conversation',
    );
  }
  if (group.members.every((m) => m.source === 'dns' && m.dst.endsWith('.arpa'))) {
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
  if (lead.source === 'dns' && traffic.length > 0 && traffic.every((m) => (m.score ?? 0) < 0.3)) {
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

  const logOdds = (lead.scores?.log_odds ?? logit(base)) + Math.log(factor);
  return { score: applyFactor(base, factor), logOdds, reasons, sharedBy: devices + 1 };
}

function portProtocol(port: number | null): string | null {
  return port === 123 ? 'ntp' : port === 53 ? 'dns' : null;
}

function similarPeriod(a: number | null, b: number | null, within: number): boolean {
  if (a === null || b === null || a <= 0 || b <= 0) return a === b;
  const r = a / b;
  return r > 1 / within && r < within;
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

function logit(p: number): number {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return Math.log(q / (1 - q));
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Keys under which devices count as doing the same thing: the destination itself, and for a bare
 * address the kind of traffic (transport and port) — one product's devices often call different
 * addresses of the same cloud on the same schedule.
 */
export function sharingKeys(g: Pick<PairGroup, 'kind' | 'key'>, lead: Pick<ScoredPairRow, 'proto' | 'port'>): string[] {
  const keys = [g.key];
  if (g.kind === 'address' && lead.port !== null) keys.push(`bare:${lead.proto ?? ''}/${lead.port}`);
  return keys;
}
