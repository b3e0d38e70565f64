// Settings' "Threat intelligence" in the page (real engine over `serve`, Debian's Chromium):
// the feeds with their counts, an import for a sensor without internet, a refused file named with
// its reason, the off switch, the status bar's feed health, and the overview showing the
// listed name as "known C2 name contacted". Offline: nothing here downloads.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { EngineHost } from '../../engine/contract/host.js';
import { startHttpServer, type RunningServer } from '../../engine/serve/http-server.js';
import { createEngineHost } from '../../engine/service/create-host.js';
import { closeSuite, ensureRendererBuilt, launchBrowser, RENDERER_DIST } from '../support/browser.js';
import { dnsLog, dnsRows } from '../support/dns-log.js';
import { waitFor } from '../support/page-checks.js';

const TOKEN = 'e2e-intel-token-0123456789';
const NAME = 'updates.evil-example.net';

describe('threat intelligence in Settings', { timeout: 180_000 }, () => {
  let tmp: string;
  let host: EngineHost;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    ensureRendererBuilt();
    tmp = mkdtempSync(join(tmpdir(), 'bw-e2e-intel-'));
    const zeekDir = join(tmp, 'zeek');
    mkdirSync(zeekDir);
    writeFileSync(join(zeekDir, 'dns.log'), dnsLog(dnsRows(40, NAME)));
    host = await createEngineHost({ dbFile: join(tmp, 'e2e.sqlite'), mode: 'serve', zeekDir, log: () => undefined });
    await host.start();
    server = await startHttpServer({ api: host.api, host: '127.0.0.1', port: 0, token: TOKEN, staticDir: RENDERER_DIST });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  after(() => closeSuite({ browser, server, host, tmp }));

  it('lists the feeds, imports a list, names a refused file, switches downloads off', async () => {
    await page.goto(`${server.url}#token=${TOKEN}`);
    await page.goto(`${server.url}#/settings`);
    const section = page.getByTestId('intel-settings');
    await section.getByRole('heading', { name: 'Threat intelligence' }).waitFor();
    await waitFor(async () => (await section.getByTestId('intel-feed').count()) === 5, 10_000, 'the five built-in feeds');
    assert.match((await section.getByTestId('intel-feed').first().innerText()).replace(/\s+/g, ' '), /Feodo Tracker feodo 0 never/);

    await section.getByTestId('intel-import').setInputFiles({ name: 'mine.txt', mimeType: 'text/plain', buffer: Buffer.from(`# mine\n${NAME}\n`) });
    await section.getByTestId('intel-note').filter({ hasText: 'Imported mine.txt: 1 entries.' }).waitFor();
    assert.equal(await section.getByTestId('intel-feed').filter({ hasText: 'mine.txt' }).count(), 1);

    await section.getByLabel('as feed').fill('mine.txt');
    await section
      .getByTestId('intel-import')
      .setInputFiles({ name: 'page.html', mimeType: 'text/html', buffer: Buffer.from('<html><body>502</body></html>') });
    const error = section.getByTestId('intel-error');
    await error.waitFor();
    assert.match(await error.innerText(), /mine\.txt: page\.html: an HTML page, not the feed/);
    assert.equal((await host.api.getIntelStatus({})).feeds.find((f) => f.name === 'mine.txt')?.entries, 1, 'the good copy stays');

    await section.getByLabel('Download the lists').uncheck();
    await section.getByRole('button', { name: 'Apply' }).click();
    await section.getByTestId('intel-note').filter({ hasText: 'Applied.' }).waitFor();
    assert.equal((await host.api.getIntelStatus({})).enabled, false);
  });

  it('the overview shows the listed name as a known C2 contacted, the status bar the feed health', async () => {
    await page.goto(`${server.url}#/overview`);
    const row = page.locator('tr', { hasText: NAME }).first();
    await row.waitFor({ timeout: 20_000 });
    await row.getByTestId('intel-state').filter({ hasText: 'known C2 name contacted' }).waitFor({ timeout: 20_000 });
    // the status as the page loads it: the refused import is said beside the good copy
    await page.reload();
    await waitFor(
      async () => /1 entries in 1 feed · 1 failing/.test((await page.getByTestId('intel-health').innerText()).replace(/\s+/g, ' ')),
      20_000,
      'the status bar never showed the feed health',
    );
    assert.match((await page.getByTestId('intel-health').locator('..').innerText()).replace(/\s+/g, ' '), /downloads off/);
  });
});
