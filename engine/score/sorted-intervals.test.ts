// The statistics that take the intervals already sorted (sortedIntervalsOf, shared by the stats
// people read and the statistical scorer) give exactly what they give when they sort themselves.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intervalsOf, sortedIntervalsOf } from './activities.js';
import { ritaScore } from './rita-score.js';
import { backoffStatistic, relativeSpread, timerTests } from './timer-tests.js';

function series(seed: number, n: number, kind: number): Float64Array {
  let x = seed;
  const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const t = new Float64Array(n);
  let at = 1_700_000_000;
  for (let i = 0; i < n; i++) {
    t[i] = at;
    const step = kind === 0 ? 60 + rnd() * 6 : kind === 1 ? -Math.log(1 - rnd()) * 300 : kind === 2 ? 30 * 2 ** (i % 6) : [60, 60, 0, 120][i % 4]!;
    at += step;
  }
  return t;
}

test('statistics on the shared sorted intervals equal those that sort for themselves', () => {
  for (let seed = 1; seed <= 60; seed++) {
    for (const kind of [0, 1, 2, 3]) {
      const times = series(seed, 3 + ((seed * 7) % 120), kind);
      const bytes = times.map((_, i) => (i * 37 + seed) % 500);
      const iv = intervalsOf(times);
      const sorted = sortedIntervalsOf(times);
      assert.equal(sortedIntervalsOf(times), sorted, 'remembered per times array');
      assert.deepEqual(
        ritaScore(times, bytes, times[0]! - 10, times[times.length - 1]! + 10, sorted),
        ritaScore(times, bytes, times[0]! - 10, times[times.length - 1]! + 10),
      );
      assert.ok(Object.is(relativeSpread(iv, sorted), relativeSpread(iv)));
      assert.ok(Object.is(backoffStatistic(iv, sorted), backoffStatistic(iv)));
      assert.deepEqual(timerTests(iv, sorted), timerTests(iv));
    }
  }
});

test('odd intervals (zeros, infinities, NaN) take the same values either way', () => {
  for (const iv of [
    [0, 0, 0, 5, 5],
    [0, 10, 10, 10, 0, 0, 0],
    [1, Infinity, 3, 4, 5],
    [Infinity, Infinity, Infinity, 1],
    [NaN, 1, 2, 3, 4],
    [1, 2, NaN, NaN, NaN],
  ]) {
    const a = Float64Array.from(iv);
    const s = Float64Array.from(iv).sort();
    assert.ok(Object.is(relativeSpread(a, s), relativeSpread(a)), `spread ${iv}`);
    assert.ok(Object.is(backoffStatistic(a, s), backoffStatistic(a)), `backoff ${iv}`);
    assert.deepEqual(timerTests(a, s), timerTests(a), `timer ${iv}`);
  }
});
