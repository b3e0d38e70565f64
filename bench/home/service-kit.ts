// Shared machinery for the simulated services (benign and C2): labels, schedules, and the
// "look the name up, then connect to what it answered" habit.
import { isAwake, isHome, type Device } from './home-world.js';
import type { Rng } from './prng.js';
import { DnsCache, type TlsOptions, type Traffic } from './traffic.js';

export interface BenignLabel {
  id: string;
  kind: string;
  src: string;
  names: string[];
  addresses: string[];
  /** typical period in seconds (null: event-driven) */
  periodS: number | null;
  note: string;
}

/** A label being filled while its service runs: names and addresses it actually used. */
export class ServiceRun {
  readonly names = new Set<string>();
  readonly addresses = new Set<string>();
  readonly cache = new DnsCache();

  constructor(
    readonly kind: string,
    readonly dev: { address: string },
    readonly periodS: number | null,
    readonly note: string,
  ) {}

  label(id: string): BenignLabel {
    return {
      id,
      kind: this.kind,
      src: this.dev.address,
      names: [...this.names].sort(),
      addresses: [...this.addresses].sort(),
      periodS: this.periodS,
      note: this.note,
    };
  }
}

export type Gate = 'always' | 'home' | 'awake';

export function gateOpen(dev: Device, gate: Gate, t: number): boolean {
  return gate === 'always' || (gate === 'home' ? isHome(dev, t) : isAwake(dev, t));
}

/**
 * Calls `fn` at each tick of a schedule from `start` to `end`: the first tick at `first`, then
 * `next()` seconds later each time; ticks while the gate is closed are skipped (the device sleeps).
 */
export function every(
  start: number,
  end: number,
  first: number,
  next: (t: number) => number,
  dev: Device,
  gate: Gate,
  fn: (t: number) => void,
): void {
  for (let t = first; t < end; t += Math.max(0.5, next(t))) if (t >= start && gateOpen(dev, gate, t)) fn(t);
}

/** Network latency on a check-in: a timer fires on time, the packet leaves a little later. */
export function latency(rng: Rng): number {
  return Math.abs(rng.normal(0, 0.4));
}

/** Look the name up (the run's own cache), then TLS to one answered address with the name as SNI. */
export function httpsByName(tr: Traffic, run: ServiceRun, t: number, name: string, o: Partial<TlsOptions> & { aaaa?: boolean } = {}): string | null {
  const r = tr.lookup(t, run.dev.address, run.cache, name, { aaaa: o.aaaa ?? false });
  run.names.add(name);
  if (r.addrs.length === 0) return null;
  const addr = tr.rng.pick(r.addrs);
  run.addresses.add(addr);
  tr.tls(t + (r.cached ? 0.001 : tr.rng.uniform(0.01, 0.05)), run.dev.address, addr, { sni: name, ...o });
  return addr;
}

export function httpByName(
  tr: Traffic,
  run: ServiceRun,
  t: number,
  host: string,
  uri: string,
  ua: string,
  o: { status?: number; respBytes?: number; aaaa?: boolean } = {},
): void {
  const r = tr.lookup(t, run.dev.address, run.cache, host, { aaaa: o.aaaa ?? false });
  run.names.add(host);
  if (r.addrs.length === 0) return;
  const addr = tr.rng.pick(r.addrs);
  run.addresses.add(addr);
  tr.http(t + 0.02, run.dev.address, addr, host, uri, ua, o);
}

export function ntpByName(tr: Traffic, run: ServiceRun, t: number, name: string, poll = 64): void {
  const r = tr.lookup(t, run.dev.address, run.cache, name);
  run.names.add(name);
  if (r.addrs.length === 0) return;
  const addr = tr.rng.pick(r.addrs);
  run.addresses.add(addr);
  tr.ntp(t + 0.02, run.dev.address, addr, { poll });
}

export function usesAaaa(dev: Device): boolean {
  return dev.platform === 'ios' || dev.platform === 'macos' || dev.platform === 'android' || dev.platform === 'windows';
}
