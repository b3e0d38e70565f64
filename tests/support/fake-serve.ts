// Serve the renderer over the fake API (renderer work without the engine):
//   node --import tsx tests/support/fake-serve.ts [--first-run] [--shots DIR]
// With --shots it screenshots every view at 1280×800 into DIR and exits.
import { join } from 'node:path';
import { startHttpServer } from '../../engine/serve/http-server.js';
import { ensureRendererBuilt, launchBrowser, RENDERER_DIST } from './browser.js';
import { createFakeApi } from './fake-api.js';

const args = process.argv.slice(2);
/** fixed, so the printed link keeps working across restarts while working on the renderer */
const TOKEN = 'fake-serve-token-0123456789';
const shots = args.includes('--shots') ? args[args.indexOf('--shots') + 1] : undefined;
ensureRendererBuilt();
const server = await startHttpServer({
  api: createFakeApi({ firstRun: args.includes('--first-run') }),
  host: '127.0.0.1',
  port: shots ? 0 : 5174,
  token: TOKEN,
  staticDir: RENDERER_DIST,
});
console.log(`fake: ${server.url}#token=${TOKEN}`);
if (shots) {
  const browser = await launchBrowser();
  const page = await browser.newPage({
    viewport: { width: Number(process.env.W ?? 1280), height: 800 },
    colorScheme: process.env.DARK ? 'dark' : 'light',
  });
  page.on('console', (m) => console.log('console:', m.text()));
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  for (const route of ['overview', 'map', 'pair/1', 'pair/3', 'device/10.136.0.18', 'allowlist', 'settings', 'welcome']) {
    await page.goto(`${server.url}#token=${TOKEN}`);
    await page.goto(`${server.url}#/${route}`);
    await page.waitForTimeout(700);
    await page.screenshot({ path: join(shots, `${route.replace('/', '-')}.png`), fullPage: true });
  }
  await browser.close();
  await server.close();
}
