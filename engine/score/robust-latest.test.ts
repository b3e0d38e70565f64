import assert from 'node:assert/strict';
import { test } from 'node:test';
import { robustLatest } from './robust-latest.js';

const T = 1_790_000_000;
const normal = Array.from({ length: 20 }, (_, i) => ({ t: T - i * 600, events: 500 }));

test('robustLatest skips a few events that stand more than a day clear of the rest', () => {
  assert.equal(robustLatest(normal, 10_000), T);
  assert.equal(robustLatest([{ t: T + 7 * 86400, events: 1 }, ...normal], 10_001), T);
  assert.equal(robustLatest([{ t: T + 9 * 86400, events: 2 }, { t: T + 8 * 86400, events: 3 }, ...normal], 10_005), T);
  assert.equal(robustLatest([{ t: T + 7 * 86400, events: 5000 }, ...normal], 15_000), T + 7 * 86400, 'real traffic of a later day is no outlier');
  assert.equal(robustLatest([], 0), null);
});
