// Issue 19: a stray rejected promise (or an exception thrown from a timer) must not end a host.
// The wasm backend's Emscripten runtime adds listeners that rethrow (exit 7): first shown without
// the guard, then survived with it; then `watch` and `serve` (the CLI installs the guard, and both
// load the CNN in-process) get stray errors through tests/support/stray-errors.ts and stay up.
// Electron main: tests/electron-app.test.ts.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { connHeader, connRows } from './support/gen-conn-log.js';
import { REPO_ROOT } from './support/samples.js';
import { sleep } from './support/kill-harness.js';

const tmp = mkdtempSync(join(tmpdir(), 'bw-guard-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const WASM_CHILD = join(REPO_ROOT, 'tests/support/stray-wasm-child.ts');
const STRAY = join(REPO_ROOT, 'tests/support/stray-errors.ts');
const CLI = join(REPO_ROOT, 'engine/cli/run.ts');

test('the wasm backend turns a stray rejection into exit 7; the guard removes its listeners and survives', { timeout: 60_000 }, () => {
  const bare = spawnSync(process.execPath, ['--import', 'tsx', WASM_CHILD], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, BEACONWATCH_BACKEND: 'wasm' },
  });
  assert.equal(bare.status, 7, 'without the guard the rethrowing listener ends the process');
  const guarded = spawnSync(process.execPath, ['--import', 'tsx', WASM_CHILD, '--guard'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, BEACONWATCH_BACKEND: 'wasm' },
  });
  assert.equal(guarded.status, 0, guarded.stderr.slice(-2000));
  const r = JSON.parse(guarded.stdout.trim()) as { backend: string; listeners: number; counts: { rejections: number; neutralised: number } };
  assert.equal(r.backend, 'wasm');
  assert.equal(r.listeners, 1, 'only the guard listens');
  assert.equal(r.counts.rejections, 1);
  assert.ok(r.counts.neutralised >= 2, `the backend's listeners removed: ${r.counts.neutralised}`);
  assert.match(
    guarded.stderr,
    /unhandled promise rejection #1 \(logged, the process goes on\): Error: stray rejection after the wasm backend loaded/,
  );
});

/** Starts a host, waits for `ready` in its output, sends the stray errors, checks it stays up. */
async function strayErrorsSurvived(args: string[], ready: RegExp): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', STRAY, CLI, ...args], { cwd: REPO_ROOT });
  let out = '';
  let exited: number | null | undefined;
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r((exited = code))));
  try {
    const t0 = Date.now();
    while (!ready.test(out) && exited === undefined && Date.now() - t0 < 60_000) await sleep(50);
    assert.ok(ready.test(out), `host not ready: ${out.slice(-2000)}`);
    child.kill('SIGUSR2');
    const t1 = Date.now();
    while (!/uncaught exception #1/.test(out) && exited === undefined && Date.now() - t1 < 10_000) await sleep(50);
    await sleep(300);
    assert.equal(exited, undefined, `the host died: ${out.slice(-2000)}`);
    assert.match(out, /unhandled promise rejection #1 \(logged, the process goes on\): Error: stray rejection from the test/);
    assert.match(out, /uncaught exception #1 \(logged, the process goes on\): Error: stray exception from the test/);
    child.kill('SIGTERM');
    assert.equal(await exit, 0, `a clean stop after the stray errors: ${out.slice(-2000)}`);
    return out;
  } finally {
    if (exited === undefined) child.kill('SIGKILL');
  }
}

function zeekDir(name: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'conn.log'),
    connHeader('2026-11-27-10-00-00') + connRows({ rows: 50, seed: 2, startTs: 1795773600, spanS: 600, pairs: 3 }),
  );
  return dir;
}

test('watch survives a stray rejection and an uncaught exception after the CNN loaded', { timeout: 90_000 }, async () => {
  const out = await strayErrorsSurvived(['watch', zeekDir('watch'), '--db', join(tmp, 'watch.sqlite')], /backfill done: .*CNN backend/);
  assert.match(out, /backfill done: \d+ pairs/);
});

test('serve survives a stray rejection and an uncaught exception', { timeout: 90_000 }, async () => {
  await strayErrorsSurvived(['serve', '--port', '0', '--db', join(tmp, 'serve.sqlite'), zeekDir('serve')], /serving on http:\/\/127\.0\.0\.1:\d+\//);
});
