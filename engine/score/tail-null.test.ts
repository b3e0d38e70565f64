// The regularity test's z means what a z says: as rare under random arrivals as z sds of a
// Gaussian, also in the tail where a handful of tight check-ins sits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mulberry32 } from './null-model.js';
import { normalQuantile, zFromLogTail } from './tail-null.js';
import { timerTests } from './timer-tests.js';

test('normal quantiles and their deep-tail form agree with known values', () => {
  assert.ok(Math.abs(normalQuantile(0.975) - 1.959964) < 1e-5);
  assert.ok(Math.abs(normalQuantile(0.001) + 3.090232) < 1e-5);
  assert.ok(Math.abs(zFromLogTail(Math.log(0.5))) < 1e-9);
  assert.ok(Math.abs(zFromLogTail(Math.log(1e-20)) - 9.262) < 0.01, `${zFromLogTail(Math.log(1e-20))}`);
  // past what a double holds (ln p < −700) the asymptotic form takes over, without a jump
  assert.ok(Math.abs(zFromLogTail(-700.001) - zFromLogTail(-699.999)) < 0.01, 'continuous where the branches meet');
  assert.ok(zFromLogTail(-5000) > zFromLogTail(-1000));
});

test('on random arrivals the regularity z is about standard normal in its upper tail', () => {
  const r = mulberry32(2026);
  for (const m of [6, 12, 40]) {
    let over2 = 0;
    let over3 = 0;
    const runs = 4000;
    for (let k = 0; k < runs; k++) {
      const x = Float64Array.from({ length: m }, () => -Math.log(1 - r()));
      const z = timerTests(x).regularityTailZ;
      if (z > 2) over2++;
      if (z > 3) over3++;
    }
    // Gaussian: 2.3 % above 2, 0.13 % above 3
    assert.ok(over2 / runs > 0.01 && over2 / runs < 0.04, `m=${m}: ${over2} of ${runs} above z=2`);
    assert.ok(over3 / runs < 0.006, `m=${m}: ${over3} of ${runs} above z=3`);
  }
});

test('a few tight check-ins are strong evidence, and more of them stronger: no cap at the bound', () => {
  const r = mulberry32(7);
  const tight = (m: number) => Float64Array.from({ length: m }, () => 21600 * (0.97 + 0.06 * r()));
  const z6 = timerTests(tight(6)).regularityTailZ;
  const z12 = timerTests(tight(12)).regularityTailZ;
  // MAD/median as a z-score capped at 2.7 for 7 activities, whatever the precision
  assert.ok(z6 > 3, `7 check-ins within ±3 %: z ${z6}`);
  assert.ok(z12 > z6 + 1, `13 check-ins: z ${z12} vs ${z6}`);
});
