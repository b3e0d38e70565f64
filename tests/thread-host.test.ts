// The engine on a worker thread (engine/service/thread-host.ts) keeps the EngineHost contract:
// the same answers as in-process, errors with their code, events, the folder picker asked of the
// calling thread, and a stop that ends the thread.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ApiError } from '../engine/contract/api.js';
import { createEngineHostInThread } from '../engine/service/thread-host.js';

const dir = mkdtempSync(join(tmpdir(), 'bw-thread-host-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a host on a worker thread answers the API, keeps error codes, pushes events, asks for the folder', { timeout: 120_000 }, async () => {
  let picked = 0;
  const lines: string[] = [];
  const host = await createEngineHostInThread({
    dbFile: join(dir, 'bw.sqlite'),
    mode: 'desktop',
    demo: true,
    pickDirectory: async () => {
      picked += 1;
      return null;
    },
    log: (l) => lines.push(l),
  });
  const changes: unknown[] = [];
  host.on('changed', (c) => changes.push(c));
  try {
    await host.start();
    const status = await host.api.getStatus({});
    assert.equal(status.demo, true);
    assert.ok(status.events > 0, 'the demo day is stored');
    const findings = await host.api.listFindings({});
    assert.ok(findings.findings.length > 0, 'findings come back across the thread');
    await assert.rejects(host.api.getPair({ pairId: 987654321 }), (e: unknown) => e instanceof ApiError && e.code === 'not-found');
    // a refused setting keeps its field errors across the thread (the page places them)
    await assert.rejects(host.api.updateSettings({ retentionDays: 0 }), (e: unknown) => {
      assert.ok(e instanceof ApiError);
      assert.deepEqual(e.fields, [{ field: 'retentionDays', message: 'Keep data for: at least 1 day' }]);
      return true;
    });
    assert.equal(await host.api.pickZeekDir({}), null);
    assert.equal(picked, 1, 'the picker runs on the calling thread');
    await host.api.rescoreNow({});
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(changes.length > 0, 'change events cross the thread');
  } finally {
    await host.stop();
  }
  await assert.rejects(host.api.getStatus({}), (e: unknown) => e instanceof ApiError && e.code === 'failed', 'the thread is gone after stop');
});
