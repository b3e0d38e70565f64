// The overview's time window in the page (renderer/src/lib/time-window.ts): the address keeps it,
// days come from the engine's hours, previous/next step over days without data, and a lower
// retention says what it would remove.
process.env.TZ = 'UTC';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DataTimeline } from '../engine/api.js';
import { apiWindow, dataDays, dayEnd, isLive, LIVE, parseWindowQuery, retentionLoss, stepDay, windowQuery } from '../renderer/src/lib/time-window.js';

const H = 3600;
const at = (iso: string) => Date.parse(iso) / 1000;

test('the address keeps the window; anything unknown is the live one', () => {
  assert.equal(windowQuery(LIVE), '');
  assert.deepEqual(parseWindowQuery(''), LIVE);
  const c = { length: '7d' as const, day: '2024-04-20' };
  assert.equal(windowQuery(c), 'window=7d&day=2024-04-20');
  assert.deepEqual(parseWindowQuery(windowQuery(c)), c);
  assert.deepEqual(parseWindowQuery('window=3y&day=<script>'), LIVE);
  assert.ok(isLive(parseWindowQuery('window=24h')));
  assert.deepEqual(apiWindow(c), { end: at('2024-04-21T00:00:00Z'), lengthS: 7 * 86400 });
  assert.deepEqual(apiWindow(LIVE), { end: null, lengthS: 86400 });
  assert.equal(dayEnd('2024-02-28'), at('2024-02-29T00:00:00Z'));
});

test('days with data, and stepping over the days without', () => {
  const hours = [at('1970-01-01T00:00:00Z'), at('2024-04-19T10:00:00Z'), at('2024-04-19T11:00:00Z'), at('2024-04-21T23:00:00Z')].map((start) => ({
    start,
    events: 10,
  }));
  const days = dataDays(hours);
  assert.deepEqual(days, [
    { day: '1970-01-01', events: 10 },
    { day: '2024-04-19', events: 20 },
    { day: '2024-04-21', events: 10 },
  ]);
  const names = days.map((d) => d.day);
  const liveEnd = at('2024-04-21T23:59:51Z');
  // from the latest data, back is the last full day before it; there is no forward
  assert.deepEqual(stepDay(names, LIVE, -1, liveEnd), { day: '2024-04-19' });
  assert.equal(stepDay(names, LIVE, 1, liveEnd), null);
  assert.deepEqual(stepDay(names, { length: '24h', day: '2024-04-19' }, -1, liveEnd), { day: '1970-01-01' });
  assert.equal(stepDay(names, { length: '24h', day: '1970-01-01' }, -1, liveEnd), null);
  assert.deepEqual(stepDay(names, { length: '24h', day: '2024-04-19' }, 1, liveEnd), { day: '2024-04-21' });
  // forward from the last day returns to the latest data
  assert.deepEqual(stepDay(names, { length: '24h', day: '2024-04-21' }, 1, liveEnd), { day: null });
});

test('a lower retention says what it would remove; historic data loses nothing', () => {
  const now = at('2026-12-01T12:00:00Z');
  const t: DataTimeline = {
    hours: [
      { start: now - 10 * 86400, events: 500 },
      { start: now - 3 * 86400, events: 70 },
      { start: now - H, events: 30 },
    ],
    newest: now - 60,
    liveEnd: now,
    retentionFrom: now - 60,
    retention: { days: 30, removedBefore: null, paused: false },
  };
  assert.deepEqual(retentionLoss(t, 7), { events: 500, before: now - 60 - 7 * 86400 });
  assert.equal(retentionLoss(t, 2)!.events, 570);
  assert.equal(retentionLoss(t, 14), null);
  assert.equal(retentionLoss({ ...t, retention: { ...t.retention, paused: true } }, 2), null);
});
