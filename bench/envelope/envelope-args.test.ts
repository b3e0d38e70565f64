// The envelope's size settings (ENVELOPE_MAX, ENVELOPE_SIZES): a typo is an error naming the
// variable, never a silently different run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LADDER, parseRecords, parseSizes } from './envelope-bench.js';

describe('envelope settings', () => {
  it('reads record counts with k and M', () => {
    assert.equal(parseRecords('5M'), 5e6);
    assert.equal(parseRecords('2.5m'), 2.5e6);
    assert.equal(parseRecords('500k'), 5e5);
    assert.equal(parseRecords(' 2000000 '), 2e6);
  });

  it('refuses what is no count, naming ENVELOPE_MAX', () => {
    for (const bad of ['', 'lots', '5G', '-1M', '5 M M']) assert.throws(() => parseRecords(bad), /ENVELOPE_MAX must be a record count/, bad);
  });

  it('reads DEVICESxRECORDS lists and refuses a size without both', () => {
    assert.deepEqual(parseSizes('100x5M, 2000x20M'), [
      { devices: 100, connRecords: 5e6 },
      { devices: 2000, connRecords: 20e6 },
    ]);
    for (const bad of ['100', 'x5M', '0x5M', '100x5M,']) assert.throws(() => parseSizes(bad), /ENVELOPE_SIZES must be DEVICESxRECORDS/, bad);
  });

  it('climbs: the ladder never shrinks from one size to the next', () => {
    for (let i = 1; i < LADDER.length; i++) {
      assert.ok(LADDER[i]!.devices >= LADDER[i - 1]!.devices);
      assert.ok(LADDER[i]!.connRecords >= LADDER[i - 1]!.connRecords);
    }
  });
});
