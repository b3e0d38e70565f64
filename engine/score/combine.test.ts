import { test } from 'node:test';
import assert from 'node:assert/strict';
import { finalScore, flattenScores, scoreDetail, scoreFeatures } from './combine.js';
import { CALIBRATION } from './calibration.js';
import type { ScorerOutput } from '../contract/types.js';

const out = (values: Record<string, number>, stats: number, beacon?: number): Map<string, ScorerOutput> => {
  const m = new Map<string, ScorerOutput>([['stats', { score: stats, values }]]);
  if (beacon !== undefined) m.set('cnn', { score: beacon, values: { beacon, jitter: 0.2 } });
  return m;
};
const strong = { rita_ts: 0.99, reg_z: 30, reg_tail_z: 20, backoff_z: 0, spread: 0.02 };
const none = { rita_ts: 0.2, reg_z: -1, reg_tail_z: -1, backoff_z: 0, spread: 0.7 };

test('the score is a probability from the committed calibration, stats-only or with the CNN', () => {
  const s = scoreDetail(out(strong, 0.95), { activities: 500 });
  assert.equal(s.model, 'stats-only');
  assert.ok(s.score > 0.99 && s.score < 1);
  assert.ok(Math.abs(s.score - 1 / (1 + Math.exp(-s.logOdds))) < 1e-12);
  assert.equal(scoreDetail(out(strong, 0.95, 1), { activities: 500 }).model, 'with-cnn');
  assert.ok(finalScore(out(none, 0.3)) < 0.1);
  assert.equal(CALIBRATION.statsOnly.weights.length, scoreFeatures(out(strong, 1)).statsOnly.length);
  assert.equal(CALIBRATION.withCnn.weights.length, scoreFeatures(out(strong, 1, 1)).withCnn.length);
});

test("the CNN's word counts as far as the activities back it", () => {
  const few = finalScore(out(none, 0.3, 1), { activities: 4 });
  const many = finalScore(out(none, 0.3, 1), { activities: 400 });
  assert.ok(few < many, `${few} vs ${many}`);
  assert.ok(few < 0.5, 'four activities: the CNN alone cannot raise an alert');
});

test('flattened scores carry each scorer and its values', () => {
  assert.deepEqual(flattenScores(out({ rita_ts: 0.91234 }, 0.91234, 0.5)), { stats: 0.9123, rita_ts: 0.9123, cnn: 0.5, beacon: 0.5, jitter: 0.2 });
});
