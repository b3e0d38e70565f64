import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measuredText, scoreName } from '../../renderer/src/lib/format.js';

test('measurements read in words first, the number labelled after', () => {
  assert.equal(measuredText('timer', 53.8), 'far more regular than chance (z = 53.8)');
  assert.equal(measuredText('backoff', 0.4), 'no more regular than chance (z = 0.4)');
  assert.equal(measuredText('rita', 0.912), 'regularity 0.91 of 1');
  assert.match(measuredText('cnn', 0.22), /^22\s?% beacon-like$/);
});

test('every key the rescore stores has a name a person reads', () => {
  for (const key of ['log_odds', 'days', 'reg_z', 'rita_ts', 'beacon', 'activities']) assert.notEqual(scoreName(key), key, key);
});
