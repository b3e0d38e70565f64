import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScorerOutput } from '../contract/types.js';
import { scoreDetail, flattenScores } from './combine.js';
import { explainScore } from './explain.js';
import { statsScorer } from './stats-scorer.js';

async function scored(times: number[], cnnBeacon?: number) {
  const series = {
    times: Float64Array.from(times),
    bytes: new Float64Array(times.length).fill(500),
    windowStart: times[0]! - 60,
    windowEnd: times.at(-1)! + 60,
  };
  const [stats] = await statsScorer.scoreBatch([series as never]);
  const outputs = new Map<string, ScorerOutput>([['stats', stats!]]);
  if (cnnBeacon !== undefined) outputs.set('cnn', { score: cnnBeacon, values: { beacon: cnnBeacon, jitter: 0.1 } });
  return { detail: scoreDetail(outputs, { activities: times.length }), flat: flattenScores(outputs) };
}

test('the terms add up to the score: start + Σ pushes = its log odds', async () => {
  const timer = Array.from({ length: 60 }, (_, i) => 1_700_000_000 + i * 300 + (i % 3) * 4);
  for (const cnn of [undefined, 0.97, 0.2]) {
    const { detail, flat } = await scored(timer, cnn);
    const e = explainScore(flat);
    const sum = e.startLogOdds + e.terms.reduce((s, t) => s + t.logOdds, 0);
    assert.ok(Math.abs(sum - detail.logOdds) < 0.05, `sum ${sum} vs ${detail.logOdds} (cnn ${cnn})`);
    assert.equal(e.model, cnn === undefined ? 'stats-only' : 'with-cnn');
  }
});

test('a steady timer is raised by the timer test; a CNN "no" lowers; random arrivals get no push from the timer test', async () => {
  const timer = Array.from({ length: 60 }, (_, i) => 1_700_000_000 + i * 300);
  const e = explainScore((await scored(timer, 0.05)).flat);
  assert.ok(e.terms.find((t) => t.key === 'timer')!.logOdds > 1);
  assert.ok(e.terms.find((t) => t.key === 'cnn')!.logOdds < 0, 'the CNN doubting it lowers the score');
  assert.ok(e.startLogOdds < 0, 'without evidence a series starts below even odds');

  let x = 1_700_000_000;
  let seed = 7;
  const random = Array.from({ length: 40 }, () => {
    seed = (seed * 16807) % 2147483647;
    return (x += -Math.log(seed / 2147483647) * 600); // exponential gaps: random arrivals
  });
  const r = explainScore((await scored(random)).flat);
  assert.ok(r.terms.find((t) => t.key === 'timer')!.logOdds < 1.5, 'random arrivals are not a timer');
});
