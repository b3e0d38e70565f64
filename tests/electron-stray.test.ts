// Issue 19: Electron main owns stray errors. The real dist/electron/main.js runs against the
// stand-in (tests/support/electron-main-child.ts, a process of its own), gets a rejected promise
// nobody catches and an exception thrown from a timer, and must still be running, say both in
// its log, and quit cleanly from the tray.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { CHROMIUM, ensureRendererBuilt, REPO_ROOT } from './support/browser.js';

const skip = existsSync(CHROMIUM) ? false : `Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`;
const MAIN = path.join(REPO_ROOT, 'dist', 'electron', 'main.js');

/** dist/electron is what runs: rebuild it when a source in electron/ (or the guard) is newer */
function ensureShellBuilt(): void {
  const sources = readdirSync(path.join(REPO_ROOT, 'electron'))
    .filter((f) => /\.c?ts$/.test(f))
    .map((f) => path.join(REPO_ROOT, 'electron', f));
  sources.push(path.join(REPO_ROOT, 'engine', 'app', 'process-guard.ts'));
  const newest = Math.max(...sources.map((f) => statSync(f).mtimeMs));
  if (existsSync(MAIN) && statSync(MAIN).mtimeMs >= newest) return;
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'electron/tsconfig.json'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
}

test('Electron main logs a stray rejection and a timer exception and stays up', { skip, timeout: 120_000 }, () => {
  ensureShellBuilt();
  ensureRendererBuilt();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bw-stray-'));
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'tests/support/electron-main-child.ts'), dataDir], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, XDG_CURRENT_DESKTOP: 'KDE' },
      timeout: 110_000,
    });
    assert.equal(r.status, 0, r.stderr.slice(-3000));
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { alive: boolean; exitCode: number | string; log: string };
    assert.equal(out.alive, true, 'still running after the stray errors');
    assert.match(out.log, /unhandled promise rejection #1 \(logged, the process goes on\): Error: stray rejection in Electron main/);
    assert.match(out.log, /uncaught exception #1 \(logged, the process goes on\): Error: stray exception in Electron main/);
    assert.equal(out.exitCode, 0, 'Quit still completes the stop sequence');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
