// The CNN in a worker thread answers exactly as the in-process classifier, and a process holding
// an idle worker can still exit.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBeaconClassifier, type BeaconClassifier } from './classifier.js';
import { loadBeaconClassifierInWorker } from './classifier-thread.js';
import { createRng } from './rng.js';

const T0 = 1_764_000_000;
let inProcess: BeaconClassifier;
let threaded: BeaconClassifier;

before(async () => {
  inProcess = await loadBeaconClassifier({ preferNative: false, log: () => {} });
  threaded = await loadBeaconClassifierInWorker({ preferNative: false, log: () => {} });
});
after(() => {
  inProcess.dispose();
  threaded.dispose();
});

function series(seed: number): Float64Array[] {
  const rng = createRng(seed);
  return Array.from({ length: 40 }, (_, i) => {
    const n = 2 + Math.floor(rng.uniform(0, i % 5 === 0 ? 600 : 120));
    const period = rng.uniform(5, 900);
    let t = T0;
    // a view into a larger buffer, as activities may be
    const buf = new Float64Array(n + 8);
    for (let k = 0; k < n; k++) buf[k + 4] = t += i % 2 ? period : rng.uniform(0, 2 * period);
    return buf.subarray(4, 4 + n);
  });
}

test('the worker thread gives the same probabilities as the in-process classifier', async () => {
  assert.equal(threaded.backend, inProcess.backend);
  for (const seed of [1, 2]) {
    const input = series(seed);
    // concurrent requests are answered each with its own results
    const [a, b] = await Promise.all([threaded.classify(input), threaded.classify(input.slice(0, 7))]);
    assert.deepEqual(a, await inProcess.classify(input));
    assert.deepEqual(b, a!.slice(0, 7));
  }
});

test('after dispose() the threaded classifier refuses work', async () => {
  const c = await loadBeaconClassifierInWorker({ preferNative: false, log: () => {} });
  c.dispose();
  await assert.rejects(c.classify([Float64Array.of(1, 2, 3, 4, 5)]), /after dispose/);
});
