// Training windows: one random window per synthetic series, labelled by what is inside it.
import { CHANNELS, encodeWindow, MIN_ACTIVITIES, WINDOW } from './features.js';
import { sampleSeries, type SyntheticSeries } from './generator.js';
import { createRng, type Rng } from './rng.js';

export interface WindowSet {
  count: number;
  /** count × WINDOW × CHANNELS */
  x: Float32Array;
  beacon: Float32Array;
  jitter: Float32Array;
  /** 1 where the jitter label counts (beacon windows); the jitter of noise is undefined */
  jitterMask: Float32Array;
}

/**
 * A window is a beacon window when the schedule gives at least half its activities, or 8 of
 * them (a long-period beacon under an interactive burst is still a beacon).
 */
export function labelWindow(s: SyntheticSeries, first: number, intervals: number) {
  let fromBeacon = 0;
  for (let i = first; i <= first + intervals; i++) fromBeacon += s.fromBeacon[i] ?? 0;
  const activities = intervals + 1;
  const beacon = s.label.beacon === 1 && (fromBeacon >= 0.5 * activities || fromBeacon >= 8) ? 1 : 0;
  return { beacon, jitter: beacon ? s.label.jitter : 0, jitterMask: beacon };
}

/** Pick the window: mostly full length; sometimes shorter, so short series are learned too. */
export function pickWindow(rng: Rng, nActivities: number): { first: number; intervals: number } {
  const total = nActivities - 1;
  let intervals = Math.min(total, WINDOW);
  if (rng.bool(0.15)) intervals = Math.min(intervals, rng.int(MIN_ACTIVITIES - 1, WINDOW));
  return { first: rng.int(0, total - intervals), intervals };
}

export function buildWindowSet(seed: number, count: number): WindowSet {
  const rng = createRng(seed);
  const set: WindowSet = {
    count,
    x: new Float32Array(count * WINDOW * CHANNELS),
    beacon: new Float32Array(count),
    jitter: new Float32Array(count),
    jitterMask: new Float32Array(count),
  };
  for (let i = 0; i < count;) {
    const s = sampleSeries(rng);
    if (s.times.length < MIN_ACTIVITIES) continue;
    // Long negatives give 3 windows: a series is scored by its best windows, so every window
    // of a busy random pair is a chance of a false positive and must be learned as negative.
    const windows = s.label.beacon === 0 && s.times.length > 300 ? 3 : 1;
    for (let k = 0; k < windows && i < count; k++, i++) {
      const w = pickWindow(rng, s.times.length);
      encodeWindow(s.times, w.first, w.intervals, set.x, i * WINDOW * CHANNELS);
      const l = labelWindow(s, w.first, w.intervals);
      set.beacon[i] = l.beacon;
      set.jitter[i] = l.jitter;
      set.jitterMask[i] = l.jitterMask;
    }
  }
  return set;
}
