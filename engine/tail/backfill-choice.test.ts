import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseBackfill } from './tailer.js';

const DAY = 86400;
const NOW = 1_800_000_000;
const archive = (day: string, hour: number, mtime: number) => ({
  f: `/logs/${day}/conn.${String(hour).padStart(2, '0')}:00:00-${String(hour + 1).padStart(2, '0')}:00:00.log.gz`,
  mtime,
});

test('a live sensor: archives of the last backfill period, then the live file last', () => {
  const files = [
    archive('2026-12-01', 1, NOW - 2 * DAY),
    archive('2026-12-02', 9, NOW - 3600),
    { f: '/logs/current/conn.log', mtime: NOW - 5 },
    archive('2026-12-02', 8, NOW - 7200),
  ];
  const chosen = chooseBackfill(files, NOW, DAY, 7 * DAY).map((x) => x.f);
  assert.deepEqual(chosen, [files[3]!.f, files[1]!.f, '/logs/current/conn.log']);
});

test('a folder of old captures is read back from its newest file, not skipped because it is old', () => {
  const newest = NOW - 400 * DAY;
  const files = [archive('2025-10-20', 3, newest - 2 * DAY), archive('2025-10-22', 3, newest), archive('2025-10-01', 3, newest - 20 * DAY)];
  const chosen = chooseBackfill(files, NOW, DAY, 7 * DAY).map((x) => x.f);
  assert.deepEqual(
    chosen,
    [files[0]!.f, files[1]!.f],
    'the archives within 7 days of the newest, oldest first; the 20-day-older one is beyond the retention',
  );
  assert.deepEqual(chooseBackfill([], NOW, DAY, 7 * DAY), []);
});
