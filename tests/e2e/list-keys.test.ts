// The overview's keyboard and address over `serve` (real engine, Debian's Chromium): the search is
// kept in the address (reload and Back bring it back), Escape clears the selection, closing a
// finding gives its row the focus back, and the light/dark choice beside "follow the system" wins
// over the system's and survives a reload.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { closeSuite } from '../support/browser.js';
import { startBeaconListSuite, type ServeSuite } from '../support/serve-suite.js';
import { shoot, waitFor } from '../support/page-checks.js';
import type { DnsBeacon } from '../support/zeek-fixture.js';

const TOKEN = 'e2e-list-keys-token-0123456789';
const BEACONS: DnsBeacon[] = [
  ['10.0.0.5', 'updates.example.net', 60],
  ['10.0.0.6', 'c2.evil.example', 90],
  ['10.0.0.7', 'telemetry.vendor.example', 75],
];

describe('the list keyboard and address', { timeout: 240_000 }, () => {
  let suite: ServeSuite | undefined;
  let page: Page;
  const rows = () => page.locator('main tr[data-finding-id]');
  const rowCount = (n: number) => waitFor(async () => (await rows().count()) === n, 15_000, `expected ${n} rows`);
  const hash = () => page.evaluate('location.hash') as Promise<string>;

  before(async () => {
    suite = await startBeaconListSuite({ name: 'list-keys', token: TOKEN, beacons: BEACONS, page: { colorScheme: 'light' } });
    page = suite.page;
  });

  after(() => closeSuite(suite ?? {}));

  it('keeps the search in the address: reload and Back bring it back', async () => {
    await page.getByLabel('Search findings').fill('evil');
    await rowCount(1);
    assert.equal(await hash(), '#/overview?q=evil');
    const historyLength = await page.evaluate('history.length');
    await page.getByLabel('Search findings').fill('evil.example');
    assert.equal(await hash(), '#/overview?q=evil.example');
    assert.equal(await page.evaluate('history.length'), historyLength, 'typing adds no history entry per key');

    await page.reload();
    await rowCount(1);
    assert.equal(await page.getByLabel('Search findings').inputValue(), 'evil.example');

    // to a finding and Back: the search is still there, and so is the list it made
    await rows().first().click();
    await page.getByTestId('pair-dst').waitFor();
    assert.doesNotMatch(await hash(), /q=/, 'the finding page has no search of its own');
    await page.goBack();
    await rowCount(1);
    assert.equal(await page.getByLabel('Search findings').inputValue(), 'evil.example');

    // a shared address opens the same search
    await page.goto(`${suite!.server.url}#/overview?q=${encodeURIComponent('10.0.0.7')}`);
    await rowCount(1);
    assert.match(await rows().first().innerText(), /telemetry\.vendor\.example/);

    await page.getByLabel('Search findings').fill('');
    await rowCount(BEACONS.length);
    assert.equal(await hash(), '#/overview');
  });

  it('Escape clears the selection', async () => {
    await rows().nth(0).focus();
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    const bar = page.getByRole('region', { name: 'Selected findings' });
    await bar.getByText('2 selected').waitFor();
    await page.keyboard.press('Escape');
    await bar.waitFor({ state: 'detached' });
    assert.equal(await page.locator('main tr[data-finding-id] input[type=checkbox]:checked').count(), 0);
    assert.match(await hash(), /^#\/overview/, 'Escape on the overview goes nowhere else');
  });

  it('closing a finding gives its row the focus back', async () => {
    const second = rows().nth(1);
    const id = await second.getAttribute('data-finding-id');
    await second.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('pair-dst').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await waitFor(
      async () => (await page.evaluate("document.activeElement?.getAttribute('data-finding-id') ?? null")) === id,
      10_000,
      'the row of the closed finding has the focus',
    );
    // and the keyboard goes on from there
    await page.keyboard.press('j');
    assert.equal(
      await page.evaluate("document.activeElement?.getAttribute('data-finding-id') ?? null"),
      await rows().nth(2).getAttribute('data-finding-id'),
    );
  });

  it('light or dark beside "follow the system", kept across a reload', async () => {
    const bg = () => page.evaluate('getComputedStyle(document.documentElement).backgroundColor');
    const themeAttr = () => page.evaluate('document.documentElement.dataset.theme');
    const toggle = page.getByTestId('theme-toggle');
    assert.equal(await toggle.getByLabel('Follow the system').isChecked(), true);
    assert.equal(await themeAttr(), 'light', 'the system (light here) is followed');
    const light = await bg();

    await toggle.getByText('Dark').click();
    assert.equal(await themeAttr(), 'dark');
    const dark = await bg();
    assert.notEqual(dark, light, 'the page turned dark');
    await shoot(page, 'overview-dark');

    await page.reload();
    await rows().first().waitFor();
    assert.equal(await page.getByTestId('theme-toggle').getByLabel('Dark').isChecked(), true, 'the choice survived the reload');
    assert.equal(await bg(), dark);

    // the system turning dark does not undo "Light"; back on "follow the system" it is followed
    await page.getByTestId('theme-toggle').getByText('Light').click();
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.equal(await themeAttr(), 'light');
    await page.getByTestId('theme-toggle').getByText('Follow the system').click();
    assert.equal(await themeAttr(), 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await waitFor(async () => (await themeAttr()) === 'light', 5_000, 'the system turning light is followed');
  });
});
