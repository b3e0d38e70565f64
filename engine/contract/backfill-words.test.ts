import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backfillPercent, backfillWords } from './backfill-words.js';

const b = (bytesDone: number, bytesTotal: number, spanS: number, filesDone = 0, filesTotal = 2) => ({
  filesDone,
  filesTotal,
  bytesDone,
  bytesTotal,
  spanS,
});

test('backfill progress in words: the span of the history and the share of its bytes read', () => {
  assert.equal(backfillWords(b(41, 100, 3 * 86400)), 'reading 3 days of history: 41 %');
  assert.equal(backfillWords(b(0, 100, 5 * 3600)), 'reading 5 hours of history: 0 %');
  assert.equal(backfillWords(b(50, 100, 3600)), 'reading 1 hour of history: 50 %');
  assert.equal(backfillWords(b(1, 3, 600)), 'reading recent history: 33 %');
});

test('never 100 % while a file is left; by files when the sizes are unknown', () => {
  assert.equal(backfillPercent(b(999, 1000, 0, 1, 2)), 99);
  assert.equal(backfillPercent(b(1000, 1000, 0, 2, 2)), 100);
  assert.equal(backfillPercent(b(0, 0, 0, 1, 4)), 25);
});
