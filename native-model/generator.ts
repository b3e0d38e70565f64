// Synthetic (source → destination) activity series for training and evaluating the CNN.
// Beacons recreate how C2 implants sleep between check-ins (GUIDE §1); negatives come from
// negatives.ts. Everything is driven by a seeded Rng so a seed reproduces a data set.
import { createRng, type Rng } from './rng.js';
import { makeNegativeEvents, NEGATIVE_KINDS, type NegativeKind } from './negatives.js';

export const DAY_S = 86_400;
/** Events closer than this are one activity (several connections per check-in). */
export const GROUP_GAP_S = 1;

/**
 * How a framework randomises its sleep S with jitter J (a fraction):
 * - reduce:    uniform in [S(1−J), S]        (Cobalt Strike)
 * - symmetric: uniform in [S(1−J), S(1+J)]   (Empire, Meterpreter)
 * - additive:  S + uniform in [0, J·S]       (Sliver-style)
 */
export type JitterStyle = 'none' | 'reduce' | 'symmetric' | 'additive';
export const JITTER_STYLES: readonly JitterStyle[] = ['none', 'reduce', 'symmetric', 'additive'];

/** Relative jitter at or above which the jitter head's label is 1. */
export const JITTER_LABEL_THRESHOLD = 0.1;

export interface BeaconSpec {
  periodS: number;
  style: JitterStyle;
  /** jitter fraction J (0 for style 'none') */
  jitter: number;
  /** each event moves by uniform ±latencyS */
  latencyS: number;
  /** probability that a check-in is skipped (the timer keeps running) */
  missRate: number;
  /** extra connections per check-in: 0 = one connection */
  extraConns: number;
  /** fraction of the window the beacon is active for (1 = whole window) */
  presence: number;
  /** interactive bursts (operator at work) laid on top */
  bursts: number;
  /** unrelated background activity, as a fraction of the beacon's check-ins */
  noise: number;
}

export interface SyntheticSeries {
  /** activity start times, seconds from the window start, ascending, grouped */
  times: Float64Array;
  /** per activity: 1 when it comes from the beacon's schedule (check-in or its extra conns) */
  fromBeacon: Uint8Array;
  windowS: number;
  label: { beacon: 0 | 1; jitter: 0 | 1 };
  kind: 'beacon' | NegativeKind;
  spec: BeaconSpec | null;
}

/** The jitter actually applied: the framework's J, or the latency when it dominates. */
export function appliedJitter(spec: BeaconSpec): number {
  return Math.max(spec.style === 'none' ? 0 : spec.jitter, (2 * spec.latencyS) / spec.periodS);
}

export function sampleBeaconSpec(rng: Rng): BeaconSpec {
  const style = rng.pick(JITTER_STYLES);
  const periodS = rng.logUniform(5, 12 * 3600);
  return {
    periodS,
    style,
    jitter: style === 'none' ? 0 : rng.bool(0.15) ? rng.uniform(0.01, 0.1) : rng.uniform(0.1, 0.85),
    // up to the talk's ±2 s, but at most 20% of the period: beyond that a 5 s "beacon" is
    // indistinguishable from busy random traffic, and real latency is rarely above 0.5 s
    latencyS: Math.min(0.2 * periodS, rng.bool(0.5) ? rng.uniform(0, 2) : rng.logUniform(0.001, 0.5)),
    missRate: rng.bool(0.4) ? rng.uniform(0, 0.3) : 0,
    extraConns: rng.bool(0.35) ? rng.int(1, 5) : 0,
    presence: rng.bool(0.3) ? rng.uniform(0.2, 0.8) : 1,
    bursts: rng.bool(0.25) ? rng.int(1, 4) : 0,
    noise: rng.bool(0.2) ? rng.uniform(0.02, 0.3) : 0,
  };
}

function sleep(rng: Rng, spec: BeaconSpec): number {
  const s = spec.periodS;
  const j = spec.jitter;
  switch (spec.style) {
    case 'none':
      return s;
    case 'reduce':
      return s * (1 - j * rng.next());
    case 'symmetric':
      return s * (1 + j * (2 * rng.next() - 1));
    case 'additive':
      return s + j * s * rng.next();
  }
}

/** Long periods get a multi-day window so at least ~6 check-ins exist (the model's floor). */
export function windowFor(periodS: number, rng: Rng): number {
  return Math.max(DAY_S, Math.ceil(periodS * rng.uniform(7, 14)));
}

export function makeBeacon(rng: Rng, spec: BeaconSpec, windowS = windowFor(spec.periodS, rng)) {
  const span = Math.max(spec.presence * windowS, Math.min(windowS, 8 * spec.periodS));
  const spanStart = rng.uniform(0, windowS - span);
  const spanEnd = spanStart + span;
  const events: number[] = [];
  const flags: number[] = [];
  const push = (t: number, f: number) => {
    if (t >= 0 && t < windowS) {
      events.push(t);
      flags.push(f);
    }
  };
  let checkins = 0;
  // first check-in anywhere within one sleep of the span start
  for (let t = spanStart + rng.uniform(0, spec.periodS); t < spanEnd; t += sleep(rng, spec)) {
    if (spec.missRate > 0 && rng.bool(spec.missRate)) continue;
    checkins++;
    const at = t + rng.uniform(-spec.latencyS, spec.latencyS);
    push(at, 1);
    for (let c = 0; c < spec.extraConns; c++) {
      // most extra connections land within the same second; some trail by seconds
      const lag = rng.bool(0.7) ? rng.uniform(0, 0.9) : rng.uniform(1, Math.min(10, 0.3 * spec.periodS) + 1);
      push(at + lag, 1);
    }
  }
  for (let b = 0; b < spec.bursts; b++) {
    let t = rng.uniform(spanStart, spanEnd);
    const n = rng.int(5, 60);
    const gap = rng.uniform(1, 15);
    for (let i = 0; i < n; i++, t += rng.exponential(gap)) push(t, 0);
  }
  const noiseN = Math.round(spec.noise * checkins);
  for (let i = 0; i < noiseN; i++) push(rng.uniform(0, windowS), 0);
  if (spec.presence < 1 && rng.bool(0.5)) {
    // the rest of the day is not silent: other traffic to the same destination
    const other = makeNegativeEvents(rng, rng.pick(NEGATIVE_KINDS), windowS);
    for (const t of other) if (t < spanStart || t > spanEnd) push(t, 0);
  }
  return group(events, flags, windowS, {
    label: { beacon: 1, jitter: appliedJitter(spec) >= JITTER_LABEL_THRESHOLD ? 1 : 0 },
    kind: 'beacon',
    spec,
  });
}

export function makeNegative(rng: Rng, kind: NegativeKind, windowS = DAY_S): SyntheticSeries {
  const events = makeNegativeEvents(rng, kind, windowS);
  if (rng.bool(0.2)) events.push(...makeNegativeEvents(rng, rng.pick(NEGATIVE_KINDS), windowS));
  const flags = new Array<number>(events.length).fill(0);
  return group(events, flags, windowS, { label: { beacon: 0, jitter: 0 }, kind, spec: null });
}

/** Half beacons, half negatives (kinds uniform). */
export function sampleSeries(rng: Rng, pBeacon = 0.5): SyntheticSeries {
  if (rng.bool(pBeacon)) return makeBeacon(rng, sampleBeaconSpec(rng));
  return makeNegative(rng, rng.pick(NEGATIVE_KINDS), rng.bool(0.15) ? DAY_S * rng.uniform(1, 3) : DAY_S);
}

export function* generateSeries(seed: number, count: number, pBeacon = 0.5) {
  const rng = createRng(seed);
  for (let i = 0; i < count; i++) yield sampleSeries(rng, pBeacon);
}

/**
 * Sort and merge events less than GROUP_GAP_S after the previous event into one activity (the
 * app does the same before scoring). An activity is from the beacon if any of its events is.
 */
export function groupActivities(events: readonly number[], flags: readonly number[]) {
  const order = events.map((_, i) => i).sort((a, b) => events[a]! - events[b]!);
  const times: number[] = [];
  const from: number[] = [];
  let last = -Infinity;
  for (const i of order) {
    const t = events[i]!;
    if (t - last < GROUP_GAP_S && times.length > 0) {
      if (flags[i]) from[from.length - 1] = 1;
    } else {
      times.push(t);
      from.push(flags[i] ? 1 : 0);
    }
    last = t;
  }
  return { times: Float64Array.from(times), fromBeacon: Uint8Array.from(from) };
}

function group(
  events: readonly number[],
  flags: readonly number[],
  windowS: number,
  rest: Pick<SyntheticSeries, 'label' | 'kind' | 'spec'>,
): SyntheticSeries {
  return { ...groupActivities(events, flags), windowS, ...rest };
}
