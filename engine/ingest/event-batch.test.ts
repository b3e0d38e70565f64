import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventBatch } from './event-batch.js';
import type { PairEvent } from '../contract/types.js';

const stored = { storedPairId: () => undefined };

function event(i: number): PairEvent {
  const j = i % 7;
  return {
    source: 'conn',
    src: `10.0.0.${j}`,
    dst: '198.51.100.1',
    variant: null,
    direction: 'outbound',
    ts: i,
    bytes: i * 3,
    port: 443,
    proto: 'tcp',
    service: null,
  };
}

test('reserve makes room at once and changes nothing a batch holds', () => {
  const plain = new EventBatch(stored);
  const reserved = new EventBatch(stored);
  reserved.add([event(0)]);
  reserved.reserve(20_000.7);
  assert.equal(reserved.ts.length, 20_001, 'the events added plus the room asked for');
  reserved.reserve(10); // room enough: no new columns
  assert.equal(reserved.ts.length, 20_001);
  plain.add([event(0)]);
  // past the reserved room, the batch grows as before
  for (let i = 1; i < 30_000; i++) {
    plain.add([event(i)]);
    reserved.add([event(i)]);
  }
  assert.equal(reserved.events, plain.events);
  for (const col of ['touchedIndex', 'ts', 'bytes'] as const) {
    assert.deepEqual(reserved[col].subarray(0, reserved.n), plain[col].subarray(0, plain.n), col);
  }
  assert.deepEqual(reserved.touched, plain.touched);
  assert.deepEqual(reserved.newPairs, plain.newPairs);
});
