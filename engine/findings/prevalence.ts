// How many of the home's devices do the same thing, and what that may mean. Every rule here that
// lowers a score is a lever an attacker can pull (GUIDE §6): infect a second device, share a
// sleep time, host beside a vendor. So "a product's habit" is granted only to a destination whose
// identity DNS backs (the device looked the name up and got an answer) and that MOST of the
// home's devices reach, as RITA v5's prevalence lowers only what most of a network reaches. A
// bare address never counts as a product, nor does a shared port; several devices calling one
// address no DNS answer gave, or a name most of the home does not use, on one timer, is a
// campaign (a worm, a second copy of an implant), which raises.
import type { ScoredPairRow } from '../contract/rows.js';
import type { Direction } from '../contract/types.js';
import type { PairEvidence } from './evidence.js';
import type { PairGroup } from './group.js';
import { repeats } from '../contract/thresholds.js';
import { deviceKey } from '../contract/sensors.js';

export interface PeerSighting {
  sensor: string;
  src: string;
  periodS: number | null;
}

export interface Prevalence {
  /** the home's devices with any outbound or local behaviour (resolvers aside) */
  homeDevices: number;
  /** per group key: devices whose group there repeats on a timer */
  periodic: ReadonlyMap<string, readonly PeerSighting[]>;
  /** per group key: the home's devices (deviceKey: an address on one sensor) with any pair to it, on any schedule */
  reachedBy: ReadonlyMap<string, ReadonlySet<string>>;
}

/** "Most of the home": more than half of its devices, and never fewer than three. */
export function mostOfHome(homeDevices: number): number {
  return Math.max(3, Math.floor(homeDevices / 2) + 1);
}

/** the lowest pair score at which a device's behaviour counts as "on a timer" for its peers */
const PERIODIC_SCORE = 0.5;

export function prevalenceOf(
  groups: readonly PairGroup[],
  resolvers: ReadonlySet<string>,
  leadOf: (g: PairGroup) => ScoredPairRow | null,
  directionOf: (g: PairGroup) => Direction,
): Prevalence {
  const periodic = new Map<string, PeerSighting[]>();
  const reachedBy = new Map<string, Set<string>>();
  const home = new Set<string>();
  for (const g of groups) {
    // Only the home's own devices make a product: forty scanners polling one server do not.
    // a device is an address on one sensor: two sites' 192.168.1.10 are two devices
    const device = deviceKey(g.sensor, g.src);
    if (resolvers.has(device)) continue;
    const dir = directionOf(g);
    if (dir !== 'outbound' && dir !== 'local') continue;
    home.add(device);
    const reach = reachedBy.get(g.key) ?? new Set<string>();
    reach.add(device);
    reachedBy.set(g.key, reach);
    const lead = leadOf(g);
    if (!lead || (lead.score ?? 0) < PERIODIC_SCORE || !repeats(lead)) continue;
    const list = periodic.get(g.key) ?? [];
    list.push({ sensor: g.sensor, src: g.src, periodS: lead.stats?.periodS ?? null });
    periodic.set(g.key, list);
  }
  return { homeDevices: home.size, periodic, reachedBy };
}

/**
 * The name a behaviour is about is backed: the device itself looked it up and DNS answered, and
 * no TLS SNI or HTTP Host of the behaviour went to an address DNS never gave that name.
 */
export function identityBacked(g: PairGroup, ev: PairEvidence): boolean {
  if (g.kind !== 'name') return false;
  if (!g.members.some((m) => m.source === 'dns' && m.variant === 'resolved' && m.dst === g.key)) return false;
  return !g.members.some((m) => (m.source === 'ssl' || m.source === 'http') && m.dst === g.key && ev.unbackedClaim(m) !== null);
}

/** Other devices whose behaviour with this key repeats on a similar timer (within a factor 2). */
export function peersOnSchedule(prev: Prevalence, g: PairGroup, periodS: number | null): { sensor: string; src: string }[] {
  const peers = (prev.periodic.get(g.key) ?? []).filter((p) => (p.src !== g.src || p.sensor !== g.sensor) && similarPeriod(p.periodS, periodS, 2));
  const byDevice = new Map(peers.map((p) => [deviceKey(p.sensor, p.src), { sensor: p.sensor, src: p.src }]));
  return [...byDevice.values()];
}

/**
 * A campaign: this device calls the destination on a timer, so does at least one other device, and
 * the destination is nobody's product: an outbound address no DNS answer in the home gave (a
 * hard-coded address), or a name or domain fewer than most of the home reach (a product's name is
 * looked up by most of the home, prevalence above) that no catalogue entry or rule of the owner
 * covers (`known`: the trust checks in build.ts decide that a name is really that name). One unknown destination on several devices
 * on one timer is an implant that spread (a worm, a second copy), which raises.
 */
export function isCampaign(
  g: PairGroup,
  direction: Direction,
  lead: ScoredPairRow,
  peers: readonly unknown[],
  ev: PairEvidence,
  prev: Prevalence,
  known = false,
): boolean {
  if (direction !== 'outbound' || peers.length === 0) return false;
  if ((lead.score ?? 0) < PERIODIC_SCORE || !repeats(lead)) return false;
  if (g.kind === 'address') return !ev.addressFromDns(g.src, g.key);
  if (g.kind === 'name' || g.kind === 'domain') return !known && (prev.reachedBy.get(g.key)?.size ?? 0) < mostOfHome(prev.homeDevices);
  return false;
}

export function similarPeriod(a: number | null, b: number | null, within: number): boolean {
  if (a === null || b === null || a <= 0 || b <= 0) return a === b;
  const r = a / b;
  return r > 1 / within && r < within;
}
