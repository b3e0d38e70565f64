// Issue 18, in the page: never an all-clear that did not look. A folder whose only file is prose
// named conn.log (rita/text_file's case) is a red error from the first status, with the path and
// the reason, and an empty folder is "no logs" from the first moment: the overview never says
// "No device is beaconing" for either, before the host starts or after. Real logs with nothing
// to show (zat: six years of small logs) say what the window scored and left out.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { EngineHost } from '../../engine/contract/host.js';
import { startHttpServer, type RunningServer } from '../../engine/serve/http-server.js';
import { createEngineHost } from '../../engine/service/create-host.js';
import { closeSuite, ensureRendererBuilt, launchBrowser, RENDERER_DIST } from '../support/browser.js';
import { sample, samplesMissing } from '../support/samples.js';

const TOKEN = 'e2e-coverage-token-0123456789';
const ALL_CLEAR = 'No device is beaconing';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('a folder with nothing readable, from the first status', { timeout: 180_000 }, () => {
  let tmp: string;
  let prose: string;
  let empty: string;
  let hosts: EngineHost[] = [];
  let servers: RunningServer[] = [];
  let browser: Browser;

  before(async () => {
    ensureRendererBuilt();
    tmp = mkdtempSync(join(tmpdir(), 'bw-e2e-coverage-'));
    prose = join(tmp, 'prose');
    mkdirSync(prose);
    writeFileSync(join(prose, 'conn.log'), 'These are my notes, not a Zeek log.\nA second line.\n');
    empty = join(tmp, 'empty');
    mkdirSync(empty);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    for (const s of servers) await s.close();
    for (const h of hosts) await h.stop();
    await closeSuite({ tmp });
    hosts = [];
    servers = [];
  });

  /** a host for `dir` and a server in front of it, the host not started yet */
  async function open(dir: string, name: string): Promise<{ host: EngineHost; page: Page }> {
    const host = await createEngineHost({ dbFile: join(tmp, `${name}.sqlite`), mode: 'serve', zeekDir: dir, log: () => undefined });
    hosts.push(host);
    const server = await startHttpServer({ api: host.api, host: '127.0.0.1', port: 0, token: TOKEN, staticDir: RENDERER_DIST });
    servers.push(server);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}#token=${TOKEN}`);
    return { host, page };
  }

  it('prose named conn.log: the red error names the folder, the file and why, before and after the host starts', async () => {
    const { host, page } = await open(prose, 'prose');
    const alert = page.getByTestId('log-dir-alert');
    await alert.waitFor({ timeout: 20_000 });
    const expected = new RegExp(
      `No readable Zeek logs\\.\\s*No readable Zeek log in ${escape(prose)}: 1 file named like a Zeek log, which could not be read as one \\(${escape(join(prose, 'conn.log'))}: not a Zeek log \\(no #fields header, not JSON\\)\\)`,
    );
    assert.match(await alert.innerText(), expected);
    assert.match(await page.getByTestId('ingest-state').innerText(), /No readable Zeek logs in/);
    await page.getByText('Nothing to score').waitFor();
    assert.equal(await page.getByText(ALL_CLEAR).count(), 0, 'not started: no all-clear');

    await host.start();
    await page.reload();
    await alert.waitFor({ timeout: 20_000 });
    assert.match(await alert.innerText(), expected);
    assert.match(await page.getByTestId('empty-reason').innerText(), /cannot read the logs in this folder/);
    assert.equal(await page.getByText(ALL_CLEAR).count(), 0, 'rescored: still no all-clear');
  });

  it('an empty folder: "No Zeek logs" from the first seconds, never the all-clear', async () => {
    const { host, page } = await open(empty, 'empty');
    const starting = host.start();
    // the first ~15 s were "No device is beaconing" before: watch them
    const until = Date.now() + 6_000;
    let seenAlert = false;
    while (Date.now() < until) {
      assert.equal(await page.getByText(ALL_CLEAR).count(), 0, 'an empty folder is not good news, at no moment');
      seenAlert ||= (await page.getByTestId('log-dir-alert').count()) > 0;
      await page.waitForTimeout(250);
    }
    await starting;
    assert.ok(seenAlert, 'the red state showed while the host started');
    assert.match(
      await page.getByTestId('log-dir-alert').innerText(),
      new RegExp(`No Zeek logs in ${escape(empty)}: looked for .*the folder is empty`, 's'),
    );
  });
});

describe('real logs with nothing to show: the coverage sentence', { timeout: 240_000, skip: samplesMissing }, () => {
  let tmp: string;
  let host: EngineHost;
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    ensureRendererBuilt();
    tmp = mkdtempSync(join(tmpdir(), 'bw-e2e-coverage-zat-'));
    host = await createEngineHost({ dbFile: join(tmp, 'zat.sqlite'), mode: 'serve', zeekDir: sample('zat'), log: () => undefined });
    await host.start();
    server = await startHttpServer({ api: host.api, host: '127.0.0.1', port: 0, token: TOKEN, staticDir: RENDERER_DIST });
    browser = await launchBrowser();
  });

  after(() => closeSuite({ browser, server, host, tmp }));

  it('says what the 24 h scored and what lies outside it, on the overview and the status bar', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}#token=${TOKEN}`);
    const note = page.getByTestId('coverage-note');
    await note.waitFor({ timeout: 30_000 });
    const text = await note.innerText();
    assert.match(
      text,
      /^[\d,]+ days of logs \(2013-09-15 – 2019-12-03\); scored the 24 h ending 2019-12-03 \d\d:\d\d UTC \([\d,]+ pairs\); [\d,]+ pairs \([\d,]+ events\) outside it: choose a longer window to include them; [\d,]+ rows? skipped as malformed/,
    );
    assert.equal(await page.getByText('Nothing found in what was scored').count(), 1);
    assert.equal(await page.getByText(ALL_CLEAR).count(), 0, 'data was left out: no bare all-clear');
    assert.equal(await page.getByTestId('coverage-note-bar').innerText(), text);
  });
});
