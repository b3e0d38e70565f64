// The overview as a working list over `serve` (real engine, Debian's Chromium): search, sort,
// CSV export (formula injection neutralised), bulk allow-list with Undo, keyboard shortcuts,
// rule hit counts and a confirmed delete with Undo, and the banner when the engine stops answering.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { EngineHost } from '../../engine/contract/host.js';
import type { RunningServer } from '../../engine/serve/http-server.js';
import { closeSuite } from '../support/browser.js';
import { startBeaconListSuite, type ServeSuite } from '../support/serve-suite.js';
import { shoot, waitFor, type PageWatch } from '../support/page-checks.js';
import type { DnsBeacon } from '../support/zeek-fixture.js';

/** loopback `serve` needs its token too (issue 9) */
const TOKEN = 'e2e-worklist-token-0123456789';

const BEACONS: DnsBeacon[] = [
  ['10.0.0.5', 'updates.example.net', 60],
  ['10.0.0.6', 'c2.evil.example', 90],
  ['10.0.0.7', '=1+2.example', 120],
  ['10.0.0.8', 'telemetry.vendor.example', 75],
];

describe('the overview as a working list', { timeout: 300_000 }, () => {
  let suite: ServeSuite | undefined;
  let host: EngineHost;
  let server: RunningServer;
  let page: Page;
  let watch: PageWatch;
  const rows = () => page.locator('main tr[data-finding-id]');
  const rowCount = (n: number) => waitFor(async () => (await rows().count()) === n, 15_000, `expected ${n} rows`);

  before(async () => {
    suite = await startBeaconListSuite({ name: 'list', token: TOKEN, beacons: BEACONS, page: { acceptDownloads: true } });
    ({ host, server, page, watch } = suite);
  });

  after(() => closeSuite(suite ?? {}));

  it('searches device, destination and names', async () => {
    await page.getByLabel('Search findings').fill('evil');
    await rowCount(1);
    assert.match(await rows().first().innerText(), /c2\.evil\.example/);
    await page.getByLabel('Search findings').fill('10.0.0.8');
    await rowCount(1);
    assert.match(await rows().first().innerText(), /telemetry\.vendor\.example/);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await rows()
      .nth(BEACONS.length - 1)
      .waitFor();
  });

  it('sorts by any column, both ways', async () => {
    await page.getByLabel('Group by').selectOption('none');
    const header = page.locator('th', { has: page.getByRole('button', { name: /^Talks to/ }) });
    await header.getByRole('button').click();
    assert.equal(await header.getAttribute('aria-sort'), 'ascending');
    const dsts = async () => (await page.locator('main tr[data-finding-id] td:nth-child(3) .mono:first-child').allInnerTexts()).map((s) => s.trim());
    const asc = await dsts();
    assert.deepEqual(
      asc,
      [...asc].sort((a, b) => a.localeCompare(b)),
    );
    await header.getByRole('button').click();
    assert.equal(await header.getAttribute('aria-sort'), 'descending');
    assert.deepEqual(await dsts(), [...asc].reverse());
  });

  it('exports the current view as CSV, with formulas neutralised', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(
      lines[0],
      'finding,source,src,device,dst,direction,period_s,spread_s,jitter,activities,score,state,first_seen,last_seen,summary,sent_bytes,received_bytes,typical_bytes,case_status,tags,note,sensor',
    );
    assert.equal(lines.length, BEACONS.length + 1, csv);
    assert.ok(
      lines.some((l) => l.includes(",'=1+2.example,")),
      `the formula-like name is neutralised:\n${csv}`,
    );
    assert.ok(!lines.some((l) => /,=1\+2/.test(l)), 'no cell starts with =');
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    const parsed = JSON.parse(readFileSync((await json.path())!, 'utf8')) as { findings: { dst: string }[] };
    assert.equal(parsed.findings.length, BEACONS.length);
  });

  it('allow-lists several findings at once, and Undo brings them back', async () => {
    await page.getByLabel('Select 10.0.0.5 → updates.example.net').check();
    await page.getByLabel('Select 10.0.0.8 → telemetry.vendor.example').check();
    await page.getByRole('button', { name: 'Allow-list on their devices' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Allow-listed 2 findings' }).waitFor();
    await rowCount(BEACONS.length - 2);
    assert.equal((await host.api.listAllowRules({})).filter((r) => !r.builtin).length, 2);
    await page.getByTestId('toast').filter({ hasText: 'Allow-listed 2 findings' }).getByRole('button', { name: 'Undo' }).click();
    await rowCount(BEACONS.length);
    assert.equal((await host.api.listAllowRules({})).filter((r) => !r.builtin).length, 0, 'Undo removed the rules');
  });

  it('works from the keyboard: / searches, j/k move, d dismisses (with Undo)', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    assert.equal(await page.getByLabel('Search findings').evaluate((el) => el === el.ownerDocument.activeElement), true);
    await page.keyboard.press('Tab');
    await page.locator('main h1').click();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    assert.equal(
      await rows()
        .first()
        .evaluate((el) => el === el.ownerDocument.activeElement),
      true,
      'j, j, k lands on the first row',
    );
    await page.keyboard.press('d');
    await page.getByTestId('toast').filter({ hasText: 'Dismissed' }).waitFor();
    await rowCount(BEACONS.length - 1);
    await page.getByTestId('toast').filter({ hasText: 'Dismissed' }).getByRole('button', { name: 'Undo' }).click();
    await rowCount(BEACONS.length);
  });

  it('shows rule hit counts and asks before deleting a rule, with Undo', async () => {
    await host.api.addAllowRule({ dst: 'c2.evil.example', note: 'lab box', category: 'user' });
    await page.getByRole('link', { name: 'Allow-list' }).click();
    const row = page.locator('tr', { hasText: 'to c2.evil.example' });
    await row.waitFor();
    assert.equal((await row.getByTestId('rule-hits').innerText()).trim(), '1');
    assert.match(await page.getByTestId('builtin-hits').innerText(), /^\(\d+ rules, covering 0 findings now\)$/);
    await row.getByLabel(/^Expiry of rule/).fill('2099-12-31');
    await waitFor(
      async () => (await host.api.listAllowRules({})).some((r) => r.dst === 'c2.evil.example' && r.expiresAt !== null),
      10_000,
      'the expiry was not saved',
    );
    const expires = new Date((await host.api.listAllowRules({})).find((r) => r.dst === 'c2.evil.example')!.expiresAt! * 1000);
    assert.equal(expires.getFullYear(), 2099);
    await row.getByRole('button', { name: 'Delete…' }).click();
    assert.equal((await host.api.listAllowRules({})).filter((r) => !r.builtin).length, 1, 'nothing deleted before the confirmation');
    await row.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByTestId('toast').filter({ hasText: 'Rule deleted' }).getByRole('button', { name: 'Undo' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Undone' }).last().waitFor();
    const own = (await host.api.listAllowRules({})).filter((r) => !r.builtin);
    assert.deepEqual(
      own.map((r) => [r.dst, r.note]),
      [['c2.evil.example', 'lab box']],
    );
    assert.deepEqual(watch.errors, []);
  });

  it('holds at 800 px: the score never overlaps the state, "Last seen" stays', async () => {
    await page.setViewportSize({ width: 800, height: 900 });
    try {
      await page.getByRole('link', { name: 'Overview' }).first().click();
      await page.getByLabel('Group by').selectOption('device');
      await rows().first().waitFor();
      await shoot(page, 'overview-800');
      for (const header of ['Last seen', 'Score', 'State']) {
        const box = await page
          .getByRole('button', { name: new RegExp(`^${header}`) })
          .first()
          .boundingBox();
        assert.ok(box && box.width > 0 && box.x + box.width <= 800, `${header} header is visible`);
      }
      const n = await rows().count();
      for (let i = 0; i < n; i++) {
        const score = await rows().nth(i).locator('td.score').boundingBox();
        const badge = await rows().nth(i).locator('.badge').boundingBox();
        assert.ok(score && badge && score.x + score.width <= badge.x + 0.5, `row ${i}: score ends before the state badge`);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('sends a test alert to a webhook on 127.0.0.1 from the Settings, and suggests local networks', async () => {
    const got: string[] = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        got.push(body);
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    try {
      await page.getByRole('link', { name: 'Settings' }).click();
      const suggestion = page.getByTestId('network-suggestions').locator('li', { hasText: '10.0.0.0/24' });
      await suggestion.waitFor();
      assert.match(await suggestion.innerText(), /already local.*4 addresses in it seen as local/s);
      await page.getByLabel('Webhook address').fill(`http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`);
      await page.getByRole('button', { name: 'Send test' }).click();
      await page.getByTestId('alert-test-result').filter({ hasText: 'webhook: sent' }).waitFor();
      assert.equal(got.length, 1);
      assert.equal((JSON.parse(got[0]!) as { type: string }).type, 'test');
      assert.match((await host.api.getSettings({})).alertWebhookUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+\/hook$/);
    } finally {
      hook.close();
    }
  });

  it('says so when the engine stops answering, and marks the data stale', async () => {
    await page.getByRole('link', { name: 'Overview' }).first().click();
    await rows().first().waitFor();
    await server.close();
    await page.getByTestId('engine-down').waitFor({ timeout: 30_000 });
    assert.match(await page.getByTestId('engine-down').innerText(), /Beaconwatch's engine is not answering \(since .+\)/);
    assert.equal(await page.locator('[data-stale=true]').count(), 1, 'the last data stays, marked stale');
    assert.ok((await rows().count()) > 0);
  });
});
