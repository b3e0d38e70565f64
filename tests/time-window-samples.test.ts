// Windows other than the live one, on real samples: missing_host's 72 h in a 7-day window and
// day by day, Stratosphere's captures of several periods (NjRAT in 1970, ESET in June 2022)
// browsable by day, the stored latest scores untouched, retention waiting on historic data,
// and `scan --window 7d`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineRuntime } from '../engine/service/runtime.js';
import { createApi } from '../engine/service/api-impl.js';
import { retentionCutoff } from '../engine/service/retention.js';
import { DEFAULT_LOCAL_NETWORKS } from '../engine/pairs/local-networks.js';
import type { BeaconwatchApi, FindingView, TimeWindow } from '../engine/api.js';
import { sample, samplesMissing as skip } from './support/samples.js';
import { jsonLines, runCli } from './support/cli.js';

const DAY = 86400;

/** A runtime over a copy of a sample folder (fresh modification times: the backfill reads them). */
async function engineOver(folder: string, localNetworks?: string[]): Promise<{ api: BeaconwatchApi; rt: EngineRuntime; done: () => Promise<void> }> {
  const tmp = mkdtempSync(join(tmpdir(), 'bw-window-'));
  cpSync(sample(folder), join(tmp, 'zeek'), { recursive: true });
  const rt = new EngineRuntime({ dbFile: join(tmp, 'bw.sqlite'), mode: 'serve', zeekDir: join(tmp, 'zeek') });
  const api = createApi(rt);
  if (localNetworks) await api.updateSettings({ localNetworks });
  await rt.startTailing();
  await rt.rescoreNow();
  return {
    api,
    rt,
    done: async () => {
      await rt.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

async function findings(api: BeaconwatchApi, window?: TimeWindow): Promise<FindingView[]> {
  return (await api.listFindings({ includeInbound: true, limit: 10000, ...(window ? { window } : {}) })).findings;
}
const utcDayEnd = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000 + DAY;

test('retention counts back from the newest event, and waits while the data is historic', () => {
  const now = 2_000_000_000;
  assert.equal(retentionCutoff(now, null, DAY, 7), null);
  assert.equal(retentionCutoff(now, now - 2 * DAY, DAY, 7), null, 'an import of old logs loses nothing');
  assert.equal(retentionCutoff(now, now - 60, DAY, 7), now - 60 - 7 * DAY);
  assert.equal(retentionCutoff(now, now + 3600, DAY, 7), now - 7 * DAY, 'events from the future do not move it');
});

test(
  'rita/missing_host: a 7-day window shows the beacon across the 72 h; day windows differ; stored scores stay',
  { skip, timeout: 300_000 },
  async () => {
    // the sensor (64.225.56.201) as a local address: the beacon comes in from outside
    const e = await engineOver('rita/missing_host', [...DEFAULT_LOCAL_NETWORKS, '64.225.56.201/32']);
    try {
      const beacon = (fs: FindingView[]) => fs.find((f) => f.src === '73.54.23.243' && f.dst === '64.225.56.201');
      const live = await findings(e.api);
      const runBefore = e.rt.store.scores.lastRun();
      const liveBeacon = beacon(live);
      assert.ok(liveBeacon, 'the beacon is in the live 24 h');
      assert.ok(liveBeacon.stats.activities < 400, `24 h holds about a third of it: ${liveBeacon.stats.activities}`);

      const week = { end: null, lengthS: 7 * DAY };
      const started = await e.api.scoreWindow(week);
      assert.ok(['scoring', 'ready'].includes(started.state), started.state);
      const weekFindings = await findings(e.api, week);
      const weekBeacon = beacon(weekFindings);
      assert.ok(weekBeacon, 'the beacon is in the 7-day window');
      assert.ok(weekBeacon.stats.activities > 900, `all 72 h of it: ${weekBeacon.stats.activities}`);
      assert.match(weekBeacon.summary, /times in 7 d/);
      assert.ok(weekBeacon.score >= 0.8, `and scores high: ${weekBeacon.score}`);
      assert.ok(weekFindings.length > live.length, `more findings over 7 days: ${weekFindings.length} vs ${live.length}`);
      assert.equal((await e.api.scoreWindow(week)).state, 'ready', 'scored once, then cached');

      // the stored latest scores are the hourly rescore's, untouched by the window
      assert.equal(e.rt.store.scores.lastRun()?.id, runBefore?.id);
      assert.equal(beacon(await findings(e.api))?.stats.activities, liveBeacon.stats.activities);

      // day by day: the hours with data name the three days, each day's list differs
      const timeline = await e.api.getDataTimeline({});
      const days = [...new Set(timeline.hours.filter((h) => h.events > 100).map((h) => new Date(h.start * 1000).toISOString().slice(0, 10)))];
      assert.deepEqual(days, ['2024-04-19', '2024-04-20', '2024-04-21']);
      const lists = [];
      for (const d of days) {
        const fs = await findings(e.api, { end: utcDayEnd(d), lengthS: DAY });
        assert.ok(beacon(fs), `the beacon on ${d}`);
        lists.push(
          fs
            .map((f) => f.findingId)
            .sort((a, b) => a - b)
            .join(),
        );
      }
      assert.equal(new Set(lists).size, 3, 'each day lists other findings');

      // the finding page of a window: its timeline spans that window
      const pair = await e.api.getPair({ pairId: weekBeacon.findingId, window: week });
      assert.equal(pair.windowEnd - pair.windowStart, 7 * DAY);
      assert.ok(pair.activities.length > 900);
      assert.deepEqual((await e.api.getStatus({})).retention, { days: 7, removedBefore: null, paused: true }, 'historic: nothing removed');

      // what retention removed is said: the oldest event kept, and the days list loses that day
      e.rt.store.pairs.pruneEvents(utcDayEnd('2024-04-19'));
      e.rt.emit('changed', { reason: 'rescore' });
      const removed = (await e.api.getStatus({})).retention?.removedBefore ?? 0;
      assert.ok(removed >= utcDayEnd('2024-04-19') && removed < utcDayEnd('2024-04-19') + 60, String(removed));
      const after = await e.api.getDataTimeline({});
      assert.ok(after.hours[0]!.start >= utcDayEnd('2024-04-19'));
      assert.equal(after.retention.removedBefore, removed);
    } finally {
      await e.done();
    }
  },
);

test('stratosphere: NjRAT (1970) and ESET (June 2022) appear in their days, not in the latest window', { skip, timeout: 300_000 }, async () => {
  const e = await engineOver('stratosphere');
  try {
    const njrat = (fs: FindingView[]) => fs.some((f) => f.src === '192.168.1.115' && f.dst === '41.108.179.197');
    const eset = (fs: FindingView[]) => fs.some((f) => f.src === '147.32.81.167' && f.dst === '91.228.167.171');
    assert.ok(!njrat(await findings(e.api)) && !eset(await findings(e.api)), 'the latest 24 h hold neither');
    assert.ok(!njrat(await findings(e.api, { end: null, lengthS: 7 * DAY })), 'nor the latest 7 days');
    assert.ok(njrat(await findings(e.api, { end: utcDayEnd('1970-01-01'), lengthS: DAY })), 'NjRAT on its day');
    assert.ok(eset(await findings(e.api, { end: utcDayEnd('2022-06-13'), lengthS: DAY })), 'ESET on its day');
    // historic captures of several periods: retention keeps every one of them
    const t = await e.api.getDataTimeline({});
    assert.deepEqual(t.retention, { days: 7, removedBefore: null, paused: true });
    assert.ok(t.hours[0]!.start < DAY, 'the 1970 capture is still stored');
  } finally {
    await e.done();
  }
});

test('scan --window 7d scores missing_host over all 72 h; 1h and seconds still work', { skip, timeout: 240_000 }, async () => {
  type Row = { src: string; dst: string; activities?: number; stats?: { activities: number } };
  const acts = (r: Row) => r.activities ?? r.stats?.activities ?? 0;
  const of = async (window: string) => {
    const r = await runCli(['scan', '--json', '--all', '--no-cnn', '--window', window, sample('rita/missing_host')]);
    assert.equal(r.code, 0, r.stderr);
    return jsonLines<Row>(r.stdout).find((x) => x.src === '73.54.23.243' && x.dst === '64.225.56.201');
  };
  const week = await of('7d');
  assert.ok(week && acts(week) > 900, `7d: ${JSON.stringify(week)}`);
  const day = await of('86400');
  assert.ok(day && acts(day) < 400, `86400 s: ${JSON.stringify(day)}`);
  const hour = await of('1h');
  assert.ok(!hour || acts(hour) < 20, `1h: ${JSON.stringify(hour)}`);
  const help = await runCli(['scan', '--help']);
  assert.match(help.stdout, /1h, 24h\s+or 7d/);
  assert.match(help.stdout, /default:\s+24h/);
});
