// The real Electron app, whenever its binary is on this machine (Electron 45 downloads it on
// first use, which needs internet: `npx install-electron`). Skips with a message otherwise.
// BEACONWATCH_APP_BINARY=<installed executable> checks a packaged app instead (README,
// "Checking an installer").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { _electron } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const { findElectronBinary } = (await import(pathToFileURL(path.join(root, 'scripts', 'start.js')).href)) as {
  findElectronBinary(dir?: string): string | null;
};

const packaged = process.env.BEACONWATCH_APP_BINARY || null;
const binary = packaged ?? findElectronBinary(root);
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skip = !binary
  ? 'the Electron binary is not installed (Electron downloads it on first use: run `npx install-electron` with internet); the shell is covered by tests/electron-app.test.ts'
  : noDisplay
    ? 'no display: run under `xvfb-run -a npm test` to launch the real Electron app'
    : false;

/** dev: `electron <root> …`; packaged: `<exe> …`. Root needs Chromium's sandbox off. */
function argsFor(extra: string[]): string[] {
  const base = packaged ? [] : [root];
  const noSandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  return [...base, ...noSandbox, ...extra];
}

function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
  return env;
}

test('the real app: --smoke-test loads the page, makes one IPC round trip and exits 0', { skip, timeout: 180_000 }, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bw-smoke-'));
  try {
    const r = spawnSync(binary!, argsFor(['--smoke-test', '--data-dir', dataDir]), { encoding: 'utf8', env: cleanEnv(), timeout: 150_000 });
    assert.equal(r.status, 0, `exit ${r.status} ${r.signal ?? ''}\n${r.stderr}`);
    assert.match(r.stderr, /smoke test passed/);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the real app under Playwright: the sandboxed window answers through the preload, and quits cleanly', { skip, timeout: 180_000 }, async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bw-electron-'));
  const app = await _electron.launch({ executablePath: binary!, args: argsFor(['--data-dir', dataDir]), env: cleanEnv(), timeout: 120_000 });
  try {
    const win = await app.firstWindow();
    await win.waitForLoadState('load');
    const status = (await win.evaluate('window.beaconwatch.getStatus({})')) as { mode: string };
    assert.equal(status.mode, 'desktop');
    assert.equal(await win.evaluate('typeof process + typeof require'), 'undefinedundefined', 'no Node in the page');
    assert.equal(await app.evaluate(({ app: a }) => a.getPath('userData')), dataDir);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
