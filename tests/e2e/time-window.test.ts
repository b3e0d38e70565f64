// The overview's time window over `serve` (real engine, rita/missing_host's 72 h, Debian's
// Chromium): a 7-day window shows the beacon across all three days, browsing day by day changes
// the list, the window survives reload and Back, the finding page follows it, and the controls
// hold at 800 px.
import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';

import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../engine/serve/http-server.js';
import { DEFAULT_LOCAL_NETWORKS } from '../../engine/pairs/local-networks.js';
import { closeSuite } from '../support/browser.js';
import { startServeSuite, type ServeSuite } from '../support/serve-suite.js';
import { shoot, waitFor, type PageWatch } from '../support/page-checks.js';
import { sample, samplesMissing } from '../support/samples.js';

const TOKEN = 'e2e-window-token-0123456789';
const BEACON_SRC = '73.54.23.243';
const SENSOR = '64.225.56.201';

describe('the time window', { timeout: 300_000, skip: samplesMissing }, () => {
  let suite: ServeSuite | undefined;
  let server: RunningServer;
  let page: Page;
  let watch: PageWatch;
  const beaconRow = () => page.locator('section.device', { has: page.getByRole('heading', { name: BEACON_SRC }) }).locator('tr', { hasText: SENSOR });
  const rowIds = async () =>
    (await page.locator('main tr[data-finding-id]').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-finding-id')))).sort().join();
  /** the beacon runs into the sensor: an inbound finding, shown with "Include inbound"; the search keeps the list short */
  const showBeacon = async () => {
    const inbound = page.getByLabel('Include inbound');
    if (!(await inbound.isChecked())) await inbound.check();
    await page.getByLabel('Search findings').fill(BEACON_SRC);
  };
  /** the list shown is the one scored for the window asked for */
  const settled = () =>
    waitFor(
      async () =>
        (await page.getByText('Scoring this window…').count()) === 0 &&
        /Scored (for this window|by the hourly rescore)/.test(await page.getByTestId('window-state').innerText()),
      60_000,
      'the window was never scored',
    );

  before(async () => {
    suite = await startServeSuite({
      name: 'window',
      token: TOKEN,
      // a copy: the backfill reads archives by their modification time
      zeekDir: (dir) => cpSync(sample('rita/missing_host'), dir, { recursive: true }),
      // the sensor is the home here: the beacon comes in from outside (samples README)
      beforeStart: async (h) => void (await h.api.updateSettings({ localNetworks: [...DEFAULT_LOCAL_NETWORKS, `${SENSOR}/32`] })),
      // days are the viewer's local days: pin the zone so the sample's days are 19–21 April
      page: { timezoneId: 'UTC' },
    });
    ({ server, page, watch } = suite);
    await page.goto(`${server.url}#token=${TOKEN}`);
    await showBeacon();
    await beaconRow().first().waitFor({ timeout: 60_000 });
  });

  after(() => closeSuite(suite ?? {}));

  it('starts at the live window: the last 24 h hold a third of the beacon', async () => {
    assert.match(await page.getByTestId('window-shown').innerText(), /last 24 h, to /);
    assert.match(await beaconRow().first().innerText(), /31\d times in 24 h/);
  });

  it('a 7-day window shows the beacon across the 72 h, with more findings', async () => {
    await page.getByLabel('Search findings').fill('');
    const total = async () => Number(/of ([\d,]+) findings/.exec(await page.getByTestId('counts').innerText())![1]!.replaceAll(',', ''));
    const live = await total();
    await page.getByRole('radio', { name: '7 d' }).click();
    await settled();
    await waitFor(async () => /951 times in 7 d/.test(await beaconRow().first().innerText()), 30_000, 'the beacon over 7 days');
    assert.match(page.url(), /window=7d/);
    assert.match(await page.getByTestId('window-shown').innerText(), /last 7 d/);
    assert.ok((await total()) > live, `more findings over 7 days: ${await total()} vs ${live}`);
    await page.getByLabel('Search findings').fill(BEACON_SRC);
    await shoot(page, 'window-7d');
  });

  it('keeps the window through a reload', async () => {
    await page.reload();
    await showBeacon();
    await beaconRow().first().waitFor({ timeout: 60_000 });
    await settled();
    assert.equal(await page.getByRole('radio', { name: '7 d' }).getAttribute('aria-checked'), 'true');
    assert.match(await beaconRow().first().innerText(), /951 times in 7 d/);
  });

  it('browses day by day: each day lists other findings, Back returns to the day before', async () => {
    await page.getByRole('radio', { name: '24 h' }).click();
    await page.getByLabel('Search findings').fill('');
    const days = await page
      .getByLabel('Window ends')
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
    assert.deepEqual(days.filter(Boolean).slice(0, 3), ['2024-04-21', '2024-04-20', '2024-04-19'], 'the days holding data, newest first');
    await page.getByLabel('Window ends').selectOption('2024-04-21');
    await settled();
    await waitFor(async () => page.url().includes('day=2024-04-21'), 10_000, 'the day in the address');
    const day21 = await rowIds();
    await page.getByRole('button', { name: 'Previous day' }).click();
    await settled();
    await waitFor(async () => page.url().includes('day=2024-04-20') && (await rowIds()) !== day21, 30_000, 'another day, another list');
    assert.match(await page.getByTestId('window-shown').innerText(), /24 h ending with .*Apr 20, 2024|20 Apr 2024/);
    const day20 = await rowIds();
    await page.getByRole('button', { name: 'Previous day' }).click();
    await settled();
    await waitFor(async () => page.url().includes('day=2024-04-19') && (await rowIds()) !== day20, 30_000, 'the first day');
    await page.goBack();
    await settled();
    await waitFor(async () => page.url().includes('day=2024-04-20') && (await rowIds()) === day20, 30_000, 'Back shows the day before again');
    assert.equal(await page.getByLabel('Window ends').inputValue(), '2024-04-20');
  });

  it('opens a finding of that day with its window', async () => {
    await page.getByLabel('Search findings').fill(BEACON_SRC);
    await beaconRow().first().click();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    assert.match(page.url(), /#\/pair\/\d+\?.*day=2024-04-20/);
    await waitFor(async () => (await page.getByText('Loading the finding…').count()) === 0, 30_000, 'the finding page');
    assert.equal(await page.getByRole('alert').count(), 0, 'no error on the finding page');
    await page.goBack();
    await beaconRow().first().waitFor({ timeout: 30_000 });
  });

  it('Settings says retention keeps these historic logs', async () => {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByTestId('retention-paused').waitFor({ timeout: 15_000 });
    assert.match(page.url(), /#\/settings\?.*day=2024-04-20/, 'the window travels with the page');
    assert.equal(await page.getByTestId('retention-removed').count(), 0);
    await page.goBack();
    await beaconRow().first().waitFor({ timeout: 30_000 });
  });

  it('holds at 800 px', async () => {
    await page.setViewportSize({ width: 800, height: 900 });
    await settled();
    const overflow = await page.locator('html').evaluate((el) => el.scrollWidth);
    assert.ok(overflow <= 800, `the page scrolls sideways: ${overflow}px`);
    const picker = await page.getByRole('group', { name: 'Time window' }).boundingBox();
    assert.ok(picker && picker.x + picker.width <= 800, 'the window controls fit');
    await shoot(page, 'window-800');
    assert.deepEqual(watch.errors, []);
    assert.deepEqual(watch.cspViolations, []);
  });
});
