import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bowleyScore, histogram, histogramScore, durationScore, ritaScore, timestampScore } from './rita-score.js';
import { quartiles } from './quantiles.js';

// RITA v5's own test vectors for the timestamp score (GUIDE §2).
test('timestamp score matches RITA vectors', () => {
  assert.equal(timestampScore([98, 99, 99, 100, 100, 100, 101, 101, 102]), 0.995);
  const alternating = Array.from({ length: 20 }, (_, i) => (i % 2 ? 300 : 98));
  assert.equal(timestampScore(alternating), 0.746);
  assert.equal(timestampScore([1, 299, 25, 4975, 90, 2, 42, 500, 1500]), 0.083);
});

test('quartiles exclude the median for odd lengths (Go stats convention)', () => {
  assert.deepEqual(quartiles([1, 2, 25, 42, 90, 299, 500, 1500, 4975]), { q1: 13.5, q2: 90, q3: 1000 });
  assert.deepEqual(quartiles([1, 2, 3, 4]), { q1: 1.5, q2: 2.5, q3: 3.5 });
});

test('skew is ignored when the quartiles are closer than 10 s', () => {
  assert.equal(bowleyScore([1, 2, 3, 9, 9.5]), 1);
  assert.ok(bowleyScore([1, 2, 25, 42, 90, 299, 500, 1500, 4975]) < 0.2);
});

test('histogram and duration parts reward a beacon spread over the whole day', () => {
  const start = 0;
  const end = 86400;
  const times = Array.from({ length: 288 }, (_, i) => i * 300 + 5);
  const h = histogram(times, start, end);
  assert.equal(h.length, 24);
  assert.ok(h.every((x) => x === 12));
  assert.equal(histogramScore(h), 1);
  assert.equal(durationScore(h, times[0]!, times.at(-1)!, start, end), 1);
  // Everything in one hour: histogram uneven, duration below the 6 busy hours needed.
  const burst = Array.from({ length: 50 }, (_, i) => 3600 + i * 60);
  const hb = histogram(burst, start, end);
  assert.ok(histogramScore(hb) < 0.1);
  assert.equal(durationScore(hb, burst[0]!, burst.at(-1)!, start, end), 0);
});

test('a clean beacon scores near 1 and random traffic scores low', () => {
  const beacon = Array.from({ length: 288 }, (_, i) => i * 300);
  const r = ritaScore(
    beacon,
    beacon.map(() => 512),
    0,
    86400,
  );
  assert.ok(r.score > 0.95, `beacon score ${r.score}`);
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const times: number[] = [];
  for (let t = 0; t < 86400; t += -Math.log(1 - rand()) * 900) times.push(t);
  const random = ritaScore(
    times,
    times.map(() => Math.floor(rand() * 5000)),
    0,
    86400,
  );
  assert.ok(random.score < r.score - 0.3, `random ${random.score} vs beacon ${r.score}`);
  assert.equal(ritaScore([1, 2, 3], [1, 1, 1], 0, 10).score, 0, 'fewer than 4 timestamps scores 0');
});
