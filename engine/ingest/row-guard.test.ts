import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openStampSeconds, RowGuard } from './row-guard.js';

const NOW = 1_790_000_000;

test('live logs: up to a day past now; absolute data: nothing before 1990', () => {
  const g = new RowGuard('conn.log', { live: true, openTs: openStampSeconds('2026-09-21-10-00-00'), now: NOW });
  assert.equal(g.accept(NOW + 3600), true);
  assert.equal(g.accept(99_999_999_999), false);
  assert.equal(g.accept(12), false, 'before 1990 in a log opened in 2026');
  assert.equal(g.accept(null), false);
  assert.deepEqual(
    g.problems().map((p) => p.problem),
    [
      '1 row(s) skipped: timestamp too far in the future (e.g. ts 99999999999)',
      '1 row(s) skipped: timestamp before 1990 (e.g. ts 12)',
      '1 row(s) skipped: no usable timestamp (unset, NaN or Infinity)',
    ],
  );
});

test('archives: bounded by #open plus the rotation span; relative times kept without #open', () => {
  const open = openStampSeconds('2019-02-28-12-07-01')!;
  const a = new RowGuard('conn.12:00:00-13:00:00.log.gz', { live: false, openTs: open, now: NOW });
  assert.equal(a.accept(open + 3600), true);
  assert.equal(a.accept(open + 30 * 86400), false, 'a month past #open in an hourly archive');
  const rel = new RowGuard('conn.log', { live: true, openTs: null, now: NOW });
  assert.equal(rel.accept(0.25), true, 'relative times (no #open, none absolute yet) are kept');
  assert.equal(rel.dropped, 0);
});
