import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Coverage } from '../contract/values.js';
import { coverageIsPartial, coverageNote, coverageSentence } from './coverage-sentence.js';

const END = Date.UTC(2024, 3, 21, 10, 0) / 1000;
const base: Coverage = {
  dataFrom: END - 3 * 86_400 + 600,
  dataTo: END,
  windowEnd: END,
  windowS: 86_400,
  allTime: false,
  pairsInWindow: 202,
  pairsOutside: 1_890,
  eventsOutside: 41_000,
  filesFound: 72,
  filesUnreadable: 0,
  filesPending: 0,
  problems: 0,
  rowsSkipped: 0,
};

test('the sentence names the window, what lies outside it and how to include it', () => {
  assert.equal(
    coverageSentence(base, 'cli'),
    '3 days of logs (2024-04-18 – 2024-04-21); scored the 24 h ending 2024-04-21 10:00 UTC (202 pairs); 1,890 pairs (41,000 events) outside it: --window 3d or --all-time to include them.',
  );
  // the app has no flags: the window picker
  assert.match(coverageSentence(base, 'app'), /1,890 pairs \(41,000 events\) outside it: choose a longer window to include them\.$/);
  assert.equal(coverageIsPartial(base), true);
});

test('unreadable files, skipped rows and files still being read are each said', () => {
  const c = { ...base, filesUnreadable: 2, problems: 5, rowsSkipped: 420, filesPending: 3 };
  assert.match(coverageSentence(c), /; 2 files of 72 unreadable or not Zeek logs; 420 rows skipped as malformed; 3 files still being read\.$/);
  // problems without a row count (a bad line) are still said
  assert.match(coverageSentence({ ...base, problems: 2 }), /2 other problems \(skipped rows or lines\) reported\.$/);
});

test('everything scored: "nothing outside it", and only then not partial', () => {
  const all: Coverage = { ...base, allTime: true, windowS: 3 * 86_400, pairsInWindow: 2_092, pairsOutside: 0, eventsOutside: 0 };
  assert.equal(
    coverageSentence(all),
    '3 days of logs (2024-04-18 – 2024-04-21); scored all of it (2,092 pairs, window ending 2024-04-21 10:00 UTC); nothing outside it.',
  );
  assert.equal(coverageIsPartial(all), false);
  assert.deepEqual(coverageNote(all), { sentence: coverageSentence(all, 'app'), partial: false });
  assert.equal(coverageIsPartial({ ...all, rowsSkipped: 1 }), true);
});

test('an empty store says so rather than "nothing outside it"', () => {
  const none: Coverage = { ...base, dataFrom: null, dataTo: null, pairsInWindow: 0, pairsOutside: 0, eventsOutside: 0 };
  assert.equal(coverageSentence(none), 'no events stored; scored the 24 h ending 2024-04-21 10:00 UTC (0 pairs).');
});

test('events dated years before the rest (a clock once at 1970) get --all-time, not a window of years', () => {
  const old: Coverage = { ...base, dataFrom: 0 };
  const s = coverageSentence(old, 'cli');
  assert.match(s, /^19,\d{3} days of logs \(1970-01-01 – 2024-04-21\)/);
  assert.match(s, /outside it: --all-time to include them\.$/);
  assert.doesNotMatch(s, /--window/);
});
