// Issue 9, item 7: `beaconwatch serve` on loopback hands out a token like on any other host, so
// a second local user (who can reach 127.0.0.1 too) cannot change anything.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from './support/samples.js';
import { connHeader, connRows } from './support/gen-conn-log.js';

test('loopback serve prints a token URL and refuses API calls without it', { timeout: 90_000 }, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'bw-serve-token-'));
  const zeek = join(tmp, 'logs');
  mkdirSync(zeek);
  writeFileSync(
    join(zeek, 'conn.log'),
    connHeader('2026-11-27-10-00-00') + connRows({ rows: 20, seed: 1, startTs: 1795773600, spanS: 200, pairs: 3 }),
  );
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'engine/cli/run.ts'), 'serve', '--port', '0', '--db', join(tmp, 'db.sqlite'), zeek],
    { cwd: REPO_ROOT },
  );
  try {
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 60_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /serving on (\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.on('exit', () => reject(new Error(`serve exited: ${out}`)));
    });
    const m = /^(http:\/\/127\.0\.0\.1:\d+\/)#token=([\w-]{32})$/.exec(url);
    assert.ok(m, `a loopback URL with a token: ${url}`);
    const call = (token: string | null) =>
      fetch(`${m[1]}api/addAllowRule`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ dst: '10.0.0.0/8', note: 'hide everything' }),
      });
    assert.equal((await call(null)).status, 401, 'another local user, without the token');
    assert.equal((await call('x'.repeat(32))).status, 401);
    assert.equal((await call(m[2]!)).status, 200, 'the owner, with the printed link');
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(tmp, { recursive: true, force: true });
  }
});
