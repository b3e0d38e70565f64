// The threat-intel calls through the HTTP transport (`beaconwatch serve`): status, import, the
// configuration and "update now" (offline: the downloads are switched off per feed, the owner's
// folder is read), and the findings the list shows before and after a feed names the beacon.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FindingList, IntelStatus } from '../engine/contract/api.js';
import { createApi } from '../engine/service/api-impl.js';
import { EngineRuntime } from '../engine/service/runtime.js';
import { startHttpServer } from '../engine/serve/http-server.js';
import { scan } from '../engine/scan/scan.js';

const SAMPLE = '../shared/zeek-samples/stratosphere/001-zeek-scenario-malicious/conn.log';
const BEACON = '41.108.179.197';
const TOKEN = 'intel-test-token-0123456789';

test('intel over HTTP: import raises the listed beacon in listFindings, bad input is a 400 naming the problem, the folder is read on "update now"', async (t) => {
  if (!existsSync(SAMPLE)) return t.skip(`${SAMPLE} not found`);
  const dir = mkdtempSync(join(tmpdir(), 'bw-intel-api-'));
  const db = join(dir, 'bw.sqlite');
  await scan([SAMPLE], { dbFile: db });
  const rt = new EngineRuntime({ dbFile: db, mode: 'serve' });
  const server = await startHttpServer({ api: createApi(rt), host: '127.0.0.1', port: 0, token: TOKEN, staticDir: dir });
  const call = async <T>(method: string, arg: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${server.url.replace(/\/$/, '')}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(arg),
    });
    // the envelope: { ok: true, result } or { ok: false, error }
    const env = (await res.json()) as { ok: boolean; result?: unknown; error?: unknown };
    return { status: res.status, body: (env.ok ? env.result : { error: env.error }) as T };
  };
  const beacon = async () => (await call<FindingList>('listFindings', { includeBelowThreshold: true })).body.findings.find((f) => f.dst === BEACON)!;
  try {
    const first = await call<IntelStatus>('getIntelStatus', {});
    assert.equal(first.status, 200);
    assert.deepEqual(
      first.body.feeds.map((f) => [f.name, f.entries]),
      [
        ['feodo', 0],
        ['sslbl-cert', 0],
        ['sslbl-ja3', 0],
        ['threatfox', 0],
        ['urlhaus', 0],
      ],
    );
    assert.deepEqual([first.body.enabled, first.body.scheduleHours], [true, 24]);

    const before = await beacon();
    assert.equal(before.intel, undefined);

    const imp = await call<{ result: { feed: string; entries: number } }>('importIntel', { text: `# mine\n${BEACON}\n`, fileName: 'c2.txt' });
    assert.equal(imp.status, 200, JSON.stringify(imp.body));
    assert.deepEqual([imp.body.result.feed, imp.body.result.entries], ['c2.txt', 1]);
    const after = await beacon();
    assert.equal(after.intel?.label, 'known C2 address contacted');
    assert.ok(after.score > before.score);
    assert.match(after.reasons[0]!.text, /^c2\.txt lists 41\.108\.179\.197; list fetched just now$/);

    const html = await call<{ error: { code: string; message: string } }>('importIntel', { text: '<html><body>404</body></html>', name: 'c2.txt' });
    assert.equal(html.status, 400);
    assert.match(html.body.error.message, /c2\.txt: an HTML page, not the feed/);
    assert.ok((await beacon()).intel, 'the refused import left the good copy in use');

    assert.equal((await call('updateIntelConfig', { scheduleHours: 0 })).status, 400);
    const noDir = await call<{ error: { message: string } }>('updateIntelConfig', { customDir: join(dir, 'nowhere') });
    assert.equal(noDir.status, 400);
    assert.match(noDir.body.error.message, /is not a folder/);

    // offline: switch every download off, then "update now" reads only the folder
    for (const f of first.body.feeds) assert.equal((await call('updateIntelConfig', { feed: { name: f.name, enabled: false } })).status, 200);
    const lists = join(dir, 'lists');
    mkdirSync(lists);
    writeFileSync(join(lists, 'home.txt'), '# home lab list\n41.108.179.0/24\n');
    const cfg = await call<IntelStatus>('updateIntelConfig', { customDir: lists, enabled: false, scheduleHours: 12 });
    assert.equal(cfg.status, 200);
    assert.deepEqual([cfg.body.enabled, cfg.body.scheduleHours, cfg.body.customDir], [false, 12, lists]);
    assert.equal(cfg.body.feeds.find((f) => f.name === 'folder:home.txt')?.entries, 1);
    const now = await call<{ results: { feed: string; outcome: string }[] }>('updateIntelNow', {});
    assert.deepEqual(
      now.body.results.filter((r) => r.outcome !== 'skipped').map((r) => [r.feed, r.outcome]),
      [['folder:home.txt', 'updated']],
    );
    assert.deepEqual(
      (await beacon()).intel?.matches.map((m) => m.feed),
      ['c2.txt', 'folder:home.txt'],
    );
    const status = await call<{ intel: { feeds: number; entries: number; failing: string[]; downloads: boolean } }>('getStatus', {});
    // the next rescore alerts the quiet address the folder's list names, once, as a known C2
    writeFileSync(join(lists, 'home.txt'), '# home lab list\n41.108.179.0/24\n54.247.115.15\n');
    await call('updateIntelNow', {});
    const alerts: { dst: string; intel?: { label: string } }[] = [];
    rt.on('alerts', (fresh: typeof alerts) => alerts.push(...fresh));
    await rt.rescoreNow();
    const quiet = alerts.find((a) => a.dst === '54.247.115.15');
    assert.equal(quiet?.intel?.label, 'known C2 address contacted', JSON.stringify(alerts.map((a) => a.dst)));
    await rt.rescoreNow();
    assert.equal(alerts.filter((a) => a.dst === '54.247.115.15').length, 1, 'alerted once');
    // c2.txt's last try was the refused HTML page: the status says so while its good copy is used
    assert.deepEqual(
      status.body.intel && [status.body.intel.feeds, status.body.intel.entries, status.body.intel.failing, status.body.intel.downloads],
      [2, 2, ['c2.txt'], false],
    );
  } finally {
    await server.close();
    await rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
