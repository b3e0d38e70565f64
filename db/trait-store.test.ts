// Per-pair traits add up across transactions, keep the longest connection, and hold at most 16
// signatures of a kind per pair (a client sending a new user agent every time fills nothing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from './store.js';
import { commitEvents } from '../engine/ingest/event-batch.js';
import type { EventTraits, PairEvent } from '../engine/contract/types.js';

let commit = 0;
function store(s: Store, events: PairEvent[]): void {
  commitEvents(
    s.ingest,
    { fingerprint: `f${commit++}`, kind: 'conn', path: 'x', offset: 1, lines: 1, events: events.length, complete: false },
    events,
  );
}

function ev(source: PairEvent['source'], dst: string, ts: number, traits: EventTraits): PairEvent {
  return {
    source,
    src: '10.0.0.2',
    dst,
    variant: null,
    direction: 'outbound',
    ts,
    bytes: traits.sent + traits.received,
    port: 443,
    proto: 'tcp',
    service: null,
    traits,
  };
}

test('sent, received and durations add up over commits; the longest connection keeps its start and bytes', () => {
  const s = Store.open(':memory:');
  try {
    store(s, [
      ev('conn', '203.0.113.1', 100, { sent: 10, received: 20, duration: 5 }),
      ev('conn', '203.0.113.1', 200, { sent: 1, received: 2, duration: 50 }),
    ]);
    store(s, [
      ev('conn', '203.0.113.1', 300, { sent: 100, received: 200, duration: 7 }),
      ev('conn', '203.0.113.1', 400, { sent: 0, received: 0, duration: null }),
    ]);
    const [t] = [...s.traits.all().values()];
    assert.deepEqual(
      {
        rows: t!.rows,
        sent: t!.sent,
        received: t!.received,
        durations: t!.durations,
        sum: t!.durationSum,
        max: t!.durationMax,
        at: t!.longestTs,
        bytes: t!.longestBytes,
      },
      { rows: 4, sent: 111, received: 222, durations: 3, sum: 62, max: 50, at: 200, bytes: 3 },
    );
    // a later, longer one takes over
    store(s, [ev('conn', '203.0.113.1', 500, { sent: 4, received: 4, duration: 90 })]);
    const [u] = [...s.traits.all().values()];
    assert.deepEqual([u!.durationMax, u!.longestTs, u!.longestBytes, u!.durationSum], [90, 500, 8, 152]);
    const long = s.traits.longest('single', 10, false);
    assert.equal(long.length, 1);
    assert.equal(long[0]!.dst, '203.0.113.1');
  } finally {
    s.close();
  }
});

test('at most 16 user agents per pair; one already kept still counts, one past the cap is dropped', () => {
  const s = Store.open(':memory:');
  try {
    const ua = (i: number, ts: number) => ev('http', 'rotating.example', ts, { sent: 0, received: 0, duration: null, userAgent: `agent-${i}` });
    store(
      s,
      Array.from({ length: 20 }, (_, i) => ua(i, i)),
    );
    assert.equal(s.traits.signatures().length, 16);
    store(s, [ua(0, 100), ua(19, 101), ua(30, 102)]);
    const sigs = s.traits.signatures();
    assert.equal(sigs.length, 16);
    assert.equal(sigs.find((x) => x.value === 'agent-0')!.count, 2);
    assert.equal(
      sigs.find((x) => x.value === 'agent-19'),
      undefined,
    );
    assert.equal(
      sigs.find((x) => x.value === 'agent-30'),
      undefined,
    );
  } finally {
    s.close();
  }
});
