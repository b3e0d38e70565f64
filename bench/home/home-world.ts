// The home itself: LAN, router, devices with their days (at home, awake), and the DNS view of
// the Internet (which name answers which addresses, with rotation for pools and CDNs).
import { publicAddress, randomLabel, type Rng } from './prng.js';

export type DeviceKind =
  | 'phone'
  | 'laptop'
  | 'desktop'
  | 'tv'
  | 'speaker'
  | 'thermostat'
  | 'camera'
  | 'plug'
  | 'nas'
  | 'printer'
  | 'console'
  | 'tablet'
  | 'doorbell'
  | 'vacuum'
  | 'streamer';
export type Platform = 'ios' | 'android' | 'macos' | 'windows' | 'linux' | 'embedded';

export interface Device {
  address: string;
  mac: string;
  hostName: string;
  kind: DeviceKind;
  platform: Platform;
  /** [from, to) spans when the device is on the LAN */
  home: [number, number][];
  /** [from, to) spans when it is in use (laptops open, phones not dozing); within `home` */
  awake: [number, number][];
}

export interface NameAnswer {
  addrs: string[];
  ttl: number;
  cname?: string;
}

interface NameSpec {
  pool: string[];
  /** addresses per answer (the rest of the pool rotates in over time) */
  count: number;
  ttl: number;
  /** answers change every this many seconds */
  rotateS: number;
  cname?: string;
  nx?: number;
}

function within(spans: readonly [number, number][], t: number): boolean {
  for (const [a, b] of spans) if (t >= a && t < b) return true;
  return false;
}

export function isHome(d: Device, t: number): boolean {
  return within(d.home, t);
}

export function isAwake(d: Device, t: number): boolean {
  return within(d.awake, t);
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Authoritative answers for every name the home may ask about. */
export class NameSpace {
  private readonly specs = new Map<string, NameSpec>();

  define(name: string, spec: Partial<NameSpec> & { pool: string[] }): void {
    this.specs.set(name, { count: spec.pool.length, ttl: 300, rotateS: 3600, ...spec });
  }

  /** `*.domain` specs answer every subdomain except a stable fraction (`nx`) that is NXDOMAIN */
  private wildcard(name: string): NameSpec | undefined {
    for (let i = name.indexOf('.'); i >= 0; i = name.indexOf('.', i + 1)) {
      const s = this.specs.get(`*${name.slice(i)}`);
      if (s) return (hash(name) % 1000) / 1000 < (s.nx ?? 0) ? undefined : s;
    }
    return undefined;
  }

  has(name: string): boolean {
    return this.specs.has(name);
  }

  /** null = NXDOMAIN */
  answer(name: string, t: number): NameAnswer | null {
    const s = this.specs.get(name) ?? this.wildcard(name);
    if (!s) return null;
    if (s.count >= s.pool.length) return { addrs: [...s.pool], ttl: s.ttl, ...(s.cname ? { cname: s.cname } : {}) };
    const bucket = Math.floor(t / s.rotateS);
    const first = hash(`${name}/${bucket}`) % s.pool.length;
    const addrs: string[] = [];
    for (let i = 0; i < s.count; i++) addrs.push(s.pool[(first + i * 3) % s.pool.length]!);
    return { addrs: [...new Set(addrs)], ttl: s.ttl, ...(s.cname ? { cname: s.cname } : {}) };
  }
}

export interface Home {
  lan: string;
  router: string;
  routerMac: string;
  upstreamResolvers: string[];
  devices: Device[];
  /** hours to add to UTC for the home's local clock (days and nights follow it) */
  tzOffsetH: number;
}

const PLAN: [DeviceKind, Platform[], number, number][] = [
  ['phone', ['ios', 'android'], 4, 5],
  ['laptop', ['macos', 'windows'], 2, 3],
  ['desktop', ['windows', 'linux'], 1, 2],
  ['tv', ['embedded'], 1, 2],
  ['speaker', ['embedded'], 2, 3],
  ['thermostat', ['embedded'], 1, 1],
  ['camera', ['embedded'], 2, 4],
  ['plug', ['embedded'], 4, 6],
  ['nas', ['linux'], 1, 1],
  ['printer', ['embedded'], 1, 1],
  ['console', ['embedded'], 1, 1],
  ['tablet', ['ios', 'android'], 1, 2],
  ['doorbell', ['embedded'], 1, 1],
  ['vacuum', ['embedded'], 0, 1],
  ['streamer', ['embedded'], 0, 1],
];

const PEOPLE = ['alex', 'sam', 'jo', 'kim', 'lee', 'max', 'ana', 'ben', 'eva', 'tom'];

function macAddress(rng: Rng): string {
  return Array.from({ length: 6 }, (_, i) => (i === 0 ? rng.int(0, 63) * 4 : rng.int(0, 255)).toString(16).padStart(2, '0')).join(':');
}

function hostName(rng: Rng, kind: DeviceKind, platform: Platform, n: number): string {
  const who = rng.pick(PEOPLE);
  switch (kind) {
    case 'phone':
      return platform === 'ios' ? `${who}s-iPhone` : `Pixel-${randomLabel(rng, 4, '0123456789')}`;
    case 'laptop':
      return platform === 'macos' ? `${who}s-MacBook-Air` : `LAPTOP-${randomLabel(rng, 7, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789')}`;
    case 'desktop':
      return platform === 'windows' ? `DESKTOP-${randomLabel(rng, 7, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789')}` : `${who}-workstation`;
    case 'tablet':
      return platform === 'ios' ? `${who}s-iPad` : `Galaxy-Tab-${n}`;
    case 'plug':
      return `HS103-plug-${n}`;
    case 'camera':
      return `cam-${['porch', 'garden', 'garage', 'hall'][n % 4]}`;
    default:
      return `${kind}-${randomLabel(rng, 4, '0123456789abcdef')}`;
  }
}

/** Local clock spans [from, to) hours for each day, turned into epoch spans. */
function dailySpans(start: number, end: number, tz: number, rng: Rng, day: (rng: Rng, dayIndex: number) => [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  const firstMidnight = Math.floor((start + tz * 3600) / 86400) * 86400 - tz * 3600;
  for (let m = firstMidnight - 86400, i = 0; m < end; m += 86400, i++) {
    for (const [a, b] of day(rng, i)) {
      const from = Math.max(start, m + a * 3600);
      const to = Math.min(end, m + b * 3600);
      if (to > from) out.push([from, to]);
    }
  }
  return out;
}

function buildDays(d: Omit<Device, 'home' | 'awake'>, start: number, end: number, tz: number, rng: Rng): Pick<Device, 'home' | 'awake'> {
  const always: [number, number][] = [[start, end]];
  switch (d.kind) {
    case 'phone': {
      // Out by day on most days; dozing at night (still on Wi-Fi, apps quiet).
      const spans = dailySpans(start, end, tz, rng, (r) =>
        r.chance(0.25)
          ? [[0, 24]]
          : [
              [0, r.uniform(7, 9)],
              [r.uniform(16.5, 19.5), 24],
            ],
      );
      const awake = dailySpans(start, end, tz, rng, (r) => [[r.uniform(6.5, 8), r.uniform(22, 24)]]);
      return { home: spans, awake: intersect(spans, awake) };
    }
    case 'laptop':
    case 'tablet': {
      const awake = dailySpans(start, end, tz, rng, (r) => {
        const a = r.uniform(7.5, 10);
        const lunch = r.uniform(12, 14);
        return [
          [a, lunch],
          [lunch + r.uniform(0.5, 2), r.uniform(20, 23.5)],
        ];
      });
      return { home: d.kind === 'tablet' ? always : awake, awake };
    }
    case 'desktop': {
      if (rng.chance(0.5)) return { home: always, awake: always };
      const on = dailySpans(start, end, tz, rng, (r) => [[r.uniform(8, 10), r.uniform(22, 24)]]);
      return { home: on, awake: on };
    }
    case 'tv':
    case 'console':
    case 'streamer': {
      // Standby keeps the network up; in use in the evening.
      const awake = dailySpans(start, end, tz, rng, (r) => [[r.uniform(18, 20), r.uniform(21.5, 24)]]);
      return { home: always, awake };
    }
    default:
      return { home: always, awake: always };
  }
}

function intersect(a: [number, number][], b: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [a0, a1] of a) for (const [b0, b1] of b) if (Math.min(a1, b1) > Math.max(a0, b0)) out.push([Math.max(a0, b0), Math.min(a1, b1)]);
  return out.sort((x, y) => x[0] - y[0]);
}

export function buildHome(rng: Rng, start: number, end: number): Home {
  const third = rng.pick([0, 1, 2, 10, 50, 68, 178]);
  const lan = `192.168.${third}`;
  const tzOffsetH = rng.pick([-8, -5, 0, 1, 2]);
  const devices: Device[] = [];
  const used = new Set<number>([1, 255]);
  const nextHost = () => {
    let h: number;
    do h = rng.int(2, 250);
    while (used.has(h));
    used.add(h);
    return h;
  };
  for (const [kind, platforms, lo, hi] of PLAN) {
    const n = rng.int(lo, hi);
    for (let i = 0; i < n; i++) {
      // The first phones, laptops and desktops cover each platform, so every home has them all.
      const platform = i < platforms.length ? platforms[i]! : rng.pick(platforms);
      const base = { address: `${lan}.${nextHost()}`, mac: macAddress(rng), hostName: hostName(rng, kind, platform, i + 1), kind, platform };
      devices.push({ ...base, ...buildDays(base, start, end, tzOffsetH, rng) });
    }
  }
  while (devices.length < 25) {
    const base = {
      address: `${lan}.${nextHost()}`,
      mac: macAddress(rng),
      hostName: `HS103-plug-${devices.length}`,
      kind: 'plug' as const,
      platform: 'embedded' as const,
    };
    devices.push({ ...base, home: [[start, end]], awake: [[start, end]] });
  }
  const resolvers = rng.shuffle(['1.1.1.1', '8.8.8.8', '9.9.9.9', '208.67.222.222']).slice(0, 2);
  return { lan, router: `${lan}.1`, routerMac: macAddress(rng), upstreamResolvers: resolvers, devices, tzOffsetH };
}

/** n public addresses for a provider, clustered the way a provider's ranges are */
export function addressPool(rng: Rng, n: number, firstOctets: readonly number[]): string[] {
  const out = new Set<string>();
  const prefix = `${rng.pick(firstOctets)}.${rng.int(0, 255)}`;
  while (out.size < n) out.add(rng.chance(0.7) ? `${prefix}.${rng.int(0, 255)}.${rng.int(1, 254)}` : publicAddress(rng, firstOctets));
  return [...out];
}
