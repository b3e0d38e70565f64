// Issue 20, time to detect: a beacon that starts after the full rescore is a new finding at the
// next quick pass (minutes), not at the next hourly rescore; the pass scores only the pairs with
// new events, alerts once per finding, and does nothing when no event arrived.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineRuntime } from '../engine/service/runtime.js';
import { visibleFindings } from '../engine/service/views.js';
import type { FindingView } from '../engine/contract/api.js';
import { connHeader, connRows } from './support/gen-conn-log.js';
import { waitFor } from './support/page-checks.js';

const IMPLANT = '192.168.1.250';
const C2 = '203.0.113.77';

/** one TLS check-in of the implant (a conn.log row) */
function checkIn(ts: number, i: number): string {
  const uid = `Cquick${String(i).padStart(12, '0')}`;
  return `${ts.toFixed(6)}\t${uid}\t${IMPLANT}\t${50000 + i}\t${C2}\t443\ttcp\tssl\t0.4\t310\t4200\tSF\tT\tF\t0\tShADadFf\t8\t630\t9\t4560\t(empty)\n`;
}

test('a beacon that starts after the rescore is a new finding at the next quick pass, alerted once', { timeout: 240_000 }, async (t) => {
  const tmp = mkdtempSync(join(tmpdir(), 'bw-quick-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  const zeek = join(tmp, 'zeek');
  mkdirSync(zeek);
  const now = Date.now() / 1000;
  const log = join(zeek, 'conn.log');
  // three hours of a home's background traffic, up to a minute ago
  writeFileSync(log, connHeader() + connRows({ rows: 3000, pairs: 300, startTs: now - 3 * 3600, spanS: 3 * 3600 - 60, seed: 7 }));

  const rt = new EngineRuntime({ dbFile: join(tmp, 'q.sqlite'), mode: 'serve', zeekDir: zeek, log: () => undefined });
  const alerts: FindingView[] = [];
  rt.on('alerts', (fresh: FindingView[]) => alerts.push(...fresh));
  try {
    await rt.startTailing();
    await rt.rescoreNow();
    const total = rt.store.pairs.counts().pairs;
    assert.equal(await rt.quick.runNow(), null, 'no new event: no pass');
    const before = visibleFindings(rt.store.pairs.listScoredPairs(), rt.viewContext());
    assert.ok(!before.some((f) => f.src === IMPLANT));

    // the implant starts: a check-in every 60 s (±20 %) for the last quarter hour (the scorers
    // put this jitter above the threshold from about 14 check-ins: bench/detect-bench.ts)
    const events = rt.status().events;
    let rows = '';
    const N = 16;
    for (let i = 0; i < N; i++) rows += checkIn(now - (N - 1) * 60 + i * 60 + ((i * 37) % 24) - 12, i);
    appendFileSync(log, rows);
    await waitFor(async () => rt.status().events >= events + N, 30_000, 'the check-ins were never ingested');

    const pass = await rt.quick.runNow();
    assert.ok(pass, 'a pass ran');
    assert.ok(pass.pairs >= 1 && pass.pairs < total / 2, `scored ${pass.pairs} of ${total} pairs: only those with new events`);
    const found = visibleFindings(rt.store.pairs.listScoredPairs(), rt.viewContext()).find((f) => f.src === IMPLANT && f.dst === C2);
    assert.ok(found, 'the beacon is a finding after the quick pass');
    assert.equal(found.state, 'new', JSON.stringify({ score: found.score, reasons: found.reasons, summary: found.summary }));
    assert.ok(found.score >= rt.settings.alertThreshold, `score ${found.score}`);
    assert.equal(alerts.filter((a) => a.src === IMPLANT).length, 1, 'alerted');

    // more check-ins, another pass: the same finding, no second alert
    const more = rt.status().events;
    appendFileSync(log, checkIn(now + 1, 100) + checkIn(now + 2, 101));
    await waitFor(async () => rt.status().events >= more + 2, 30_000, 'the later check-ins were never ingested');
    assert.ok(await rt.quick.runNow());
    assert.equal(alerts.filter((a) => a.src === IMPLANT).length, 1, 'one alert per finding');
    // the quick pass is no rescore of the window: the last run stays the full one
    assert.equal(rt.store.scores.lastRun()!.pairs, total);
  } finally {
    await rt.close();
  }
});
