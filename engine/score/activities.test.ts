import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seriesStats, toActivities } from './activities.js';
import { describeSeries } from '../text/describe.js';

test('events closer than the gap are one activity with summed bytes', () => {
  const ts = [100, 100.2, 100.9, 130, 160, 160.5, 190];
  const bytes = [1, 2, 3, 4, 5, 6, 7];
  const s = toActivities(ts, bytes, 1, 0, 1000);
  assert.deepEqual(Array.from(s.times), [100, 130, 160, 190]);
  assert.deepEqual(Array.from(s.bytes), [6, 4, 11, 7]);
  assert.deepEqual(Array.from(s.counts), [3, 1, 2, 1]);
});

test('events outside the window are left out', () => {
  const s = toActivities([5, 50, 500, 5000], [0, 0, 0, 0], 1, 10, 1000);
  assert.deepEqual(Array.from(s.times), [50, 500]);
});

test('period, spread and jitter ratio are the median and MAD of the intervals', () => {
  const times = [0, 30, 62, 90, 125, 150, 181];
  const s = toActivities(
    times,
    times.map(() => 0),
    1,
    0,
    3600,
  );
  const st = seriesStats(s, times.length);
  assert.equal(st.periodS, 30.5);
  assert.equal(st.activities, 7);
  assert.ok(st.spreadS! > 0 && st.spreadS! < 3);
  assert.ok(Math.abs(st.jitterRatio! - st.spreadS! / 30.5) < 1e-12);
  assert.ok(Math.abs(st.coverage - 181 / 3600) < 1e-12);
  assert.equal(st.intervalP10S, 26.5);
  assert.equal(st.intervalP90S, 33.5);
  assert.equal(describeSeries(st, 86400), 'every 27–34 s, typically 31 s, 7 times in 24 h');
});

test('a jittered beacon is said as the range most intervals fall in and the typical one', async () => {
  const { describeInterval } = await import('../text/describe.js');
  assert.equal(describeInterval({ periodS: 276, intervalP10S: 215, intervalP90S: 335 }), 'every 3.6–5.6 min, typically 4.6 min');
  assert.equal(describeInterval({ periodS: 60, intervalP10S: 60, intervalP90S: 60.2 }), 'every 60 s');
  assert.equal(describeInterval({ periodS: 2048 }), 'every ~34 min', 'stats stored before the range existed');
  assert.equal(describeInterval({ periodS: null, intervalP10S: null, intervalP90S: null }), null);
});
