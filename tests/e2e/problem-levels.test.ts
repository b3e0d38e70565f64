// Issue 19, in the page: skipped rows are a counted warning on the status bar (rows, files, the
// newest file), never the red "Problem reading logs … Check the settings", which is kept for what
// stops reading: here an archive that is no Zeek log, written while the page is open.
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

const TOKEN = 'e2e-levels-token-0123456789';

describe('problem levels on the status bar', { timeout: 180_000 }, () => {
  let tmp: string;
  let zeekDir: string;
  let host: EngineHost;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    ensureRendererBuilt();
    tmp = mkdtempSync(join(tmpdir(), 'bw-e2e-levels-'));
    zeekDir = join(tmp, 'zeek');
    mkdirSync(zeekDir);
    // three DNS rows without a query among twenty lookups
    writeFileSync(join(zeekDir, 'dns.log'), dnsLog([...dnsRows(20, 'updates.example.com'), ...dnsRows(3, '-', 1_790_002_000)]));
    host = await createEngineHost({ dbFile: join(tmp, 'e2e.sqlite'), mode: 'serve', zeekDir, log: () => undefined });
    await host.start();
    server = await startHttpServer({ api: host.api, host: '127.0.0.1', port: 0, token: TOKEN, staticDir: RENDERER_DIST });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });

  after(() => closeSuite({ browser, server, host, tmp }));

  it('a skipped row is a counted warning with its file, not the red banner', async () => {
    await page.goto(`${server.url}#token=${TOKEN}`);
    const skipped = page.getByTestId('skipped-rows');
    await skipped.waitFor({ timeout: 20_000 });
    const text = (await skipped.textContent())!.replace(/\s+/g, ' ');
    assert.match(text, /3 rows skipped in 1 file, newest .*dns\.log: 3 row\(s\) skipped: /);
    assert.equal(await page.getByText('Problem reading logs').count(), 0);
  });

  it('a file that stops reading raises the banner, the warning stays', async () => {
    writeFileSync(join(zeekDir, 'http.00:00:00-01:00:00.log'), 'this is not a Zeek log\n');
    await waitFor(async () => (await host.api.getStatus({})).problems.some((p) => p.level === 'error'), 30_000, 'the bad archive was never reported');
    await page.reload();
    const banner = page.getByRole('status').filter({ hasText: 'Problem reading logs' });
    await banner.waitFor({ timeout: 20_000 });
    assert.match((await banner.textContent())!, /not a Zeek log.*http\.00:00:00-01:00:00\.log.*Check the settings/s);
    assert.match((await page.getByTestId('skipped-rows').textContent())!.replace(/\s+/g, ' '), /3 rows skipped in 1 file/);
  });
});
