// The corpus's own seeded randomness (mulberry32): independent of native-model's generator so
// tuning on one cannot leak into the other, and tiny enough to read.

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** a stream that repeats this one's draws from here on (the same choices made twice) */
  clone(): Rng {
    const r = new Rng(0);
    r.state = this.state;
    return r;
  }

  /** uniform in [0, 1) */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** integer in [lo, hi] */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /** exponential with the given mean (Poisson arrivals) */
  exp(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** approximately normal (sum of uniforms), good enough for latency noise */
  normal(mean: number, sd: number): number {
    let s = 0;
    for (let i = 0; i < 6; i++) s += this.next();
    return mean + (s - 3) * sd * Math.SQRT2;
  }

  /** a child stream, so adding draws in one part does not shift every other part */
  fork(label: string): Rng {
    let h = this.state ^ 0x811c9dc5;
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 16777619);
    return new Rng(h >>> 0);
  }
}

const UID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** a Zeek-looking connection uid: 'C' and 17 base62 characters */
export function zeekUid(rng: Rng): string {
  let s = 'C';
  for (let i = 0; i < 17; i++) s += UID_CHARS[Math.floor(rng.next() * 62)];
  return s;
}

export function randomLabel(rng: Rng, len: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'): string {
  let s = '';
  for (let i = 0; i < len; i++) s += alphabet[Math.floor(rng.next() * alphabet.length)];
  return s;
}

/** a public IPv4 address outside private, loopback, multicast and reserved ranges */
export function publicAddress(rng: Rng, firstOctets: readonly number[] = []): string {
  for (;;) {
    const a = firstOctets.length ? rng.pick(firstOctets) : rng.int(1, 223);
    if (a === 10 || a === 127 || a === 0 || a === 100 || a === 169 || a === 172 || a === 192 || a === 198 || a === 203) continue;
    return `${a}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
  }
}
