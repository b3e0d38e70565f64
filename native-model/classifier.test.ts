// Tests of the SHIPPED model (native-model/model/) through the public contract.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { aggregateWindows, defaultModelDir, loadBeaconClassifier, type BeaconClassifier } from './classifier.js';
import { windowStarts } from './features.js';
import { lastThirdBeacon } from './eval-grid.js';
import { createRng } from './rng.js';

const T0 = 1_764_000_000;
let classifier: BeaconClassifier;

before(async () => {
  classifier = await loadBeaconClassifier({ preferNative: false, log: () => {} });
});
after(() => classifier.dispose());

function beacon(periodS: number, durationS: number, start = T0): Float64Array {
  const out: number[] = [];
  for (let t = start; t < start + durationS; t += periodS) out.push(t);
  return Float64Array.from(out);
}

function poisson(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from(Array.from({ length: n }, () => T0 + rng.uniform(0, 86400)).sort((a, b) => a - b));
}

test('the model ships in native-model/model and is found from the source tree', () => {
  const dir = defaultModelDir();
  assert.ok(existsSync(path.join(dir, 'model.json')) && existsSync(path.join(dir, 'weights.bin')), dir);
  assert.equal(classifier.backend, 'wasm');
});

test('a clean 60 s beacon is flagged, a Poisson sequence is not', async () => {
  const [b, p, p2] = await classifier.classify([beacon(60, 86400), poisson(500, 1), poisson(80, 2)]);
  assert.ok(b!.beacon > 0.9, `beacon ${b!.beacon}`);
  assert.ok(b!.jitter < 0.5, `jitter of an exact beacon ${b!.jitter}`);
  assert.ok(p!.beacon < 0.5, `poisson ${p!.beacon}`);
  assert.ok(p2!.beacon < 0.5, `short poisson ${p2!.beacon}`);
});

test('a heavily jittered beacon is a beacon with jitter', async () => {
  const rng = createRng(9);
  const times: number[] = [];
  for (let t = T0; t < T0 + 86400; t += 300 * (1 - 0.5 * rng.next())) times.push(t);
  const [r] = await classifier.classify([Float64Array.from(times)]);
  assert.ok(r!.beacon > 0.8 && r!.jitter > 0.5, JSON.stringify(r));
});

test('fewer than 4 activities → {beacon: 0, jitter: 0}; order of answers follows input', async () => {
  const out = await classifier.classify([Float64Array.from([T0, T0 + 60, T0 + 120]), new Float64Array(0), beacon(60, 86400)]);
  assert.deepEqual(out.slice(0, 2), [
    { beacon: 0, jitter: 0 },
    { beacon: 0, jitter: 0 },
  ]);
  assert.ok(out[2]!.beacon > 0.9);
});

test('a beacon present only in the last third of the day is found by the sliding windows', async () => {
  const rng = createRng(11);
  let found = 0;
  const series = Array.from({ length: 10 }, () => lastThirdBeacon(rng, 30, 0.1).times.map((t) => t + T0));
  const probs = await classifier.classify(series);
  for (const [i, s] of series.entries()) {
    assert.ok(windowStarts(s.length).length > 1, 'several windows');
    if (probs[i]!.beacon > 0.5) found++;
  }
  assert.ok(found >= 9, `found ${found}/10`);
  // the first 100 intervals alone (before the beacon starts) would not have said so
  const firstWindowOnly = await classifier.classify(series.map((s) => s.slice(0, 101)));
  assert.ok(firstWindowOnly.filter((p) => p.beacon > 0.5).length < found);
});

test('windows aggregate by the mean of the top two, jitter from the windows near the best', () => {
  assert.deepEqual(aggregateWindows([]), { beacon: 0, jitter: 0 });
  assert.deepEqual(aggregateWindows([{ beacon: 0.8, jitter: 0.3 }]), { beacon: 0.8, jitter: 0.3 });
  const r = aggregateWindows([
    { beacon: 0.1, jitter: 0.9 },
    { beacon: 0.95, jitter: 0.2 },
    { beacon: 0.9, jitter: 0.4 },
    { beacon: 0.2, jitter: 0.9 },
  ]);
  assert.ok(Math.abs(r.beacon - 0.925) < 1e-9);
  assert.ok(Math.abs(r.jitter - 0.3) < 1e-9);
  // one lucky window among many does not make a beacon
  assert.ok(aggregateWindows([{ beacon: 0.99, jitter: 0 }, ...Array(20).fill({ beacon: 0.05, jitter: 0 })]).beacon < 0.6);
});

test('long series get at most 24 evenly spread windows covering both ends', () => {
  assert.deepEqual(windowStarts(50), [0]);
  assert.deepEqual(windowStarts(201), [0, 50, 100]);
  const many = windowStarts(17_281);
  assert.ok(many.length <= 24);
  assert.equal(many[0], 0);
  assert.equal(many[many.length - 1], 17_280 - 100);
});
