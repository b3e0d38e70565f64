// Gaps of whole periods (a host asleep through a few check-ins) count as evidence of a timer,
// gaps that fall between periods do not, and random arrivals gain nothing from the second test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreDetail } from './combine.js';
import { latticeSpread } from './lattice.js';
import { mulberry32 } from './null-model.js';
import { REGULARITY_TAIL } from './null-table.js';
import { statsScorer } from './stats-scorer.js';
import { TailNull } from './tail-null.js';
import { REGULARITY_SEED, regularityStatistic, timerTests } from './timer-tests.js';

const HOUR = 3600;
const hours = (h: number[]) => Float64Array.from(h, (x) => x * HOUR);
// a 7.1 h timer on a phone away by day: gaps of 2 and 3 periods (the corpus's training seed 5)
const sleepyTimer = hours([7.24, 14.0, 7.02, 21.64, 6.93, 7.47]);
// the same check-ins, but the long gaps fall between whole periods
const offLattice = hours([7.24, 10.6, 7.02, 18.1, 6.93, 7.47]);
const madOnly = new TailNull(regularityStatistic, REGULARITY_SEED, REGULARITY_TAIL);

test('the lattice spread reads gaps of whole periods as on time', () => {
  assert.ok(latticeSpread(sleepyTimer) < 0.05, `${latticeSpread(sleepyTimer)}`);
  assert.ok(latticeSpread(offLattice) > 0.3, `${latticeSpread(offLattice)}`);
  // without gaps it is a plain spread around the period: the 75th percentile of the distances
  assert.ok(Math.abs(latticeSpread(hours([7, 7.7, 7, 7.35, 7, 7, 7, 7])) - 0.05) < 1e-9);
  assert.equal(latticeSpread(hours([0, 0, 0])), Infinity);
  // random arrivals sit far off any lattice
  const r = mulberry32(11);
  const random = Float64Array.from({ length: 20 }, () => -Math.log(1 - r()) * HOUR);
  assert.ok(latticeSpread(random) > 0.2, `${latticeSpread(random)}`);
});

test('whole-period gaps raise the regularity tail z; gaps between periods do not', () => {
  const withGaps = timerTests(sleepyTimer).regularityTailZ;
  const madZ = madOnly.z(regularityStatistic(sleepyTimer), sleepyTimer.length);
  assert.ok(withGaps > madZ + 0.5, `lattice ${withGaps} vs MAD alone ${madZ}`);
  const between = timerTests(offLattice).regularityTailZ;
  const betweenMad = madOnly.z(regularityStatistic(offLattice), offLattice.length);
  // the MAD test decides, less the price of having tried two tests
  assert.ok(between <= betweenMad && between > betweenMad - 0.4, `${between} vs ${betweenMad}`);
});

test('a timer that slept through whole periods scores higher than one whose gaps fall between', async () => {
  const series = (iv: Float64Array) => {
    const times = [0];
    for (const x of iv) times.push(times.at(-1)! + x);
    return {
      times: Float64Array.from(times),
      bytes: new Float64Array(times.length).fill(300),
      counts: new Uint32Array(times.length).fill(1),
      windowStart: 0,
      windowEnd: times.at(-1)!,
    };
  };
  const [a, b] = await statsScorer.scoreBatch([series(sleepyTimer), series(offLattice)]);
  const score = (s: typeof a) => scoreDetail(new Map([['stats', s!]]), { activities: 7 }).logOdds;
  assert.ok(score(a) > score(b) + 0.5, `${score(a)} vs ${score(b)}`);
});
