// The desktop shell end to end, without the Electron binary: the real dist/electron/main.js runs
// in this process against a stand-in `electron` (tests/support/electron-standin.ts) whose
// windows are Debian Chromium pages showing the real renderer, with the real preload executed
// under the sandbox's rules. Every contract call goes page → preload → ipcMain → engine and
// back; a notification is raised and clicked, the app menu and tray menu are used, and Quit runs
// the stop sequence. The real Electron app is checked by tests/electron-launch.test.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { API_METHODS } from '../engine/api.js';
import type { ApiMethod } from '../engine/api.js';
import { runSmokeTest } from '../electron/smoke-test.js';
import { CHROMIUM, ensureRendererBuilt } from './support/browser.js';
import { waitFor } from './support/page-checks.js';
import { shell, standin } from './support/electron-standin.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const MAIN = path.join(root, 'dist', 'electron', 'main.js');
const skip = existsSync(CHROMIUM) ? false : `Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`;

/** dist/electron is what runs: rebuild it when a source in electron/ is newer */
function ensureShellBuilt(): void {
  const newest = Math.max(
    ...readdirSync(path.join(root, 'electron'))
      .filter((f) => /\.c?ts$/.test(f))
      .map((f) => statSync(path.join(root, 'electron', f)).mtimeMs),
  );
  if (existsSync(MAIN) && statSync(MAIN).mtimeMs >= newest) return;
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'electron/tsconfig.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}

let dataDir = '';
let page: Page;

before(async () => {
  if (skip) return;
  ensureShellBuilt();
  ensureRendererBuilt();
  dataDir = mkdtempSync(path.join(tmpdir(), 'bw-shell-'));
  process.env.BEACONWATCH_DATA_DIR = dataDir;
  // a desktop known to show tray icons, so that "keep running in the background" can be chosen
  process.env.XDG_CURRENT_DESKTOP = 'KDE';
  standin.version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  standin.browser = await chromium.launch({
    executablePath: CHROMIUM,
    // file:// pages may load their module scripts, as in Electron
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--allow-file-access-from-files',
    ],
  });
  const standinUrl = import.meta.resolve('./support/electron-standin.js');
  registerHooks({
    resolve: (specifier, context, next) => (specifier === 'electron' ? { url: standinUrl, shortCircuit: true } : next(specifier, context)),
  });
  await import(pathToFileURL(MAIN).href);
  await waitFor(async () => standin.windows.length === 1 && !standin.windows[0]!.webContents.isLoading(), 60_000, 'the window never loaded');
  page = await standin.windows[0]!.ready;
  await waitFor(async () => standin.trays.length === 1 && standin.trays[0]!.labels().length > 0, 10_000, 'no tray');
});

after(async () => {
  await standin.browser?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const call = (method: string, arg?: unknown) =>
  page.evaluate(
    async ([m, a]) => {
      const api = (globalThis as unknown as { beaconwatch: Record<string, (x?: unknown) => Promise<unknown>> }).beaconwatch;
      try {
        return { ok: true, result: await api[m as string]!(a) };
      } catch (e) {
        return { ok: false, error: { name: (e as Error).name, message: (e as Error).message } };
      }
    },
    [method, arg] as const,
  );

test('the window is sandboxed and loads the renderer; the preload exposes the contract and nothing of Node', { skip }, async () => {
  const win = standin.windows[0]!;
  assert.equal(win.options.webPreferences?.sandbox, true);
  assert.equal(win.options.webPreferences?.contextIsolation, true);
  assert.equal(win.options.webPreferences?.preload, path.join(root, 'dist', 'electron', 'preload.cjs'));
  assert.ok(win.visible, 'shown once ready');
  const seen = await page.evaluate(() => ({
    keys: Object.keys((globalThis as unknown as { beaconwatch: object }).beaconwatch),
    frozen: Object.isFrozen((globalThis as unknown as { beaconwatch: object }).beaconwatch),
    node: typeof (globalThis as { process?: unknown }).process + typeof (globalThis as { require?: unknown }).require,
    leftover: typeof (globalThis as unknown as { __bwStandinRequire?: unknown }).__bwStandinRequire,
  }));
  assert.deepEqual(
    seen.keys.filter((k) => !k.startsWith('on')),
    API_METHODS,
  );
  assert.ok(seen.frozen);
  assert.equal(seen.node, 'undefinedundefined', 'no Node in the page');
  assert.equal(seen.leftover, 'undefined');
  await page.locator('#app').waitFor();
  assert.deepEqual(standin.pageErrors, []);
  // the database lives under the user-data path, the log under the logs path
  assert.ok(existsSync(path.join(dataDir, 'beaconwatch.sqlite')));
  assert.match(readFileSync(path.join(dataDir, 'logs', 'beaconwatch.log'), 'utf8'), /Beaconwatch \d+\.\d+\.\d+: db /);
  // the session guards are installed
  let cancelled: unknown;
  standin.session.beforeRequest!({ url: 'https://evil.example/x.js' }, (r: { cancel: boolean }) => (cancelled = r.cancel));
  assert.equal(cancelled, true);
  const wc = win.webContents;
  assert.deepEqual(wc.openHandler!({ url: 'https://evil.example/' }), { action: 'deny' });
  // a lookup link from the finding page opens in the user's browser, never in the app
  assert.deepEqual(wc.openHandler!({ url: 'https://www.virustotal.com/gui/ip-address/203.0.113.9' }), { action: 'deny' });
  assert.deepEqual(shell.opened, ['https://www.virustotal.com/gui/ip-address/203.0.113.9'], 'only the lookup link reached the browser');
});

test('every contract call travels through the preload to main and back', { skip }, async () => {
  const tmpZeek = mkdtempSync(path.join(tmpdir(), 'bw-pick-'));
  standin.openDialogResult = { canceled: false, filePaths: [tmpZeek] };
  const results = new Map<string, { ok: boolean; result?: unknown; error?: { name: string; message: string } }>();
  const run = async (method: ApiMethod, arg?: unknown) => {
    const r = await call(method, arg);
    results.set(method, r);
    return r;
  };
  assert.equal(((await run('getStatus', {})).result as { version: string }).version, standin.version);
  await run('getSettings');
  await run('updateSettings', { notifications: true });
  await run('detectZeekDirs');
  assert.equal((await run('pickZeekDir')).result, tmpZeek, 'the folder picker answered through main');
  await run('loadDemo');
  await run('rescoreNow');
  const list = (await run('listFindings', { includeBelowThreshold: true, limit: 50 })).result as { findings?: { pairId: number; src: string }[] };
  const first = list.findings?.[0];
  assert.ok(first, 'the demo day has findings');
  await run('getPair', { pairId: first.pairId });
  await run('dismissPair', { pairId: first.pairId, dismissed: false });
  await run('listDevices');
  await run('setDeviceLabel', { address: first.src, label: 'e2e <b>label</b>' });
  await run('setPaused', { paused: true });
  await run('setPaused', { paused: false });
  await run('listAllowRules');
  const rule = (await run('addAllowRule', { dst: 'e2e.example', note: 'added through the preload' })).result as { id: string };
  await run('updateAllowRule', { id: rule.id, patch: { dst: 'e2e.example', note: 'updated' } });
  const exported = (await run('exportAllowRules')).result;
  await run('importAllowRules', { json: typeof exported === 'string' ? exported : JSON.stringify(exported) });
  await run('removeAllowRule', { id: rule.id });
  // a call the contract may gain later still gets a round trip, even if only an error
  for (const m of API_METHODS) if (!results.has(m)) await run(m, {});

  for (const m of API_METHODS) {
    const r = results.get(m)!;
    assert.ok(r.ok || r.error?.name === 'ApiError', `${m}: ${JSON.stringify(r.error)}`);
  }
  for (const m of ['getStatus', 'getPair', 'loadDemo', 'addAllowRule', 'removeAllowRule'] as const) assert.ok(results.get(m)!.ok, `${m} succeeded`);
  assert.deepEqual(new Set(standin.invoked), new Set(API_METHODS.map((m) => `bw:${m}`)), 'each call reached its own ipcMain handler');
  // arguments are validated in main, and errors come back as ApiError with their code
  const bad = await call('getPair', { pairId: -1 });
  assert.equal(bad.ok, false);
  assert.match(bad.error!.message, /^\[invalid-argument\] getPair: /);
  const missing = await call('getPair', { pairId: 999_999 });
  assert.match(missing.error!.message, /^\[not-found\]/);
  rmSync(tmpZeek, { recursive: true, force: true });
});

test('new beacons raise a notification (one summary for many); clicking it shows the window', { skip }, async () => {
  await waitFor(async () => standin.notifications.some((n) => n.shown), 30_000, 'no notification after the demo rescore');
  // the demo day's new findings (the implant's TLS beacon and its dead domain, the TV's cloud):
  // one notification each, at most the plan's individual limit, never a flood
  await new Promise((r) => setTimeout(r, 500));
  assert.ok(standin.notifications.length >= 1 && standin.notifications.length <= 3, `${standin.notifications.length} notifications`);
  assert.equal(new Set(standin.notifications.map((x) => x.options.title + x.options.body)).size, standin.notifications.length, 'none twice');
  const n = standin.notifications[0]!;
  assert.match(n.options.title, /beacon/i);
  // names from logs carry no control characters (the summary's body is one line per pair)
  assert.doesNotMatch(n.options.title + n.options.body.replace(/\n/g, ' '), /[\u0000-\u001f]/);
  const win = standin.windows[0]!;
  win.hide();
  n.emit('click');
  assert.ok(win.visible, 'the click shows the window');
  // a notification about one pair also opens that pair
  if (/^New beacon/.test(n.options.title)) {
    await waitFor(async () => standin.sent.some((s) => s.channel === 'bw:push:openPair'), 5_000, 'no openPair push');
  }
});

test('the smoke test passes against the loaded window (page loaded, one round trip)', { skip }, async () => {
  const r = await runSmokeTest(standin.windows[0]!.webContents, 10_000);
  assert.equal(r.ok, true, r.detail);
  assert.match(r.detail, /getStatus answered through the preload/);
});

test(
  'Linux: with "keep running in the background" and a visible tray, closing hides; the tray reopens',
  { skip: skip || (process.platform !== 'linux' && 'Linux close policy') },
  async () => {
    const file = standin.applicationMenu!.items.find((i) => i.label === '&File')!;
    const keep = file.submenu!.find((i) => i.label === 'Keep running in the background');
    assert.ok(keep, 'the File menu offers the choice when a tray icon shows');
    assert.equal(keep.checked, false, 'off by default: closing quits');
    keep.click!({ checked: true });
    assert.deepEqual(JSON.parse(readFileSync(path.join(dataDir, 'shell-prefs.json'), 'utf8')), { keepInBackground: true });
    const win = standin.windows[0]!;
    assert.equal(await win.close(), false, 'close is turned into hide');
    assert.equal(win.visible, false);
    assert.equal(standin.exitCode, null, 'still running');
    const tray = standin.trays[0]!;
    tray.click('Open Beaconwatch');
    assert.ok(win.visible);
  },
);

test('tray: pause and resume, rescore; Quit completes the stop sequence', { skip }, async () => {
  const tray = standin.trays[0]!;
  await waitFor(async () => tray.labels().includes('Pause'), 15_000, `tray never offered Pause: ${tray.labels().join(' | ')}`);
  tray.click('Pause');
  await waitFor(async () => tray.labels().includes('Resume'), 10_000, 'Pause did not take');
  assert.equal(((await call('getStatus', {})).result as { paused: boolean }).paused, true);
  tray.click('Resume');
  await waitFor(async () => tray.labels().includes('Pause'), 10_000, 'Resume did not take');
  tray.click('Rescore now');
  await waitFor(async () => readFileSync(path.join(dataDir, 'logs', 'beaconwatch.log'), 'utf8').includes('rescored '), 30_000, 'no rescore logged');

  tray.click('Quit Beaconwatch');
  const code = await Promise.race([standin.exited!, new Promise<string>((r) => setTimeout(() => r('timeout'), 30_000))]);
  assert.equal(code, 0);
  // before-quit, will-quit held while the engine stops, then the second round completes
  assert.deepEqual(standin.events.slice(-5), ['before-quit', 'will-quit', 'before-quit', 'will-quit', 'quit']);
  assert.equal(tray.destroyed, true);
  assert.equal(standin.windows.length, 0);
  const log = readFileSync(path.join(dataDir, 'logs', 'beaconwatch.log'), 'utf8');
  assert.match(log, /info {2}stopped$/m);
  assert.deepEqual(standin.errorBoxes, []);
});
