// Several sensors over `serve` (real engine, Debian's Chromium): two sensor folders followed at
// once whose devices share one private address; the overview shows each finding's sensor, groups
// the two sites' 192.168.1.10 apart, `sensor:` filters, and the finding page names its sensor.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { closeSuite } from '../support/browser.js';
import { findingRows, startServeSuite, type ServeSuite } from '../support/serve-suite.js';
import { waitFor } from '../support/page-checks.js';
import { writePeriodicDnsLog } from '../support/zeek-fixture.js';

const TOKEN = 'e2e-sensors-token-0123456789';
const DEVICE = '192.168.1.10';

describe('two sensors followed at once', { timeout: 300_000 }, () => {
  let suite: ServeSuite | undefined;
  let page: Page;
  const rows = () => findingRows(page);
  const rowCount = (n: number) => waitFor(async () => (await rows().count()) === n, 15_000, `expected ${n} rows`);

  before(async () => {
    suite = await startServeSuite({
      name: 'sensors',
      token: TOKEN,
      zeekDir: (_dir, tmp) => {
        for (const [site, name, period] of [
          ['house', 'house-c2.example.net', 60],
          ['workshop', 'shop-c2.example.org', 90],
        ] as const) {
          mkdirSync(join(tmp, site));
          writePeriodicDnsLog(join(tmp, site, 'dns.log'), DEVICE, name, period);
        }
      },
      sensors: (tmp) => [`house=${join(tmp, 'house')}`, `workshop=${join(tmp, 'workshop')}`],
    });
    page = suite.page;
    await page.goto(`${suite.server.url}#token=${TOKEN}`);
    await page.getByRole('button', { name: 'Rescore now' }).click();
    await rows().nth(1).waitFor({ timeout: 60_000 });
  });

  after(() => closeSuite(suite ?? {}));

  it('shows the sensor of each finding, the same address on two sensors as two devices', async () => {
    const chips = (await page.getByTestId('finding-sensor').allInnerTexts()).map((t) => t.trim()).sort();
    assert.deepEqual(chips, ['house', 'workshop']);
    const shop = rows().filter({ hasText: 'shop-c2.example.org' });
    assert.equal(await shop.getByTestId('finding-sensor').innerText(), 'workshop');
    const house = rows().filter({ hasText: 'house-c2.example.net' });
    assert.equal(await house.getByTestId('finding-sensor').innerText(), 'house');
    assert.match(await page.getByTestId('ingest-state').innerText(), /2 sensors: house, workshop/);
    // grouped by device: two groups, one per sensor
    assert.equal(await page.getByRole('heading', { name: `${DEVICE} on workshop` }).count(), 1);
    assert.equal(await page.getByRole('heading', { name: `${DEVICE} on house` }).count(), 1);
  });

  it('filters with sensor:NAME', async () => {
    await page.getByLabel('Search findings').fill('sensor:workshop');
    await rowCount(1);
    assert.match(await rows().first().innerText(), /shop-c2\.example\.org/);
    await page.getByLabel('Search findings').fill('sensor:house');
    await rowCount(1);
    assert.match(await rows().first().innerText(), /house-c2\.example\.net/);
    await page.getByLabel('Search findings').fill('sensor:garage');
    await rowCount(0);
    await page.getByLabel('Search findings').fill('');
    await rowCount(2);
  });

  it('the finding page names its sensor', async () => {
    await rows().filter({ hasText: 'shop-c2.example.org' }).click();
    const said = page.getByTestId('pair-sensor');
    await said.waitFor({ timeout: 15_000 });
    assert.equal((await said.innerText()).trim(), 'on sensor workshop');
  });

  it('Settings lists the sensors, says a missing folder beside the field, and removes a row', async () => {
    await page.goto(`${suite!.server.url}#/settings`);
    const rows = page.getByTestId('sensor-row');
    await rows.nth(1).waitFor({ timeout: 15_000 });
    assert.equal(await page.getByLabel('Sensor 1 name').inputValue(), 'house');
    assert.equal(await page.getByLabel('Sensor 2 name').inputValue(), 'workshop');
    await page.getByTestId('add-sensor').click();
    await page.getByLabel('Sensor 3 name').fill('garage');
    await page.getByLabel('Sensor 3 folder').fill(join(suite!.tmp, 'no-such-folder'));
    await page.getByRole('button', { name: 'Save' }).click();
    const error = page.getByTestId('field-error-sensors');
    await error.waitFor({ timeout: 15_000 });
    assert.match(await error.innerText(), /^Sensors: sensor garage: .*no-such-folder does not exist/);
    assert.equal((await suite!.host.api.getSettings({})).sensors.length, 2, 'nothing saved');
    await page.getByRole('button', { name: 'Remove sensor garage' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor({ timeout: 15_000 });
    assert.equal(await error.count(), 0);
  });
});
