// The day-one review over `serve` (real engine, Debian's Chromium): the overview offers it, the
// review groups what the first logs already show, two services are accepted (each an allow rule
// with the chosen scope), one is kept watching; afterwards the overview shows the accepted ones
// as known, the watched one and the later newcomer still new, and no offer any more.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';

import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { EngineHost } from '../../engine/contract/host.js';
import type { RunningServer } from '../../engine/serve/http-server.js';
import { closeSuite } from '../support/browser.js';
import { startServeSuite, type ServeSuite } from '../support/serve-suite.js';
import { waitFor, type PageWatch } from '../support/page-checks.js';
import { writeReviewDnsLog } from '../support/review-fixture.js';

const TOKEN = 'e2e-review-token-0123456789abcdef';

describe('the day-one review', { timeout: 300_000 }, () => {
  let suite: ServeSuite | undefined;
  let host: EngineHost;
  let server: RunningServer;
  let page: Page;
  let watch: PageWatch;
  const group = (key: string) => page.locator(`section[data-review-group="${key}"]`);

  before(async () => {
    suite = await startServeSuite({
      name: 'review',
      token: TOKEN,
      zeekDir: (dir) => {
        mkdirSync(dir);
        writeReviewDnsLog(dir);
      },
    });
    ({ host, server, page, watch } = suite);
    await page.goto(`${server.url}#token=${TOKEN}`);
    await page.getByRole('button', { name: 'Rescore now' }).click();
    await page.getByText('c2.evil.example').first().waitFor({ timeout: 60_000 });
  });

  after(() => closeSuite(suite ?? {}));

  it('is offered on the overview while pending, and lists the services from the first logs', async () => {
    const banner = page.getByTestId('review-banner');
    await banner.waitFor({ timeout: 30_000 });
    assert.match(await banner.innerText(), /Review what your home already does \(3 services\)/);
    await banner.getByRole('link').click();
    await page.getByRole('heading', { name: 'What your home already does' }).waitFor();
    await group('domain:thermo-cloud.example').waitFor();
    assert.equal(await page.locator('section[data-review-group]').count(), 3);
    assert.match(
      await group('domain:thermo-cloud.example').innerText(),
      /a\.thermo-cloud\.example[\s\S]*b\.thermo-cloud\.example|b\.thermo-cloud\.example[\s\S]*a\.thermo-cloud\.example/,
    );
    // the service that started later is no part of the review
    assert.equal(await page.getByText('late.newcomer.example').count(), 0);
  });

  it('keeps one watched and accepts two, each with its scope; the last decision finishes the review', async () => {
    await group('domain:evil.example').getByRole('button', { name: 'Keep watching' }).click();
    await group('domain:evil.example').getByText('watching', { exact: true }).waitFor();

    const thermo = group('domain:thermo-cloud.example');
    await thermo.getByLabel('thermo-cloud.example and all its subdomains, from every device').check();
    await thermo.getByRole('button', { name: 'Accept' }).click();
    await thermo.getByText('accepted', { exact: true }).waitFor();

    const nas = group('domain:example.net');
    await nas.getByLabel(/10\.0\.0\.5 → updates\.example\.net only/).check();
    await nas.getByRole('textbox', { name: /^Note/ }).fill('the NAS updater');
    await nas.getByRole('button', { name: 'Accept' }).click();
    await page.getByTestId('review-finished').waitFor();

    const own = (await host.api.listAllowRules({})).filter((r) => !r.builtin);
    assert.deepEqual(own.map((r) => [r.src, r.dst, r.note]).sort(), [
      [null, '*.thermo-cloud.example', 'accepted in the day-one review (thermo-cloud.example)'],
      ['10.0.0.5', 'updates.example.net', 'the NAS updater'],
    ]);
  });

  it('can be reopened and finished with the button', async () => {
    await page.getByRole('button', { name: 'Reopen the review' }).click();
    await page.getByRole('button', { name: 'Finish review' }).click();
    await page.getByTestId('review-finished').waitFor();
  });

  it('leaves the overview with the accepted ones known and the watched one still new', async () => {
    await page.getByRole('link', { name: 'Overview' }).first().click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const done = page.getByTestId('review-done');
    await done.waitFor();
    assert.match(await done.innerText(), /1 new since your review/);
    assert.equal(await page.getByTestId('review-banner').count(), 0, 'no offer once the review is done');
    const rows = page.locator('main tr[data-finding-id]');
    await waitFor(async () => (await rows.count()) === 2, 15_000, 'expected the watched and the late finding only');
    const text = await page.locator('main').innerText();
    assert.match(text, /c2\.evil\.example/);
    assert.match(text, /late\.newcomer\.example/);
    assert.doesNotMatch(text, /updates\.example\.net|thermo-cloud/);
    await page.getByLabel('Show known and dismissed').check();
    await page.locator('main tr[data-finding-id]', { hasText: 'updates.example.net' }).getByText('known: the NAS updater').waitFor();
    assert.equal(await page.locator('main tr[data-finding-id]', { hasText: 'thermo-cloud.example' }).count(), 2);
    assert.deepEqual(watch.errors, []);
    assert.deepEqual(watch.cspViolations, []);
  });
});
