// Non-beacon activity for the synthetic set: what a (source → destination) pair looks like
// when a person, a browser or a bursty service drives it. "near-regular" is the hard case:
// intervals that cluster around a typical value without a timer behind them.
import type { Rng } from './rng.js';

export type NegativeKind = 'poisson' | 'heavy-tail' | 'diurnal' | 'one-end' | 'scattered' | 'near-regular';

export const NEGATIVE_KINDS: readonly NegativeKind[] = ['poisson', 'heavy-tail', 'diurnal', 'one-end', 'scattered', 'near-regular'];

/** Raw event times in [0, windowS), unsorted, before grouping. */
export function makeNegativeEvents(rng: Rng, kind: NegativeKind, windowS: number): number[] {
  const out: number[] = [];
  switch (kind) {
    case 'poisson': {
      const n = Math.round(rng.logUniform(5, 3000));
      for (let i = 0; i < n; i++) out.push(rng.uniform(0, windowS));
      break;
    }
    case 'heavy-tail': {
      // lognormal intervals with a wide sigma: mostly short gaps, occasionally hours
      const sigma = rng.uniform(1, 2.5);
      const mu = Math.log(rng.logUniform(5, 3600));
      let t = rng.uniform(0, windowS * 0.5);
      while (t < windowS && out.length < 4000) {
        out.push(t);
        t += Math.exp(mu + sigma * rng.normal());
      }
      break;
    }
    case 'diurnal': {
      // a person's sessions: clustered in waking hours, dense inside, silent between
      const sessions = rng.int(1, 14);
      const dayOffset = rng.uniform(0, 86400);
      for (let s = 0; s < sessions; s++) {
        const hour = 14 + 4 * rng.normal();
        const start = (dayOffset + hour * 3600) % windowS;
        const length = rng.exponential(rng.uniform(300, 3600));
        const meanGap = rng.logUniform(2, 120);
        for (let t = start; t < start + length && t < windowS && out.length < 4000;) {
          out.push(t);
          t += rng.exponential(meanGap);
        }
      }
      break;
    }
    case 'one-end': {
      const frac = rng.uniform(0.05, 0.4);
      const n = Math.round(rng.logUniform(5, 1500));
      const atStart = rng.bool(0.5);
      for (let i = 0; i < n; i++) {
        // squared uniform piles activity up against the edge of the window
        const x = frac * windowS * rng.next() ** rng.uniform(1, 2);
        out.push(atStart ? x : windowS - 1e-3 - x);
      }
      break;
    }
    case 'scattered': {
      const clusters = rng.int(2, 40);
      for (let c = 0; c < clusters; c++) {
        const t0 = rng.uniform(0, windowS);
        const k = rng.int(1, 10);
        const spread = rng.logUniform(1, 600);
        for (let i = 0; i < k; i++) out.push(Math.min(windowS - 1e-3, t0 + rng.uniform(0, spread)));
      }
      break;
    }
    case 'near-regular': {
      // gamma (CV 0.63–0.9) or lognormal (sigma 0.6–1.0) around a typical gap: a polling
      // loop driven by user activity, not a timer. Bounded-support jitter is what beacons have.
      const mean = rng.logUniform(10, 7200);
      const lognormal = rng.bool(0.4);
      const shape = rng.uniform(1.2, 2.5);
      const sigma = rng.uniform(0.6, 1.0);
      let t = rng.uniform(0, Math.min(windowS * 0.5, mean * 2));
      while (t < windowS && out.length < 4000) {
        out.push(t);
        t += lognormal ? mean * Math.exp(sigma * rng.normal() - (sigma * sigma) / 2) : (mean * rng.gamma(shape)) / shape;
      }
      break;
    }
  }
  return out;
}
