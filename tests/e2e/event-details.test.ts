// The finding page's evidence over `serve` (real engine, Debian's Chromium): missing_host's HTTP
// beacon shows each request as Zeek logged it (method, URI, the empty Host, the odd user agent,
// status, ports, bytes both ways from conn.log, the uid to copy), read from the logs on disk;
// once those logs are gone the page says so instead of failing. At 800 px nothing overflows.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { EngineHost } from '../../engine/contract/host.js';
import { DEFAULT_LOCAL_NETWORKS } from '../../engine/pairs/local-networks.js';
import { startHttpServer, type RunningServer } from '../../engine/serve/http-server.js';
import { createEngineHost } from '../../engine/service/create-host.js';
import { closeSuite, ensureRendererBuilt, launchBrowser, RENDERER_DIST } from '../support/browser.js';
import { shoot, watchPage, type PageWatch } from '../support/page-checks.js';
import { sample, samplesMissing } from '../support/samples.js';

const TOKEN = 'e2e-details-token-0123456789';
const DAY = '2024-04-21';
const BEACON_SRC = '73.54.23.243';
const SENSOR = '64.225.56.201';
const UA = 'Modzilla/0.0001 (Atari 7800)';

describe('the finding page: events as Zeek logged them', { skip: samplesMissing, timeout: 240_000 }, () => {
  let tmp: string;
  let dayDir: string;
  let host: EngineHost;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let watch: PageWatch;
  let httpPairId: number;

  before(async () => {
    ensureRendererBuilt();
    tmp = mkdtempSync(join(tmpdir(), 'bw-e2e-details-'));
    // the last day of the sample as a sensor's dated archive folder (fresh copies: backfilled)
    dayDir = join(tmp, 'zeek', DAY);
    mkdirSync(dayDir, { recursive: true });
    const from = sample('rita', 'missing_host', DAY);
    for (const f of readdirSync(from)) if (/^(conn|http|ssl|dns)\./.test(f)) cpSync(join(from, f), join(dayDir, f));

    host = await createEngineHost({ dbFile: join(tmp, 'details.sqlite'), mode: 'serve', zeekDir: join(tmp, 'zeek'), log: () => undefined });
    // the sample is an internet-facing server: the sensor's address is the local side
    await host.api.updateSettings({ localNetworks: [...DEFAULT_LOCAL_NETWORKS, `${SENSOR}/32`] });
    await host.start();
    const list = await host.api.listFindings({ includeInbound: true, includeBelowThreshold: true, includeAllowlisted: true, limit: 10000 });
    const member = list.findings
      .filter((f) => f.src === BEACON_SRC)
      .flatMap((f) => f.members)
      .find((m) => m.source === 'http');
    assert.ok(member, 'the http beacon is a finding');
    httpPairId = member.pairId;

    server = await startHttpServer({ api: host.api, host: '127.0.0.1', port: 0, token: TOKEN, staticDir: RENDERER_DIST });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 800, height: 900 } });
    watch = watchPage(page);
  });

  after(() => closeSuite({ browser, server, host, tmp }));

  it('shows method, URI, empty Host, user agent, status, ports, bytes both ways and the uid', async () => {
    await page.goto(`${server.url}#token=${TOKEN}`);
    await page.goto(`${server.url}#/pair/${httpPairId}`);
    const details = page.getByTestId('event-details');
    const first = details.getByTestId('event-row').first();
    await first.waitFor({ timeout: 30_000 });
    // a beacon repeats itself: what all 50 requests share is said once, above the table
    const common = await details.getByTestId('event-common').innerText();
    assert.match(common, /Every one of these 50 events/);
    assert.match(common, /Request\s+GET \//);
    assert.match(common, /Status\s+400 Bad Request/);
    assert.match(common, /Host\s+\(none\)/, 'the empty Host header is shown as such');
    assert.ok(common.includes(UA), 'the user agent is shown');
    assert.match(await first.innerText(), new RegExp(`:\\d+ → ${SENSOR.replaceAll('.', '\\.')}:80/tcp`), 'ports and transport');
    assert.match(await first.getByTestId('event-bytes').innerText(), /^80 B sent · 327 B received$/, 'bytes both ways from conn.log');
    const uid = await first.getByTestId('event-uid').innerText();
    assert.match(uid, /^C[0-9A-Za-z]{10,}$/, 'the Zeek uid');
    await first.getByRole('button', { name: `Copy uid ${uid}` }).click();
    await page.getByText(`Copied ${uid}`).waitFor({ timeout: 5000 });
    assert.equal(await details.getByTestId('event-row').count(), 50, 'the newest 50 events');
    // attacker-controlled text stays text; the page holds its width at 800 px
    assert.equal(await details.locator('img, script, iframe').count(), 0);
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px at 800 px`);
    await details.evaluate((el) => el.scrollIntoView());
    await shoot(page, 'pair-event-details');
    assert.deepEqual(watch.errors, []);
    assert.deepEqual(watch.cspViolations, []);
  });

  it('on the connection member, points to the HTTP requests', async () => {
    const list = await host.api.listFindings({ includeInbound: true, includeBelowThreshold: true, includeAllowlisted: true, limit: 10000 });
    const conn = list.findings
      .filter((f) => f.src === BEACON_SRC)
      .flatMap((f) => f.members)
      .find((m) => m.source === 'conn' && m.dst === SENSOR);
    assert.ok(conn, 'the beacon has a connection member');
    await page.goto(`${server.url}#/pair/${conn.pairId}`);
    const first = page.getByTestId('event-row').first();
    await first.waitFor({ timeout: 30_000 });
    assert.match(await first.getByTestId('event-bytes').innerText(), /^80 B sent · 327 B received$/);
    await page.getByTestId('event-details-richer').getByRole('link', { name: /HTTP/ }).click();
    await page.getByTestId('event-common').filter({ hasText: UA }).waitFor({ timeout: 30_000 });
  });

  it('says the logs were removed or moved when they are no longer on disk', async () => {
    for (const f of readdirSync(dayDir)) if (f.startsWith('http.')) rmSync(join(dayDir, f));
    await page.reload();
    const status = page.getByTestId('event-details-status');
    await status.filter({ hasText: /removed or moved/ }).waitFor({ timeout: 30_000 });
    assert.equal(await page.getByTestId('event-row').count(), 0);
    // what the store kept is still shown: times only (it keeps no bytes for http requests)
    assert.ok((await page.getByTestId('stored-events').locator('tbody tr').count()) > 0);
    assert.match(await page.getByTestId('event-details').innerText(), /kept: times only/);
    await page.getByTestId('event-details').evaluate((el) => el.scrollIntoView());
    await shoot(page, 'pair-event-details-gone');
    assert.deepEqual(watch.errors, []);
  });
});
