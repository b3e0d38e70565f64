// Launching Debian's Chromium for the e2e tests, and building the renderer when it is missing.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const RENDERER_DIST = join(REPO_ROOT, 'renderer', 'dist');
export const CHROMIUM = process.env.BEACONWATCH_CHROMIUM ?? '/usr/bin/chromium';

/** newest modification time under the renderer's sources */
function newestSource(dir = join(REPO_ROOT, 'renderer')): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'dist' || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds renderer/dist when it is missing or older than its sources. */
export function ensureRendererBuilt(): void {
  const index = join(RENDERER_DIST, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestSource()) return;
  execFileSync(
    process.execPath,
    [join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    },
  );
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: the e2e tests need it. Install it with \`apt-get install -y chromium\` (or set BEACONWATCH_CHROMIUM).`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/** What an e2e suite started, closed in reverse order of need; each part may be missing if `before` failed early. */
export async function closeSuite(parts: {
  browser?: Browser;
  server?: { close(): Promise<void> };
  host?: { stop(): Promise<void> };
  tmp?: string;
}): Promise<void> {
  await parts.browser?.close();
  await parts.server?.close();
  await parts.host?.stop();
  if (parts.tmp) rmSync(parts.tmp, { recursive: true, force: true });
}
