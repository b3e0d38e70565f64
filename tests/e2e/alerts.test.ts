// An alert as a phone gets it (real engine over `serve`, Debian's Chromium, a webhook on
// 127.0.0.1): the owner sets the webhook and "Link in alerts" in Settings, a beacon starts, and
// the message that arrives carries the finding's link (never the token), its top reason, and the
// same percentage the overview shows for it.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { EngineHost } from '../../engine/contract/host.js';
import type { RunningServer } from '../../engine/serve/http-server.js';
import { closeSuite } from '../support/browser.js';
import { findingRows, startServeSuite, type ServeSuite } from '../support/serve-suite.js';
import { waitFor } from '../support/page-checks.js';
import { CONN_FIELDS, schedule, writeZeekLog } from '../support/zeek-tsv.js';

const TOKEN = 'e2e-alerts-token-0123456789abcdef';
const LINK_BASE = 'http://beaconwatch.home.arpa:8787/';

interface Sent {
  type: string;
  message: string;
  findings: { finding: number; link: string | null; reason: string | null; sure: string; dst: string }[];
}

describe("an alert carries the link, the reason and the list's percentage", { timeout: 300_000 }, () => {
  let suite: ServeSuite | undefined;
  let host: EngineHost;
  let server: RunningServer;
  let page: Page;
  let hook: Server;
  const got: Sent[] = [];

  before(async () => {
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        got.push(JSON.parse(body) as Sent);
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    suite = await startServeSuite({ name: 'alerts', token: TOKEN });
    ({ host, server, page } = suite);
    await page.goto(`${server.url}#token=${TOKEN}`);
  });

  after(async () => {
    hook?.close();
    await closeSuite(suite ?? {});
  });

  it('sends the new finding with its link, its reason and the percentage the list shows', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Webhook address').fill(`http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`);
    // the token in the link is refused beside the field, in the page's words
    await page.getByLabel('Link in alerts').fill(`${LINK_BASE}#token=${TOKEN}`);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('must not hold the token').first().waitFor();
    await page.getByLabel('Link in alerts').fill(LINK_BASE);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitFor(async () => (await host.api.getSettings({})).alertLinkBase === LINK_BASE, 10_000, 'the link base saved');

    // a beacon to a hard-coded address starts on the sensor (no DNS gave it: a raising reason);
    // the next rescore finds it and alerts
    const t0 = Math.floor(Date.now() / 1000) - 6 * 3600;
    writeZeekLog(
      join(suite!.zeekDir, 'conn.log'),
      'conn',
      CONN_FIELDS,
      schedule(t0, 120, 175).map((ts, i) => ({
        ts: ts.toFixed(6),
        uid: `A${i}`,
        'id.orig_h': '10.0.0.23',
        'id.orig_p': 40000 + i,
        'id.resp_h': '203.0.113.77',
        'id.resp_p': 8443,
        proto: 'tcp',
        service: '-',
        duration: '0.2',
        orig_bytes: 310,
        resp_bytes: 120,
      })),
    );
    await page.getByRole('link', { name: 'Overview' }).first().click();
    await waitFor(async () => (await host.api.getStatus({})).events > 0, 30_000, 'the beacon read');
    await page.getByRole('button', { name: 'Rescore now' }).click();
    const row = findingRows(page).filter({ hasText: '203.0.113.77' }).first();
    await row.waitFor({ timeout: 60_000 });
    await waitFor(async () => got.some((m) => m.type === 'alert'), 30_000, 'an alert at the webhook');

    const alert = got.find((m) => m.type === 'alert')!;
    const f = alert.findings.find((x) => x.dst === '203.0.113.77');
    assert.ok(f, JSON.stringify(alert));
    const id = Number(await row.getAttribute('data-finding-id'));
    assert.equal(f.finding, id);
    assert.equal(f.link, `${LINK_BASE}#/pair/${id}`);
    assert.ok(!JSON.stringify(alert).includes(TOKEN), 'the token is never in a message');
    // the same percentage as the row, and the reason the finding page gives first
    const shownScore = (await row.locator('td.score').innerText()).trim();
    assert.equal(f.sure, shownScore);
    assert.ok(alert.message.includes(`(${shownScore})`), alert.message);
    assert.ok(f.reason, 'a raising reason is named');
    const detail = await host.api.getPair({ pairId: id });
    assert.equal(f.reason, detail.finding.reasons.find((r) => r.effect === 'raises')!.text);
    assert.ok(alert.message.endsWith(`\n${f.link}`), alert.message);
  });
});
