// A bad setting from the command line is refused in the same words the Settings page shows
// (the one table's labels and units), and nothing stored changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/cli.js';
import { writePeriodicDnsLog } from './support/zeek-fixture.js';
import { Store } from '../db/store.js';

test('watch --backfill 60d is refused as "Backfill on first start: at most 720 hours", the store keeps its value', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'bw-settings-cli-'));
  try {
    const zeek = join(tmp, 'zeek');
    mkdirSync(zeek);
    writePeriodicDnsLog(join(zeek, 'dns.log'), '10.0.0.5', 'updates.example.net', 60);
    const db = join(tmp, 'bw.sqlite');
    const r = await runCli(['watch', zeek, '--db', db, '--backfill', '60d'], { timeoutMs: 60_000 });
    assert.notEqual(r.code, 0, r.stdout);
    assert.match(r.stderr, /Backfill on first start: at most 720 hours/);
    assert.doesNotMatch(r.stderr, /backfillS|Too big|expected number/);
    const store = Store.open(db);
    try {
      // the folder given on the command line was stored (it persists), the refused backfill was not
      const stored = store.settings.all();
      assert.equal(stored['zeekDir'], zeek);
      assert.equal(stored['backfillS'], undefined);
    } finally {
      store.close();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
