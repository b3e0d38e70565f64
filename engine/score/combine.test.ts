import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evidence, finalScore, flattenScores } from './combine.js';
import type { ScorerOutput } from '../types.js';

const out = (stats: number, beacon?: number): Map<string, ScorerOutput> => {
  const m = new Map<string, ScorerOutput>([['stats', { score: stats, values: { rita_ts: stats } }]]);
  if (beacon !== undefined) m.set('cnn', { score: beacon, values: { beacon, jitter: 0.2 } });
  return m;
};

test('statistics alone, or weighted towards the CNN', () => {
  assert.equal(finalScore(out(0.8)), 0.8);
  assert.ok(Math.abs(finalScore(out(0.5, 1)) - 0.95) < 1e-12);
  assert.ok(Math.abs(finalScore(out(1, 0)) - 0.1) < 1e-12);
});

test('more check-ins are more evidence: 300 beat 24 at equal base scores', () => {
  assert.equal(evidence(100), 1);
  assert.equal(evidence(1000), 1);
  assert.ok(evidence(24) < evidence(300));
  assert.ok(evidence(6) > 0.9, 'a 4-hour beacon still alerts');
  assert.ok(finalScore(out(0.97, 1), { activities: 317 }) > finalScore(out(0.98, 1), { activities: 24 }));
});

test('flattened scores carry each scorer and its values', () => {
  assert.deepEqual(flattenScores(out(0.91234, 0.5)), { stats: 0.9123, rita_ts: 0.9123, cnn: 0.5, beacon: 0.5, jitter: 0.2 });
});
