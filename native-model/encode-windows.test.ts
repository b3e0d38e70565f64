// encodeWindows (a series' windows at once, shared intervals worked out once) writes exactly
// what encodeWindow writes window by window.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHANNELS, encodeWindow, encodeWindows, WINDOW, windowLength, windowStarts } from './features.js';

test('encodeWindows equals encodeWindow for every window, bit for bit', () => {
  let x = 99;
  const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (const n of [4, 5, 50, 100, 101, 102, 150, 151, 199, 250, 1000, 2401, 2500, 17280]) {
    for (const kind of [0, 1, 2]) {
      const times = new Float64Array(n);
      let t = 1.7e9;
      for (let i = 0; i < n; i++) {
        times[i] = t;
        // regular with jitter, random, and unsorted/duplicate times (0 and negative gaps)
        t += kind === 0 ? 30 + rnd() : kind === 1 ? -Math.log(1 - rnd()) * 100 : (rnd() - 0.3) * 10;
      }
      const starts = windowStarts(n);
      const a = new Float32Array((starts.length + 1) * WINDOW * CHANNELS);
      const b = new Float32Array(a.length);
      starts.forEach((first, k) => encodeWindow(times, first, windowLength(n, first), a, (k + 1) * WINDOW * CHANNELS));
      assert.equal(encodeWindows(times, b, WINDOW * CHANNELS), starts.length);
      assert.deepEqual(new Uint32Array(b.buffer), new Uint32Array(a.buffer), `n ${n} kind ${kind}`);
    }
  }
});
