// Rewrites the README's screenshots (docs/screenshots/) from `beaconwatch serve --demo`: the
// generated home day with its planted beacon, seen in Chromium at 1280 × 800. Run with
// `npm run screenshots` after `npm run build`; needs /usr/bin/chromium (or BEACONWATCH_CHROMIUM).
// The demo's day ends when the command runs, so times in the pictures are the run's.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, ensureRendererBuilt, launchBrowser } from '../tests/support/browser.js';

const OUT = join(REPO_ROOT, 'docs', 'screenshots');
const PORT = Number(process.env.BEACONWATCH_SCREENSHOT_PORT ?? 18787);

/** Starts the built CLI's demo server and resolves with the URL it prints (token included). */
function startDemo(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'beaconwatch.js'), 'serve', '--demo', '--port', String(PORT)], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(out);
      if (m) resolve({ url: m[1]!, stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`serve --demo exited (${code}) before printing its URL:\n${out}`)));
  });
}

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400); // charts animate in
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  process.stdout.write(`wrote docs/screenshots/${name}.png\n`);
}

async function main(): Promise<void> {
  ensureRendererBuilt();
  mkdirSync(OUT, { recursive: true });
  const demo = await startDemo();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const base = demo.url.replace(/#.*$/, '');
    const token = demo.url.replace(/^.*#token=/, '');
    await page.goto(`${base}#token=${token}`);
    // the first rescore of the demo day lists its findings
    const beacon = page.getByText('cdn-sync.example-updates.net').first();
    await beacon.waitFor({ timeout: 60_000 });
    await shot(page, 'overview');

    await beacon.click(); // a row opens its finding
    await page.getByText('Timeline').first().waitFor();
    await shot(page, 'pair');
    // the evidence: the beacon's TLS requests as Zeek logged them
    await page.getByTestId('event-details-richer').getByRole('link').first().click();
    await page.getByText('SNI', { exact: true }).first().waitFor({ timeout: 30_000 });
    await page.getByText('Events as Zeek logged them').scrollIntoViewIfNeeded();
    await shot(page, 'pair-evidence');

    await page.goto(`${base}#/map`);
    await shot(page, 'map');
    await page.goto(`${base}#/settings`);
    await shot(page, 'settings');
    await page.goto(`${base}#/welcome`);
    await shot(page, 'first-run');
  } finally {
    await browser.close();
    demo.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`screenshots: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
