// The setup every serve e2e suite shares: a temp folder with a Zeek folder in it, the real engine
// host on a store there, `serve`'s HTTP server on a loopback port, Debian's Chromium and one
// page. What a suite puts in the Zeek folder, sets before start or waits for after it, differs.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import type { EngineHost } from '../../engine/contract/host.js';
import { startHttpServer, type RunningServer } from '../../engine/serve/http-server.js';
import { createEngineHost } from '../../engine/service/create-host.js';
import { closeSuite, ensureRendererBuilt, launchBrowser, RENDERER_DIST } from './browser.js';
import { watchPage, type PageWatch } from './page-checks.js';
import { writeDnsBeaconsLog, type DnsBeacon } from './zeek-fixture.js';

export interface ServeSuite {
  tmp: string;
  zeekDir: string;
  host: EngineHost;
  server: RunningServer;
  browser: Browser;
  page: Page;
  watch: PageWatch;
}

export interface ServeSuiteOptions {
  /** names the temp folder (bw-e2e-NAME-) and the store (NAME.sqlite) */
  name: string;
  token: string;
  /** fills the Zeek folder (tmp/zeek); default: an empty folder */
  zeekDir?: (zeekDir: string, tmp: string) => void;
  /** several sensors instead of the one Zeek folder: `name=DIR` each (the folders made by `zeekDir`) */
  sensors?: (tmp: string) => readonly string[];
  /** before the host starts following (settings the suite needs) */
  beforeStart?: (host: EngineHost) => Promise<void>;
  /** after the server is up, before the browser starts (data the sensor goes on writing) */
  afterStart?: (host: EngineHost) => Promise<void>;
  page?: BrowserContextOptions;
}

/** Starts it all; on a failure part-way, what was started is closed before the error is thrown. */
export async function startServeSuite(o: ServeSuiteOptions): Promise<ServeSuite> {
  ensureRendererBuilt();
  const tmp = mkdtempSync(join(tmpdir(), `bw-e2e-${o.name}-`));
  const zeekDir = join(tmp, 'zeek');
  const parts: Partial<ServeSuite> = { tmp };
  try {
    if (o.zeekDir) o.zeekDir(zeekDir, tmp);
    else mkdirSync(zeekDir);
    const where = o.sensors ? { zeekDir: null, sensors: o.sensors(tmp) } : { zeekDir };
    const host = (parts.host = await createEngineHost({ dbFile: join(tmp, `${o.name}.sqlite`), mode: 'serve', ...where, log: () => undefined }));
    await o.beforeStart?.(host);
    await host.start();
    parts.server = await startHttpServer({ api: host.api, host: '127.0.0.1', port: 0, token: o.token, staticDir: RENDERER_DIST });
    await o.afterStart?.(host);
    parts.browser = await launchBrowser();
    parts.page = await parts.browser.newPage({ viewport: { width: 1280, height: 900 }, ...o.page });
    parts.watch = watchPage(parts.page);
    return { ...parts, zeekDir } as ServeSuite;
  } catch (err) {
    await closeSuite(parts);
    throw err;
  }
}

/** The overview's rows (one per finding shown). */
export const findingRows = (page: Page) => page.locator('main tr[data-finding-id]');

/**
 * A home whose dns.log holds these beacons, rescored from the UI, with every beacon's row on the
 * overview: what the list's e2e suites start from.
 */
export async function startBeaconListSuite(
  o: Pick<ServeSuiteOptions, 'name' | 'token' | 'page'> & { beacons: readonly DnsBeacon[] },
): Promise<ServeSuite> {
  const suite = await startServeSuite({
    ...o,
    zeekDir: (dir) => {
      mkdirSync(dir);
      writeDnsBeaconsLog(dir, o.beacons);
    },
  });
  try {
    await suite.page.goto(`${suite.server.url}#token=${o.token}`);
    await suite.page.getByRole('button', { name: 'Rescore now' }).click();
    await findingRows(suite.page)
      .nth(o.beacons.length - 1)
      .waitFor({ timeout: 60_000 });
    return suite;
  } catch (err) {
    await closeSuite(suite);
    throw err;
  }
}
