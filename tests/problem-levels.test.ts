// Issue 19: problems have levels. A row that yields nothing (a DNS row without a query) is a
// counted warning with its file and row count; only what stops reading (a file that is no Zeek
// log) is an error, the red "Problem reading logs" of the status bar.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createEngineHost } from '../engine/service/create-host.js';
import { dnsLog, dnsRows } from './support/dns-log.js';

async function statusOf(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'bw-levels-'));
  const zeek = join(dir, 'logs');
  mkdirSync(zeek);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(zeek, name), text);
  const host = await createEngineHost({ dbFile: join(dir, 'bw.sqlite'), mode: 'serve', zeekDir: zeek });
  try {
    await host.start();
    return { zeek, status: await host.api.getStatus({}) };
  } finally {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// 20 lookups with a query, 3 without one (unset: Zeek writes "-")
const dns = dnsLog([...dnsRows(20, 'updates.example.com'), ...dnsRows(3, '-', 1_790_002_000)]);

test('a DNS row without a query is a counted warning naming the file, not an error', { timeout: 120_000 }, async () => {
  const { zeek, status } = await statusOf({ 'dns.log': dns });
  const warnings = status.problems.filter((p) => p.level === 'warning');
  assert.deepEqual(
    status.problems.filter((p) => p.level === 'error'),
    [],
    'nothing stopped reading: no red banner',
  );
  assert.equal(warnings.length, 1, JSON.stringify(status.problems));
  assert.equal(warnings[0]!.file, join(zeek, 'dns.log'));
  assert.equal(warnings[0]!.rows, 3);
  assert.match(warnings[0]!.problem, /^3 row\(s\) skipped: /);
  assert.equal(status.skippedRows, 3);
  // the rows with a query are read: two events each (the name, and its registered domain)
  assert.equal(status.events, 40);
});

test('a file that cannot be read is an error beside the warning', { timeout: 120_000 }, async () => {
  const { zeek, status } = await statusOf({ 'dns.log': dns, 'http.00:00:00-01:00:00.log': 'this is not a Zeek log\nat all\n' });
  const errors = status.problems.filter((p) => p.level === 'error');
  assert.equal(errors.length, 1, JSON.stringify(status.problems));
  assert.equal(errors[0]!.file, join(zeek, 'http.00:00:00-01:00:00.log'));
  assert.match(errors[0]!.problem, /not a Zeek log/);
  assert.equal(errors[0]!.rows, 0);
  assert.equal(status.skippedRows, 3);
});
