// One query for the events of many pairs gives each pair exactly what `events` gives it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from './store.js';
import { commitEvents } from '../engine/ingest/event-batch.js';
import type { PairEvent, SeriesStats } from '../engine/contract/types.js';

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

test('listScoredPairs: every pair, or with scoredOnly the pairs a rescore scored (a pair first seen since has no score)', () => {
  const store = Store.open(':memory:');
  try {
    const event = (src: string): PairEvent => ({
      source: 'conn',
      src,
      dst: '203.0.113.9',
      variant: null,
      direction: 'outbound',
      ts: 1000,
      bytes: 1,
      port: 443,
      proto: 'tcp',
      service: null,
    });
    commitEvents(store.ingest, { fingerprint: 'f', kind: 'conn', path: 'x', offset: 1, lines: 2, events: 2, complete: false }, [
      event('10.0.0.1'),
      event('10.0.0.2'),
    ]);
    const [a] = store.pairs.listPairs().filter((p) => p.src === '10.0.0.1');
    const stats: SeriesStats = { events: 4, activities: 4, periodS: 60, spreadS: 1, jitterRatio: 0.01, coverage: 1, firstSeen: 1000, lastSeen: 1180 };
    store.scores.saveScores(2000, [{ pairId: a!.id, score: 0.9, scores: { stats: 0.9 }, stats }]);
    assert.deepEqual(
      store.pairs.listScoredPairs().map((p) => [p.src, p.score]),
      [
        ['10.0.0.1', 0.9],
        ['10.0.0.2', null],
      ],
    );
    assert.deepEqual(
      store.pairs.listScoredPairs({ scoredOnly: true }).map((p) => [p.src, p.score]),
      [['10.0.0.1', 0.9]],
    );
  } finally {
    store.close();
  }
});
