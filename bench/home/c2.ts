// Planted command-and-control: one style per infected device, each with its own schedule
// habits (jitter models of real frameworks, back-off, operator bursts, slow beacons, DNS C2,
// CDN fronting, borrowed SNI, udp/123). Parameters are drawn per seed.
import { isAwake, type Device } from './home-world.js';
import { publicAddress, randomLabel, type Rng } from './prng.js';
import { latency } from './service-kit.js';
import type { SimContext } from './sim-context.js';
import { DnsCache } from './traffic.js';
import type { WebCatalogue } from './browsing.js';

export const C2_STYLES = [
  'fixed',
  'cobalt-jitter',
  'sliver-jitter',
  'empire-jitter',
  'bursty',
  'partial-sleeping',
  'backoff',
  'slow',
  'dns-c2',
  'cdn-fronted',
  'borrowed-sni',
  'udp123',
] as const;
export type C2Style = (typeof C2_STYLES)[number];

export interface C2Label {
  style: C2Style;
  src: string;
  names: string[];
  addresses: string[];
  ports: number[];
  start: number;
  end: number;
  note: string;
  /** a second copy of another device's implant: same destination and configured sleep, its own check-ins */
  copy?: boolean;
}

/** Vendor names the known-list trusts: a C2 that sends one as SNI borrows that trust. */
const BORROWED_SNI = ['beacon.nest.com', 'frontdoor.nest.com', 'tccna.honeywell.com', 'ws.meethue.com', 'safebrowsing.googleapis.com'];
const WORDS = ['cloud', 'sync', 'update', 'cdn', 'static', 'api', 'telemetry', 'media', 'data', 'edge', 'app', 'service'];

function c2Name(rng: Rng): string {
  return `${rng.pick(WORDS)}-${rng.pick(WORDS)}${randomLabel(rng, 3, 'abcdefghijkmnpqrstuvwxyz23456789')}.${rng.pick(['com', 'net', 'io', 'org', 'xyz'])}`;
}

interface Plan {
  /** next interval after a check-in at t (seconds) */
  next: (t: number) => number;
  note: string;
  /** extra rapid check-ins around t (operator sessions) */
  burst?: (t: number) => number[];
}

function plan(style: C2Style, rng: Rng): Plan {
  switch (style) {
    case 'fixed': {
      const p = rng.pick([30, 60, 120, 300, 600, 900]);
      return { next: () => p + latency(rng), note: `every ${p} s, no jitter` };
    }
    case 'cobalt-jitter': {
      const p = rng.int(30, 600),
        j = rng.uniform(0.2, 0.8);
      return { next: () => p * (1 - rng.uniform(0, j)), note: `sleep ${p} s, jitter ${Math.round(j * 100)} % (subtracts up to j×sleep)` };
    }
    case 'sliver-jitter': {
      const p = rng.int(30, 300),
        j = rng.uniform(0.2, 0.8) * p;
      return { next: () => p + rng.uniform(0, j), note: `interval ${p} s + up to ${Math.round(j)} s` };
    }
    case 'empire-jitter': {
      const p = rng.int(5, 120),
        j = rng.uniform(0.2, 0.8);
      return { next: () => p * rng.uniform(1 - j, 1 + j), note: `delay ${p} s, jitter ${j.toFixed(2)} (uniform ±)` };
    }
    case 'bursty': {
      const p = rng.int(60, 300);
      return {
        next: () => p * rng.uniform(0.9, 1.1),
        note: `beacon ${p} s with operator sessions`,
        burst: (t) => {
          if (!rng.chance(p / 14400)) return [];
          const out: number[] = [];
          for (let u = t + 1, stop = t + rng.uniform(300, 1800); u < stop; u += rng.uniform(0.5, 5)) out.push(u);
          return out;
        },
      };
    }
    case 'partial-sleeping': {
      const p = rng.int(60, 600);
      return { next: () => p * rng.uniform(0.95, 1.05), note: `every ${p} s while the host is awake` };
    }
    case 'backoff': {
      const base = rng.int(10, 60),
        cap = rng.pick([1800, 3600, 7200]);
      let cur = base,
        atCap = 0,
        capTurns = rng.int(1, 4);
      return {
        next: () => {
          const out = cur * rng.uniform(0.97, 1.03);
          if (cur * 2 <= cap) cur *= 2;
          else if (++atCap >= capTurns) {
            cur = base;
            atCap = 0;
            capTurns = rng.int(1, 4);
          } else cur = cap;
          return out;
        },
        note: `back-off from ${base} s doubling to ${cap} s, then reset`,
      };
    }
    case 'slow': {
      const p = rng.uniform(2, 8) * 3600;
      return { next: () => p * rng.uniform(0.95, 1.05), note: `every ${(p / 3600).toFixed(1)} h` };
    }
    default: {
      const p = rng.pick([30, 60, 120, 300]);
      return { next: () => p * rng.uniform(0.9, 1.1) + latency(rng), note: `every ${p} s ±10 %` };
    }
  }
}

/** Which device gets which style: a laptop for partial-sleeping, any other non-plug device otherwise. */
function assign(ctx: SimContext): Map<C2Style, Device> {
  const { rng } = ctx;
  // Laptops always sleep at night (some desktops never do).
  const sleepers = rng.shuffle(ctx.home.devices.filter((d) => d.kind === 'laptop'));
  const out = new Map<C2Style, Device>([['partial-sleeping', sleepers[0]!]]);
  const rest = rng.shuffle(ctx.home.devices.filter((d) => d !== sleepers[0] && d.kind !== 'plug'));
  let i = 0;
  for (const s of C2_STYLES) if (s !== 'partial-sleeping') out.set(s, rest[i++]!);
  return out;
}

/** What one planted C2 needs to run on a device: its label and a check-in maker per device. */
interface Planted {
  label: C2Label;
  checkInFor: (dev: Device) => (t: number) => void;
  names: Set<string>;
  addrs: Set<string>;
  /** draws the same timer parameters again (a copy of the implant keeps its configured sleep) */
  planRng: Rng;
}

/** Check-ins on the implant's timer while the device is home (awake for a sleeping laptop). */
function runTimer(ctx: SimContext, style: C2Style, dev: Device, p: Plan, start: number, checkIn: (t: number) => void): void {
  const awakeOnly = style === 'partial-sleeping';
  for (let t = start; t < ctx.end; t += Math.max(0.5, p.next(t))) {
    if (awakeOnly ? !isAwake(dev, t) : !dev.home.some(([a, b]) => t >= a && t < b)) continue;
    checkIn(t);
    for (const u of p.burst?.(t) ?? []) if (u < ctx.end) checkIn(u);
  }
}

/** Defines the C2's destination (names, addresses) once; check-ins can then come from any device. */
function destination(ctx: SimContext, web: WebCatalogue, style: C2Style, label: C2Label, planRng: Rng): Planted {
  const { rng, tr } = ctx;
  const names = new Set<string>(),
    addrs = new Set<string>();
  let checkInFor: Planted['checkInFor'];
  if (style === 'dns-c2') {
    const domain = c2Name(rng);
    ctx.names.define(`*.${domain}`, { pool: [publicAddress(rng)], ttl: 0, nx: 0.15 });
    names.add(domain);
    label.ports = [53];
    checkInFor = (dev) => (t) => {
      const q = `${randomLabel(rng, rng.int(16, 40), '0123456789abcdef')}.${domain}`;
      // NXDOMAIN makes the implant retry the same name once or twice.
      for (let k = 0, u = t; k < 3; k++, u += rng.uniform(1, 3))
        if (tr.dnsQuery(u, dev.address, ctx.home.router, q).length > 0 || rng.chance(0.4)) break;
    };
  } else if (style === 'borrowed-sni' || style === 'udp123') {
    const addr = publicAddress(rng);
    addrs.add(addr);
    const sni = rng.pick(BORROWED_SNI);
    if (style === 'borrowed-sni') names.add(sni);
    else label.ports = [123];
    checkInFor =
      style === 'udp123'
        ? (dev) => (t) =>
            void tr.conn(t, dev.address, addr, 123, 'udp', null, {
              dur: rng.uniform(0.05, 0.3),
              ob: rng.int(90, 600),
              rb: rng.int(90, 1200),
              sport: rng.int(49152, 65535),
            })
        : (dev) => (t) => void tr.tls(t, dev.address, addr, { sni, origBytes: rng.int(300, 1500), respBytes: rng.int(200, 3000) });
  } else {
    const name = style === 'cdn-fronted' ? `assets-${randomLabel(rng, 6)}.${rng.pick(['azureedge.net', 'b-cdn.net', 'akamaized.net'])}` : c2Name(rng);
    if (style === 'cdn-fronted') ctx.names.define(name, { pool: rng.pick(web.cdnPools), count: 2, ttl: 60, rotateS: 300 });
    else
      ctx.names.define(name, {
        pool: [publicAddress(rng), publicAddress(rng)],
        count: rng.int(1, 2),
        ttl: rng.pick([60, 300, 600]),
        rotateS: 86400,
      });
    names.add(name);
    const useHttp = style === 'empire-jitter' && rng.chance(0.5);
    if (useHttp) label.ports = [80];
    checkInFor = (dev) => {
      const cache = new DnsCache();
      return (t) => {
        const r = tr.lookup(t, dev.address, cache, name);
        if (r.addrs.length === 0) return;
        const addr = rng.pick(r.addrs);
        addrs.add(addr);
        if (useHttp)
          tr.http(
            t + 0.02,
            dev.address,
            addr,
            name,
            rng.pick(['/login/process.php', '/admin/get.php', '/news.php']),
            'Mozilla/5.0 (Windows NT 10.0; Win64; x64; Trident/7.0; rv:11.0) like Gecko',
            { respBytes: rng.int(0, 300) },
          );
        else tr.tls(t + 0.02, dev.address, addr, { sni: name, origBytes: rng.int(300, 1500), respBytes: rng.int(200, 3000) });
      };
    };
  }
  return { label, checkInFor, names, addrs, planRng };
}

/** When an infection starts: a few predate the capture; most begin later, leaving ≥10 h to observe. */
function startOf(ctx: SimContext, rng: Rng, style: C2Style): number {
  const early = style === 'slow' || rng.chance(0.25);
  return early ? ctx.start + rng.uniform(0, 600) : ctx.start + rng.uniform(0, Math.max(0, ctx.end - ctx.start - 36000));
}

/**
 * Plants one C2 of each style. With `copy`, one of them (drawn per seed on a stream of its own, so
 * the other implants are unchanged) also runs on a second device: same destination and configured sleep, its own
 * draws and start — the second copy of one implant a spreading infection leaves.
 */
export function runC2(ctx: SimContext, web: WebCatalogue, opts: { copy?: boolean } = {}): C2Label[] {
  const { rng } = ctx;
  const planted: Planted[] = [];
  const infected = assign(ctx);
  for (const [style, dev] of infected) {
    const planRng = rng.clone();
    const p = plan(style, rng);
    const start = startOf(ctx, rng, style);
    const label: C2Label = { style, src: dev.address, names: [], addresses: [], ports: [443], start, end: ctx.end, note: p.note };
    const one = destination(ctx, web, style, label, planRng);
    runTimer(ctx, style, dev, p, start, one.checkInFor(dev));
    planted.push(one);
  }
  if (opts.copy) {
    const crng = rng.fork('second-copy');
    const original = crng.pick(planted.filter((x) => x.label.style !== 'partial-sleeping'));
    const style = original.label.style;
    const taken = new Set([...infected.values()].map((d) => d.address));
    const dev = crng.pick(ctx.home.devices.filter((d) => !taken.has(d.address) && d.kind !== 'plug'));
    // the same implant: its configured sleep (and jitter model) again, its own draws from there
    const p = plan(style, original.planRng);
    const start = startOf(ctx, crng, style);
    const label: C2Label = { ...original.label, src: dev.address, start, note: `second copy: ${p.note}`, copy: true };
    runTimer(ctx, style, dev, p, start, original.checkInFor(dev));
    planted.push({ ...original, label });
  }
  for (const x of planted) {
    x.label.names = [...x.names].sort();
    x.label.addresses = [...x.addrs].sort();
  }
  return planted.map((x) => x.label);
}
