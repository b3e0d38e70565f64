import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logOddsOf, oddsText, probabilityText, timerCertainty } from './probability.js';

test('a probability near certainty shows the digits that tell it from 100 %', () => {
  assert.equal(probabilityText(logOddsOf(0.87)), '87 %');
  assert.equal(probabilityText(logOddsOf(0.995)), '99.5 %');
  assert.equal(probabilityText(logOddsOf(0.9997)), '99.97 %');
  assert.equal(probabilityText(20), '> 99.9999 %');
  assert.equal(probabilityText(logOddsOf(0.004)), '< 1 %');
  for (const L of [4.6, 5, 7, 9, 11, 13]) assert.notEqual(probabilityText(L), '100 %', `L=${L}`);
});

test('orders of magnitude apart read differently', () => {
  assert.notEqual(timerCertainty(20), timerCertainty(60));
  assert.equal(oddsText(20), 'odds 10^8 to 1');
  assert.equal(oddsText(60), 'odds 10^26 to 1');
  assert.equal(oddsText(3), null);
  assert.match(timerCertainty(logOddsOf(0.999)), /^very likely a timer: 99\.9 %$/);
});
