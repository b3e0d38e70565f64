// The beaconwatch command line as a user runs it: wrong paths, the failed-lookups filter, the
// table output with hostile names, and the demo data through `scan`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoLogs, DEMO_BEACON } from '../engine/demo/demo-logs.js';
import { jsonLines, runCli } from './support/cli.js';
import { dnsLog, dnsRows } from './support/dns-log.js';
import { REPO_ROOT } from './support/samples.js';

test('serve and watch refuse a directory that does not exist, naming it', { timeout: 60_000 }, async () => {
  for (const cmd of ['serve', 'watch']) {
    const r = await runCli([cmd, '/nonexistent/zeek/logs']);
    assert.equal(r.code, 1, `${cmd} exit code`);
    assert.match(r.stderr, /\/nonexistent\/zeek\/logs does not exist/);
  }
});

test('serve without a folder serves the first-run screen instead of exiting', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-serve-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'engine/cli/run.ts'), 'serve', '--port', '0', '--db', join(dir, 's.sqlite')],
    { cwd: REPO_ROOT },
  );
  try {
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /serving on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${err}`)));
    });
    // loopback `serve` needs its token too: the printed link carries it in the fragment
    const token = /#token=([^&\s]+)/.exec(url)?.[1] ?? '';
    const res = await fetch(new URL('api/getStatus', url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: '{}',
    });
    const body = (await res.json()) as { ok: boolean; result: { zeekDir: string | null; events: number } };
    assert.equal(body.result.zeekDir, null, 'first run: no folder yet');
    assert.match(err, /No Zeek log directory given: choose one in the app/);
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('scan of the demo day: the planted beacon and its dead domain; --failed-lookups keeps only failing lookups', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-cli-'));
  writeDemoLogs(dir, 1_790_000_000);
  const all = jsonLines<{ source: string; src: string; dst: string; variant: string | null; score: number; allowlisted: unknown }>(
    (await runCli(['scan', '--json', dir])).stdout,
  );
  assert.ok(
    all.some((f) => f.source === 'ssl' && f.src === DEMO_BEACON.src && f.dst === DEMO_BEACON.dst),
    'planted TLS beacon above the threshold',
  );
  assert.ok(
    all.every((f) => f.score >= 0.8),
    'without --all only alerts are listed',
  );

  const failed = jsonLines<{ source: string; variant: string; dst: string }>(
    (await runCli(['scan', '--json', '--all', '--failed-lookups', dir])).stdout,
  );
  assert.ok(failed.length >= 1);
  assert.ok(failed.every((f) => f.source === 'dns' && f.variant === 'failed'));
  assert.ok(failed.some((f) => f.dst === 'kq3v9x7pz1.info'));
});

test('the table strips control characters from names in the logs', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bw-cli-'));
  writeFileSync(join(dir, 'dns.log'), dnsLog(dnsRows(40, 'evil\\x1b[31mred\\x07.example', 1_790_000_000, 60)));
  const r = await runCli(['scan', '--all', dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /evil\uFFFD\[31mred\uFFFD\.example/);
  assert.doesNotMatch(r.stdout, /\x1b|\x07/);
});
