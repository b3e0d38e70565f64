// The linear median absolute deviation equals the definition (sort the deviations, take their
// median) bit for bit, ties, zeros, infinities and NaN included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { median, medianAbsoluteDeviation, medianInPlace, selectInPlace } from './quantiles.js';

function byDefinition(sorted: Float64Array): number {
  const m = median(sorted);
  const dev = sorted.map((x) => Math.abs(x - m)).sort();
  return median(dev);
}

test('medianAbsoluteDeviation equals sorting the deviations', () => {
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const specials = [Infinity, -Infinity, 0, -0, 1, 1e300, NaN];
  for (let t = 0; t < 20_000; t++) {
    const n = 1 + Math.floor(rand() * 40);
    const kind = t % 4;
    const a = new Float64Array(n).map(() =>
      kind === 0
        ? Math.floor(rand() * 5)
        : kind === 1
          ? rand() * 1000
          : kind === 2
            ? 30 + (rand() - 0.5) * 1e-3
            : specials[Math.floor(rand() * specials.length)]!,
    );
    a.sort();
    assert.ok(Object.is(medianAbsoluteDeviation(a), byDefinition(a)), `${Array.from(a).join(',')}`);
  }
  assert.ok(Number.isNaN(medianAbsoluteDeviation(new Float64Array(0))));
});

test('selection finds what a sort puts at each rank, and the same median', () => {
  let seed = 11;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let trial = 0; trial < 300; trial++) {
    const n = 1 + Math.floor(rand() * 60);
    // few distinct values in some trials: ties are where selection goes wrong
    const distinct = trial % 3 === 0 ? 3 : 1000;
    const a = Float64Array.from({ length: n }, () => Math.floor(rand() * distinct) / 7);
    const sorted = Float64Array.from(a).sort();
    const k = Math.floor(rand() * n);
    assert.equal(selectInPlace(Float64Array.from(a), k), sorted[k]);
    assert.equal(medianInPlace(Float64Array.from(a)), median(sorted));
  }
  assert.ok(Number.isNaN(medianInPlace(new Float64Array(0))));
});
