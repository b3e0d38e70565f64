// Cases per finding over `serve` (real engine, Debian's Chromium): the finding page sets a status,
// tags and a note; the list shows them, filters by them (the Case filter, `tag:` and `status:`),
// and narrows with `src:` `dst:` `port:`; the CSV and JSON exports carry them; a reload keeps them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { closeSuite } from '../support/browser.js';
import { startBeaconListSuite, type ServeSuite } from '../support/serve-suite.js';
import { shoot, waitFor } from '../support/page-checks.js';
import type { DnsBeacon } from '../support/zeek-fixture.js';

const TOKEN = 'e2e-cases-token-0123456789';
const BEACONS: DnsBeacon[] = [
  ['10.0.0.5', 'updates.example.net', 60],
  ['10.0.0.6', 'c2.evil.example', 90],
  ['10.0.0.7', 'telemetry.vendor.example', 75],
];

describe('cases per finding, in a browser', { timeout: 240_000 }, () => {
  let suite: ServeSuite | undefined;
  let page: Page;
  const rows = () => page.locator('main tr[data-finding-id]');
  const rowCount = (n: number) => waitFor(async () => (await rows().count()) === n, 15_000, `expected ${n} rows`);
  const search = (q: string) => page.getByLabel('Search findings').fill(q);

  before(async () => {
    suite = await startBeaconListSuite({ name: 'cases', token: TOKEN, beacons: BEACONS, page: { acceptDownloads: true } });
    page = suite.page;
  });

  after(() => closeSuite(suite ?? {}));

  it('sets a status, tags and a note on the finding page; the list shows them', async () => {
    await page.locator('main tr[data-finding-id]', { hasText: 'c2.evil.example' }).click();
    const panel = page.getByTestId('case-notes');
    await panel.waitFor();
    await panel.getByLabel('Case status').selectOption('investigating');
    await panel.getByLabel('Tags').fill('lab, c2');
    await panel.getByLabel('Case note').fill('the box under the desk');
    await panel.getByRole('button', { name: 'Save case' }).click();
    await panel.getByRole('status').getByText('Case saved.').waitFor();
    await shoot(page, 'case-notes');

    const stored = (await suite!.host.api.listFindings({})).findings.find((f) => f.dst === 'c2.evil.example')!;
    assert.deepEqual([stored.case?.status, stored.case?.tags, stored.case?.note], ['investigating', ['lab', 'c2'], 'the box under the desk']);
    assert.equal(stored.state, 'new', 'a case changes no state');

    await page.keyboard.press('Escape');
    await rowCount(BEACONS.length);
    const row = page.locator('main tr[data-finding-id]', { hasText: 'c2.evil.example' });
    const caseCell = row.getByTestId('row-case');
    assert.match(await caseCell.innerText(), /investigating\s*#lab\s*#c2\s*· note/);
  });

  it('filters by case status, tag:, status:, src:, dst: and port:', async () => {
    await page.getByLabel('Case status').selectOption('investigating');
    await rowCount(1);
    await page.getByLabel('Case status').selectOption('all');
    await rowCount(BEACONS.length);
    const only = async (q: string, n: number, text?: RegExp) => {
      await search(q);
      await rowCount(n);
      if (text) assert.match(await rows().first().innerText(), text, q);
    };
    await only('tag:c2', 1, /c2\.evil\.example/);
    await only('status:open', 2);
    await only('src:10.0.0.7', 1, /telemetry\.vendor\.example/);
    await only('dst:updates', 1, /updates\.example\.net/);
    await only('port:53', BEACONS.length);
    await only('port:443', 0);
    await only('desk', 1, /c2\.evil\.example/);
    await only('', BEACONS.length);
  });

  it('exports the case in CSV and JSON', async () => {
    const [csvDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = readFileSync((await csvDl.path())!, 'utf8')
      .trimEnd()
      .split('\r\n');
    // the case's columns, then the sensor that saw it (the default sensor here)
    assert.match(csv[0]!, /,case_status,tags,note,sensor$/);
    const c2 = csv.find((l) => l.includes('c2.evil.example'))!;
    assert.match(c2, /,investigating,lab c2,the box under the desk,sensor$/);
    assert.ok(
      csv.filter((l) => l.includes('updates.example.net')).every((l) => l.endsWith(',open,,,sensor')),
      'no case reads as open',
    );
    const [jsonDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    const json = JSON.parse(readFileSync((await jsonDl.path())!, 'utf8')) as { findings: { dst: string; case: unknown }[] };
    assert.deepEqual(json.findings.find((f) => f.dst === 'c2.evil.example')?.case, {
      status: 'investigating',
      tags: ['lab', 'c2'],
      note: 'the box under the desk',
      updatedAt: (json.findings.find((f) => f.dst === 'c2.evil.example')?.case as { updatedAt: number }).updatedAt,
    });
  });

  it('keeps the case through a reload', async () => {
    await page.reload();
    await rows().first().waitFor();
    await page.locator('main tr[data-finding-id]', { hasText: 'c2.evil.example' }).getByTestId('row-case').getByText('investigating').waitFor();
  });
});
