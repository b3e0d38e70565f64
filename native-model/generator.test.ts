import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appliedJitter,
  DAY_S,
  generateSeries,
  groupActivities,
  JITTER_LABEL_THRESHOLD,
  makeBeacon,
  makeNegative,
  sampleBeaconSpec,
  type BeaconSpec,
  type JitterStyle,
} from './generator.js';
import { NEGATIVE_KINDS } from './negatives.js';
import { createRng } from './rng.js';

const plain = (style: JitterStyle, jitter: number, over: Partial<BeaconSpec> = {}): BeaconSpec => ({
  periodS: 100,
  style,
  jitter,
  latencyS: 0,
  missRate: 0,
  extraConns: 0,
  presence: 1,
  bursts: 0,
  noise: 0,
  ...over,
});

function intervals(times: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 1; i < times.length; i++) out.push(times[i]! - times[i - 1]!);
  return out;
}

test('same seed, same series; another seed, another series', () => {
  const a = [...generateSeries(7, 30)];
  const b = [...generateSeries(7, 30)];
  const c = [...generateSeries(8, 30)];
  assert.deepEqual(a, b);
  assert.notDeepEqual(
    a.map((s) => s.times.length),
    c.map((s) => s.times.length),
  );
});

test('jitter stays within each framework style', () => {
  const rng = createRng(1);
  const S = 100;
  const J = 0.5;
  const bounds: Record<JitterStyle, [number, number]> = {
    none: [S, S],
    reduce: [S * (1 - J), S],
    symmetric: [S * (1 - J), S * (1 + J)],
    additive: [S, S * (1 + J)],
  };
  for (const [style, [lo, hi]] of Object.entries(bounds) as [JitterStyle, [number, number]][]) {
    const iv = intervals(makeBeacon(rng, plain(style, style === 'none' ? 0 : J), DAY_S).times);
    assert.ok(iv.length > 500, `${style}: ${iv.length} intervals`);
    const min = Math.min(...iv);
    const max = Math.max(...iv);
    assert.ok(min >= lo - 1e-6 && max <= hi + 1e-6, `${style}: [${min}, ${max}] outside [${lo}, ${hi}]`);
    if (style !== 'none') assert.ok(max - min > 0.8 * (hi - lo), `${style}: jitter range not used`);
  }
});

test('latency moves each event by at most ±latencyS', () => {
  const iv = intervals(makeBeacon(createRng(2), plain('none', 0, { latencyS: 2 }), DAY_S).times);
  assert.ok(Math.min(...iv) >= 96 - 1e-6 && Math.max(...iv) <= 104 + 1e-6);
  assert.ok(Math.max(...iv) - Math.min(...iv) > 4);
});

test('periods are log-uniform over 5 s – 12 h and jitter reaches 80%', () => {
  const rng = createRng(3);
  const specs = Array.from({ length: 4000 }, () => sampleBeaconSpec(rng));
  const logs = specs.map((s) => Math.log(s.periodS)).sort((a, b) => a - b);
  assert.ok(Math.exp(logs[0]!) >= 5 && Math.exp(logs[logs.length - 1]!) <= 12 * 3600);
  const median = Math.exp(logs[logs.length >> 1]!);
  assert.ok(Math.abs(Math.log(median / Math.sqrt(5 * 43200))) < 0.3, `median period ${median}`);
  // each decile of log-period holds about a tenth of the samples
  const lo = Math.log(5);
  const span = Math.log(43200) - lo;
  const bins = new Array(10).fill(0);
  for (const l of logs) bins[Math.min(9, Math.floor(((l - lo) / span) * 10))]++;
  for (const b of bins) assert.ok(b > 300 && b < 500, `decile count ${b}`);
  assert.ok(specs.some((s) => s.jitter >= 0.8));
  for (const style of ['none', 'reduce', 'symmetric', 'additive']) assert.ok(specs.some((s) => s.style === style));
});

test('the jitter label follows the jitter actually applied', () => {
  const rng = createRng(4);
  assert.equal(makeBeacon(rng, plain('none', 0, { latencyS: 0.01 })).label.jitter, 0);
  assert.equal(makeBeacon(rng, plain('reduce', 0.3)).label.jitter, 1);
  assert.equal(makeBeacon(rng, plain('symmetric', 0.05)).label.jitter, 0);
  // ±2 s latency on a 10 s period is 40% jitter in practice
  const fast = plain('none', 0, { periodS: 10, latencyS: 2 });
  assert.ok(appliedJitter(fast) >= JITTER_LABEL_THRESHOLD);
  assert.equal(makeBeacon(rng, fast).label.jitter, 1);
});

test('partial presence, misses and bursts change the series as specified', () => {
  const rng = createRng(5);
  const part = makeBeacon(rng, plain('none', 0, { presence: 0.3 }), DAY_S);
  const span = part.times[part.times.length - 1]! - part.times[0]!;
  assert.ok(span < 0.31 * DAY_S, `span ${span}`);
  const missed = makeBeacon(rng, plain('none', 0, { missRate: 0.3 }), DAY_S);
  assert.ok(missed.times.length < 0.8 * 864 && missed.times.length > 0.6 * 864);
  const burst = makeBeacon(rng, plain('none', 0, { bursts: 3 }), DAY_S);
  assert.ok(burst.fromBeacon.some((f) => f === 0));
});

test('negatives of every kind are sorted, inside the window, labelled 0', () => {
  const rng = createRng(6);
  for (const kind of NEGATIVE_KINDS) {
    for (let i = 0; i < 20; i++) {
      const s = makeNegative(rng, kind);
      assert.equal(s.label.beacon, 0);
      for (let k = 1; k < s.times.length; k++) assert.ok(s.times[k]! - s.times[k - 1]! >= 1, `${kind} not grouped`);
      assert.ok(
        s.times.every((t) => t >= 0 && t < s.windowS),
        kind,
      );
    }
  }
});

test('events less than 1 s after the previous one join its activity', () => {
  const g = groupActivities([10, 10.5, 10.9, 30, 5, 31.2], [0, 1, 0, 0, 0, 0]);
  assert.deepEqual([...g.times], [5, 10, 30, 31.2]);
  assert.deepEqual([...g.fromBeacon], [0, 1, 0, 0]);
});
