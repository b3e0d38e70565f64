// RITA's long connections over `serve` (real engine, Debian's Chromium): the overview's Bytes
// column shows a beacon's totals, and the Long connections page lists a tunnel held open five
// hours (one connection: no timer) first, as listLongConnections says, linked to its page.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { EngineHost } from '../../engine/contract/host.js';
import type { RunningServer } from '../../engine/serve/http-server.js';
import { closeSuite } from '../support/browser.js';
import { startServeSuite, type ServeSuite } from '../support/serve-suite.js';
import type { PageWatch } from '../support/page-checks.js';
import { CONN_FIELDS, schedule, tlsConnRow, writeZeekLog } from '../support/zeek-tsv.js';
import { LONG_CSV_COLUMNS } from '../../engine/contract/csv.js';

const TOKEN = 'e2e-long-token-0123456789abcdef';
const T0 = Math.floor(Date.now() / 1000) - 86400;

const conn = tlsConnRow;

describe('long connections and the bytes column', { timeout: 300_000 }, () => {
  let suite: ServeSuite | undefined;
  let host: EngineHost;
  let server: RunningServer;
  let page: Page;
  let watch: PageWatch;

  before(async () => {
    suite = await startServeSuite({
      name: 'long',
      token: TOKEN,
      zeekDir: (dir) => {
        mkdirSync(dir);
        writeZeekLog(
          join(dir, 'conn.log'),
          'conn',
          CONN_FIELDS,
          [
            conn(0, T0 + 600, '192.168.1.20', '203.0.113.5', 5 * 3600, 8_000_000, 90_000),
            ...schedule(T0, 300, 280).map((ts, i) => conn(i + 1, ts, '192.168.1.50', '203.0.113.7', 0.4, 400_000, 2_000)),
          ].sort((a, b) => Number(a.ts) - Number(b.ts)),
        );
      },
    });
    ({ host, server, page, watch } = suite);
    await page.goto(`${server.url}#token=${TOKEN}`);
    await page.getByRole('button', { name: 'Rescore now' }).click();
    await page.locator('main tr[data-finding-id]', { hasText: '203.0.113.7' }).waitFor({ timeout: 60_000 });
  });

  after(() => closeSuite(suite ?? {}));

  it('shows what the beacon sent and received in the overview', async () => {
    const cell = page.locator('main tr[data-finding-id]', { hasText: '203.0.113.7' }).getByTestId('finding-bytes');
    const text = await cell.innerText();
    assert.match(text, /↑ 112 MB/);
    assert.match(text, /↓ 560 kB/);
    assert.match(text, /402 kB each/);
  });

  it('lists the five-hour tunnel first on #/long, as the API does, linked to its page', async () => {
    await page.getByRole('link', { name: 'Long connections' }).click();
    await page.getByRole('heading', { name: 'Long connections', level: 1 }).waitFor();
    const single = page.getByTestId('long-single');
    await single.waitFor();
    const api = await host.api.listLongConnections({ limit: 50 });
    const rows = single.locator('tbody tr');
    assert.equal(await rows.count(), api.longest.length);
    const first = await rows.first().innerText();
    assert.match(first, /5\.0 h/);
    assert.match(first, /8\.1 MB/);
    assert.match(first, /192\.168\.1\.20[\s\S]*203\.0\.113\.5 tcp\/443/);
    const total = page.getByTestId('long-total');
    assert.match(await total.locator('tbody tr').first().innerText(), /5\.0 h\s+1\s+8\.0 MB\s+90\.0 kB/);
    // Export CSV: both lists, the tunnel's row first, with `beaconwatch long --csv`'s columns
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('long-export-csv').click()]);
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
    assert.equal(csv[0], LONG_CSV_COLUMNS.join(','));
    const tunnel = csv[1]!.split(',');
    const col = (name: (typeof LONG_CSV_COLUMNS)[number]) => tunnel[LONG_CSV_COLUMNS.indexOf(name)];
    assert.deepEqual(
      [col('list'), col('src'), col('dst'), col('longest_s'), col('sent_bytes')],
      ['longest', '192.168.1.20', '203.0.113.5', '18000', '8000000'],
    );
    assert.equal(csv.filter((l) => l.startsWith('total,')).length, api.cumulative.length);
    await rows.first().getByRole('link').click();
    await page.waitForURL(new RegExp(`#/pair/${api.longest[0]!.findingId}`));
    assert.deepEqual(watch.errors, []);
    assert.deepEqual(watch.cspViolations, []);
  });
});
