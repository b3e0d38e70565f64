// The renderer over `serve` (real engine, real sample logs, Debian's Chromium): the known beacon
// shows up, charts draw, attacker-controlled names stay text, errors help, allow-listing works.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { EngineHost } from '../../engine/contract/host.js';
import { startHttpServer, type RunningServer } from '../../engine/serve/http-server.js';
import { createEngineHost } from '../../engine/service/create-host.js';
import { closeSuite, ensureRendererBuilt, launchBrowser, RENDERER_DIST } from '../support/browser.js';
import { canvasInkRatio, findDot, shoot, waitFor, watchPage, type PageWatch } from '../support/page-checks.js';
import { ReplayedLogs, requireSamples, writePeriodicDnsLog } from '../support/zeek-fixture.js';

const BEACON_SRC = '10.136.0.18';
const BEACON_DST = 'www.honestimnotevil.com';
const XSS_NAME = '<img src=x onerror=alert(1)>.example';
const TOKEN = 'e2e-token-0123456789';

describe('beaconwatch serve, in a browser', { timeout: 240_000 }, () => {
  let tmp: string;
  let host: EngineHost;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let watch: PageWatch;
  const quiet = () => undefined;

  before(async () => {
    requireSamples();
    ensureRendererBuilt();
    tmp = mkdtempSync(join(tmpdir(), 'bw-e2e-'));
    const zeekDir = join(tmp, 'zeek');
    mkdirSync(zeekDir);
    const logs = new ReplayedLogs(zeekDir, ['conn.log', 'http.log']);
    logs.writeFirstHalf();
    writePeriodicDnsLog(join(zeekDir, 'dns.log'), '10.136.0.77', XSS_NAME);

    host = await createEngineHost({ dbFile: join(tmp, 'e2e.sqlite'), mode: 'serve', zeekDir, log: quiet });
    await host.start();
    server = await startHttpServer({ api: host.api, host: '127.0.0.1', port: 0, token: TOKEN, staticDir: RENDERER_DIST });

    // the sensor keeps writing: append the second half and wait until it is stored
    const before = (await host.api.getStatus({})).events;
    logs.appendRest();
    await waitFor(async () => (await host.api.getStatus({})).events > before, 30_000, 'the appended rows were never ingested');

    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    watch = watchPage(page);
  });

  after(() => closeSuite({ browser, server, host, tmp }));

  it('shows the known beacon in the overview after a rescore from the UI', async () => {
    await page.goto(`${server.url}#token=${TOKEN}`);
    await page.getByRole('button', { name: 'Rescore now' }).click();
    const device = page.locator('section.device', { has: page.getByRole('heading', { name: BEACON_SRC }) });
    await device.getByText(BEACON_DST).first().waitFor({ timeout: 20_000 });
    assert.doesNotMatch(page.url(), /token=/, 'the token is removed from the address bar');
    await shoot(page, 'overview');
  });

  it('asks for the access link when the token is missing', async () => {
    const other = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await other.goto(server.url);
      await other.getByRole('heading', { name: 'This Beaconwatch needs its access link' }).waitFor();
    } finally {
      await other.close();
    }
  });

  it('plots the beacon on the map', async () => {
    await page.getByRole('link', { name: 'Map' }).click();
    const canvas = page.locator('.map canvas');
    await canvas.waitFor();
    await page
      .getByRole('link', { name: new RegExp(`${BEACON_SRC} → ${BEACON_DST.replaceAll('.', '\\.')}`) })
      .first()
      .waitFor();
    assert.ok((await canvasInkRatio(canvas)) > 0.005, 'the scatter plot is drawn');
    // the map agrees with the list: the same findings (its filters: nothing known, nothing below
    // the threshold), each at the score the list shows
    const plotted = async () =>
      page
        .getByTestId('map-points')
        .locator('tr')
        .evaluateAll((rows) => rows.map((r) => ({ id: Number(r.getAttribute('data-finding-id')), score: Number(r.getAttribute('data-score')) })));
    const listed = (await host.api.listFindings({})).findings;
    assert.deepEqual(
      (await plotted()).sort((a, b) => a.id - b.id),
      listed.map((f) => ({ id: f.findingId, score: f.score })).sort((a, b) => a.id - b.id),
    );
    // below the threshold only when asked for
    const below = (await host.api.listFindings({ includeBelowThreshold: true })).findings.length;
    await page.getByTestId('map-below-threshold').check();
    await waitFor(async () => (await plotted()).length === below, 15_000, `expected ${below} points with the pairs below the threshold`);
    await page.getByTestId('map-below-threshold').uncheck();
    await waitFor(async () => (await plotted()).length === listed.length, 15_000, 'the points below the threshold stayed');
    await shoot(page, 'map');
    // a click on a dot of a new pair (the light theme's orange) opens that pair
    const dot = await findDot(canvas, [0xd9, 0x48, 0x0f]);
    assert.ok(dot, 'a new pair is plotted');
    await canvas.click({ position: dot });
    await page.getByTestId('pair-dst').waitFor();
    assert.match(page.url(), /#\/pair\/\d+$/);
  });

  it('opens the pair from the keyboard and draws the timeline and the histogram', async () => {
    await page.goto(`${server.url}#/overview`);
    const row = page.locator('tr.link', { hasText: BEACON_DST }).first();
    await row.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('pair-dst').filter({ hasText: BEACON_DST }).waitFor();
    for (const id of ['timeline-chart', 'histogram-chart']) {
      const chart = page.getByTestId(id);
      await chart.waitFor();
      assert.ok((await canvasInkRatio(chart)) > 0.003, `${id} is not blank`);
    }
    await page.getByTestId('pair-summary').filter({ hasText: /every/ }).waitFor();
    // lookup links are offered, marked as leaving the app, and fetched by nobody until clicked
    const lookups = page.getByTestId('lookup-links');
    await lookups.getByText(/outside Beaconwatch/).waitFor();
    const vt = lookups.getByRole('link', { name: /VirusTotal/ }).first();
    assert.match((await vt.getAttribute('href')) ?? '', /^https:\/\/www\.virustotal\.com\/gui\//);
    assert.equal(await vt.getAttribute('target'), '_blank');
    await shoot(page, 'pair');
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
  });

  it('shows a hostile DNS name as text and runs nothing', async () => {
    await page.goto(`${server.url}#/overview`);
    await page.getByText(XSS_NAME).first().waitFor({ timeout: 20_000 });
    await page.getByText(XSS_NAME).first().click();
    await page.getByTestId('pair-dst').filter({ hasText: XSS_NAME }).waitFor();
    assert.equal(await page.locator('main img').count(), 0, 'no element was injected');
    assert.deepEqual(watch.dialogs, [], 'no dialog opened');
    assert.deepEqual(watch.cspViolations, [], 'nothing broke the Content-Security-Policy');
  });

  it('explains a wrong Zeek directory in the settings', async () => {
    await page.goto(`${server.url}#/settings`);
    const field = page.getByLabel('Zeek log directory');
    await field.fill('/nonexistent/zeek/logs');
    await page.getByRole('button', { name: 'Save' }).click();
    // the engine's words beside the field, which points to them
    const error = page.getByTestId('field-error-zeekDir');
    await error.waitFor();
    assert.match(await error.innerText(), /\/nonexistent\/zeek\/logs does not exist/);
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.equal(await field.getAttribute('aria-describedby'), await error.getAttribute('id'));
    await page.getByTestId('settings-error').getByText('Not saved: one field needs a change').waitFor();
    await shoot(page, 'settings');
    assert.notEqual((await host.api.getSettings({})).zeekDir, '/nonexistent/zeek/logs', 'the bad directory was not saved');
  });

  it('allow-lists a pair in one action: it leaves the default view without a rescore', async () => {
    await page.goto(`${server.url}#/overview`);
    const row = page.locator('tr.link', { hasText: BEACON_DST }).first();
    await row.waitFor();
    const pairId = await row.getAttribute('data-pair-id');
    const rescoredAt = (await host.api.getStatus({})).lastRescore?.at;
    await row.click();
    await page.getByRole('textbox', { name: /^Note/ }).fill('lab test box');
    await page.getByRole('button', { name: 'Allow-list' }).click();
    await page.getByText('Allow-listed:').waitFor();
    await page.getByRole('link', { name: 'Overview' }).first().click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.locator('[data-testid=counts]').waitFor();
    assert.equal(await page.locator(`tr[data-pair-id="${pairId}"]`).count(), 0, 'the allow-listed pair is hidden');
    await page.getByLabel('Show known and dismissed').check();
    await page.locator(`tr[data-pair-id="${pairId}"]`).getByText('known: lab test box').waitFor();
    assert.equal((await host.api.getStatus({})).lastRescore?.at, rescoredAt, 'no rescore happened');
  });
});

describe('first run', { timeout: 120_000 }, () => {
  it('explains Beaconwatch and offers the demo data', async () => {
    ensureRendererBuilt();
    const tmp = mkdtempSync(join(tmpdir(), 'bw-e2e-first-'));
    const host = await createEngineHost({ dbFile: join(tmp, 'first.sqlite'), mode: 'serve', log: () => undefined });
    await host.start();
    const server = await startHttpServer({ api: host.api, host: '127.0.0.1', port: 0, token: TOKEN, staticDir: RENDERER_DIST });
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${server.url}#token=${TOKEN}`);
      await page.getByRole('heading', { name: 'Welcome to Beaconwatch' }).waitFor();
      await shoot(page, 'first-run');
      await page.getByRole('button', { name: 'Start watching' }).click();
      await page.getByRole('alert').filter({ hasText: 'Enter the folder' }).waitFor();
      await page.getByRole('button', { name: 'Explore with demo data' }).click();
      await page.getByRole('heading', { name: 'Overview' }).waitFor({ timeout: 60_000 });
      await page.getByText('Showing demo data').waitFor();
    } finally {
      await browser.close();
      await server.close();
      await host.stop();
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('a folder with no Zeek logs', { timeout: 120_000 }, () => {
  it('is a red state naming the folder, and Settings warns before saving such a folder', async () => {
    ensureRendererBuilt();
    const tmp = mkdtempSync(join(tmpdir(), 'bw-e2e-empty-'));
    const empty = join(tmp, 'not-zeek');
    mkdirSync(empty);
    writeFileSync(join(empty, 'notes.txt'), 'hello\n');
    const other = join(tmp, 'also-empty');
    mkdirSync(other);
    const host = await createEngineHost({ dbFile: join(tmp, 'empty.sqlite'), mode: 'serve', zeekDir: empty, log: () => undefined });
    await host.start();
    const server = await startHttpServer({ api: host.api, host: '127.0.0.1', port: 0, token: TOKEN, staticDir: RENDERER_DIST });
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${server.url}#token=${TOKEN}`);
      const alert = page.getByTestId('log-dir-alert');
      await alert.waitFor();
      assert.match(
        await alert.innerText(),
        new RegExp(`No Zeek logs in ${empty.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: looked for conn, dns, http, ssl and dhcp logs`),
      );
      assert.match(await page.getByTestId('ingest-state').innerText(), /No Zeek logs in/);
      assert.equal(await page.getByText('No device is beaconing').count(), 0, 'an empty folder is not good news');
      await shoot(page, 'empty-folder');

      await page.goto(`${server.url}#/settings`);
      await page.locator('#zeek-dir').fill(other);
      await page.getByRole('button', { name: 'Save' }).click();
      const warning = page.getByTestId('zeek-dir-warning');
      await warning.waitFor();
      assert.match(await warning.innerText(), /No Zeek logs in .*also-empty/);
      assert.equal((await host.api.getSettings({})).zeekDir, empty, 'not saved yet');
      await page.getByRole('button', { name: 'Save anyway' }).click();
      await page.getByText('Saved.').waitFor();
      assert.equal((await host.api.getSettings({})).zeekDir, other);
    } finally {
      await browser.close();
      await server.close();
      await host.stop();
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
