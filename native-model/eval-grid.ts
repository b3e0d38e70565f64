// The held-out synthetic evaluation set: a period × jitter grid of beacons (with the usual
// mess: misses, extra connections, bursts, partial presence), every negative kind, and a
// "present only in the last third of the day" set (the talk's Zeus capture).
import { DAY_S, groupActivities, makeBeacon, makeNegative, sampleBeaconSpec, type JitterStyle, type SyntheticSeries } from './generator.js';
import { makeNegativeEvents, NEGATIVE_KINDS } from './negatives.js';
import { createRng, type Rng } from './rng.js';

export const PERIOD_BANDS = [
  { label: '5–60 s', lo: 5, hi: 60 },
  { label: '1–10 min', lo: 60, hi: 600 },
  { label: '10–60 min', lo: 600, hi: 3600 },
  { label: '1–4 h', lo: 3600, hi: 14400 },
  { label: '4–12 h', lo: 14400, hi: 43200 },
] as const;

export const JITTER_BANDS = [
  { label: '0%', lo: 0, hi: 0 },
  { label: '1–20%', lo: 0.01, hi: 0.2 },
  { label: '20–50%', lo: 0.2, hi: 0.5 },
  { label: '50–80%', lo: 0.5, hi: 0.8 },
] as const;

export interface EvalItem {
  series: SyntheticSeries;
  group: 'grid' | 'negative' | 'partial';
  periodBand?: number;
  jitterBand?: number;
}

const STYLES: readonly JitterStyle[] = ['reduce', 'symmetric', 'additive'];

export function buildEvalSet(seed: number, perCell: number, perNegativeKind: number, partial: number): EvalItem[] {
  const rng = createRng(seed);
  const items: EvalItem[] = [];
  PERIOD_BANDS.forEach((pb, pi) => {
    JITTER_BANDS.forEach((jb, ji) => {
      for (let k = 0; k < perCell; k++) {
        const spec = sampleBeaconSpec(rng);
        spec.periodS = rng.logUniform(pb.lo, pb.hi);
        spec.style = jb.hi === 0 ? 'none' : rng.pick(STYLES);
        spec.jitter = jb.hi === 0 ? 0 : rng.uniform(jb.lo, jb.hi);
        items.push({ series: makeBeacon(rng, spec), group: 'grid', periodBand: pi, jitterBand: ji });
      }
    });
  });
  for (const kind of NEGATIVE_KINDS) {
    for (let k = 0; k < perNegativeKind; k++) items.push({ series: makeNegative(rng, kind), group: 'negative' });
  }
  for (let k = 0; k < partial; k++) items.push({ series: lastThirdBeacon(rng), group: 'partial' });
  return items;
}

/** Other traffic for the first two thirds of the day, then a beacon for the last third only. */
export function lastThirdBeacon(rng: Rng, periodS = rng.logUniform(10, 600), jitter = rng.uniform(0, 0.3)) {
  const events: number[] = [];
  const flags: number[] = [];
  for (const t of makeNegativeEvents(rng, rng.pick(NEGATIVE_KINDS), DAY_S)) {
    if (t < (2 * DAY_S) / 3) {
      events.push(t);
      flags.push(0);
    }
  }
  for (let t = (2 * DAY_S) / 3 + rng.uniform(0, periodS); t < DAY_S; t += periodS * (1 + jitter * (2 * rng.next() - 1))) {
    events.push(t + rng.uniform(-0.5, 0.5));
    flags.push(1);
  }
  const g = groupActivities(events, flags);
  return {
    ...g,
    windowS: DAY_S,
    label: { beacon: 1, jitter: jitter >= 0.1 ? 1 : 0 },
    kind: 'beacon',
    spec: null,
  } satisfies SyntheticSeries;
}
