import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from './store.js';

test('review store: decisions are kept, replaced on a second decision, and the finish time round-trips', () => {
  const store = Store.open(':memory:');
  try {
    assert.equal(store.review.finishedAt(), null);
    assert.deepEqual(store.review.decisions(), []);
    store.review.decide('domain:example.com', 'accepted', ['r1', 'r2'], 100);
    store.review.decide('dst:203.0.113.9', 'watching', [], 101);
    store.review.decide('domain:example.com', 'watching', [], 102);
    assert.deepEqual(store.review.decisions(), [
      { groupKey: 'dst:203.0.113.9', decision: 'watching', ruleIds: [], decidedAt: 101 },
      { groupKey: 'domain:example.com', decision: 'watching', ruleIds: [], decidedAt: 102 },
    ]);
    store.review.setFinishedAt(200);
    assert.equal(store.review.finishedAt(), 200);
    store.review.setFinishedAt(null);
    assert.equal(store.review.finishedAt(), null);
    assert.throws(() => store.db.prepare("INSERT INTO review_decisions (group_key, decision, decided_at) VALUES ('x', 'lowered', 1)").run());
  } finally {
    store.close();
  }
});
