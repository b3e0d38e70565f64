// One query for the events of many pairs gives each pair exactly what `events` gives it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from './store.js';
import { commitEvents } from '../engine/ingest/event-batch.js';
import type { PairEvent } from '../engine/contract/types.js';

test('eventsOfPairs equals events() pair by pair, over several chunks and a window', () => {
  const store = Store.open(':memory:');
  try {
    let seed = 3;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let round = 0; round < 3; round++) {
      const events: PairEvent[] = [];
      for (let p = 0; p < 30; p++) {
        if ((p + round) % 4 === 0) continue; // not every pair in every chunk
        for (let i = 0; i < 20; i++) {
          events.push({
            source: 'conn',
            src: `10.0.0.${p}`,
            dst: '203.0.113.9',
            variant: null,
            direction: 'outbound',
            // equal times across chunks with different byte counts: order must match too
            ts: 1000 + Math.floor(rand() * 50) * 10,
            bytes: round * 1000 + i,
            port: 443,
            proto: 'tcp',
            service: null,
          });
        }
      }
      commitEvents(
        store.ingest,
        { fingerprint: `f${round}`, kind: 'conn', path: 'x', offset: 1, lines: 1, events: events.length, complete: false },
        events,
      );
    }
    const ids = store.pairs.listPairs().map((p) => p.id);
    const wanted = ids.filter((_, i) => i % 3 !== 1);
    const got = store.pairs.eventsOfPairs(wanted, 1100, 1400);
    for (const id of ids) {
      const one = store.pairs.events(id, 1100, 1400);
      if (!wanted.includes(id) || one.ts.length === 0) assert.equal(got.get(id), undefined);
      else assert.deepEqual(got.get(id), one);
    }
    assert.equal(store.pairs.eventsOfPairs([], 0, 1).size, 0);
  } finally {
    store.close();
  }
});
