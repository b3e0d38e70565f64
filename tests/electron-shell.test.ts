// The desktop shell's decisions, tested in plain Node (no Electron): notification batching, the
// tray menu model, the window's security rules, path resolution, loop-delay logging, the
// layering rule (only the thin files import 'electron') and `npm start` without the binary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { API_METHODS } from '../engine/api.js';
import type { BeaconwatchApi, EngineStatus } from '../engine/api.js';
import { formatLoopDelay, withLoopDelayLogging } from '../electron/loop-delay.js';
import type { LoopDelaySample } from '../electron/loop-delay.js';
import { cleanText, planNotifications } from '../electron/notification-plan.js';
import { appRootFromMain, resolveShellPaths, shellOptionsFrom } from '../electron/paths.js';
import {
  CONTENT_SECURITY_POLICY,
  SECURE_WEB_PREFERENCES,
  isAllowedNavigation,
  isAllowedRequest,
  isTrustedSender,
  withCspHeader,
} from '../electron/security.js';
import { ago, buildTrayModel } from '../electron/tray-model.js';
import { CONTENT_SECURITY_POLICY as SHARED_CSP, META_CONTENT_SECURITY_POLICY, injectCsp } from '../engine/contract/csp.js';
import { CSP as SERVE_CSP } from '../engine/serve/static-files.js';

import { finding, recordingApi, status } from './support/electron-fixtures.js';

const root = fileURLToPath(new URL('..', import.meta.url));

test('notifications: one per new pair, a single summary above 3, none when disabled or already announced', () => {
  const three = [finding(), finding({ deviceName: 'old-nas' }), finding({ source: 'dns', variant: 'failed', dst: 'dead.example' })];
  const plan = planNotifications(three, { enabled: true });
  assert.equal(plan.length, 3);
  assert.deepEqual(
    plan.map((p) => p.pairId),
    three.map((f) => f.pairId),
  );
  assert.match(plan[0]!.title, /^New beacon: 10\.0\.0\.5 → c2-\d+\.example\.net$/);
  assert.match(plan[0]!.body, /every 58–62 s, typically 60 s, 1,440 times in 24 h \(ssl, score 0\.90\)/);
  assert.match(plan[1]!.title, /old-nas \(10\.0\.0\.5\)/);
  assert.match(plan[2]!.title, /failed lookups of dead\.example/);

  const five = [finding({ score: 0.7 }), finding({ score: 0.99, dst: 'top.example' }), finding({ src: '10.0.0.9' }), finding(), finding()];
  const summary = planNotifications(five, { enabled: true });
  assert.equal(summary.length, 1);
  assert.equal(summary[0]!.pairId, null);
  assert.equal(summary[0]!.title, '5 new beaconing findings on 2 devices');
  assert.match(summary[0]!.body.split('\n')[0]!, /top\.example/, 'strongest first');
  assert.match(summary[0]!.body, /…and 2 more$/);

  assert.deepEqual(planNotifications(five, { enabled: false }), []);
  assert.deepEqual(planNotifications([], { enabled: true }), []);
  const seen = new Set(five.slice(0, 3).map((f) => f.pairId));
  assert.equal(planNotifications(five, { enabled: true, alreadyNotified: seen }).length, 2, 'only the two not yet announced');
  const dup = finding();
  assert.equal(planNotifications([dup, dup], { enabled: true }).length, 1);
  assert.equal(planNotifications(five.slice(0, 4), { enabled: true, maxIndividual: 5 }).length, 4);
});

test('notifications: names from logs lose control and bidi characters and are bounded', () => {
  const evil = finding({ dst: 'evil\u202egnp.exe\u0007\n\tx.example', summary: 'x'.repeat(1000) });
  const [n] = planNotifications([evil], { enabled: true });
  assert.ok(n);
  assert.doesNotMatch(n.title + n.body, /[\u0000-\u001f\u202e]/);
  assert.ok(n.title.length <= 80 && n.body.length <= 240);
  assert.equal(cleanText(' a\u0000b\u200fc  ', 10), 'a b c');
});

// ---------- tray ----------

test('tray: status lines and actions', () => {
  const now = 1_700_000_000_000;
  const starting = buildTrayModel({ status: null, rescoring: false, now });
  assert.deepEqual(
    starting.items.filter((i) => i.kind === 'status').map((i) => (i.kind === 'status' ? i.label : '')),
    ['Starting…', 'Last rescore: not yet', 'Events/min: –', 'Ingest lag: –'],
  );
  const actions = (m: ReturnType<typeof buildTrayModel>) =>
    m.items.flatMap((i) => (i.kind === 'action' ? [[i.action, i.label, i.enabled] as const] : []));
  assert.deepEqual(actions(starting), [
    ['open', 'Open Beaconwatch', true],
    ['rescore', 'Rescore now', false],
    ['toggle-pause', 'Pause', false],
    ['quit', 'Quit Beaconwatch', true],
  ]);

  const s = status({
    lastRescore: { at: now / 1000 - 180, windowEnd: now / 1000, pairs: 1234, durationMs: 900 },
    eventsPerMinute: 4321.4,
    ingestLagS: 7,
  });
  const m = buildTrayModel({ status: s, rescoring: false, now });
  const labels = m.items.map((i) => (i.kind === 'separator' ? '---' : i.label));
  assert.deepEqual(labels.slice(0, 4), ['Following Zeek logs', 'Last rescore: 3 min ago (1,234 pairs)', 'Events/min: 4,321', 'Ingest lag: 7 s']);
  assert.equal(m.tooltip, 'Beaconwatch — Following Zeek logs');

  const paused = buildTrayModel({ status: status({ paused: true }), rescoring: true, now });
  assert.deepEqual(actions(paused).slice(1, 3), [
    ['rescore', 'Rescoring…', false],
    ['toggle-pause', 'Resume', true],
  ]);
  assert.equal(paused.items[0]!.kind === 'status' && paused.items[0]!.label, 'Paused');
  assert.equal(ago(2), 'just now');
  assert.equal(ago(7200), '2 h ago');
});

test('tray: an empty or unreadable folder is the first line, and "nothing found" carries the coverage sentence', () => {
  const now = 1_700_000_000_000;
  const line0 = (st: Parameters<typeof status>[0]) => buildTrayModel({ status: status(st), rescoring: false, now }).tooltip;
  const dir = '/opt/zeek/logs';
  assert.equal(line0({ logDir: { dir, state: 'unreadable', message: 'x', newestLogAt: null } }), `Beaconwatch — No readable Zeek log in ${dir}`);
  assert.equal(line0({ logDir: { dir, state: 'no-logs', message: 'x', newestLogAt: null } }), `Beaconwatch — No Zeek logs in ${dir}`);
  assert.equal(line0({ logDir: { dir, state: 'checking', message: 'x', newestLogAt: null } }), `Beaconwatch — Looking for Zeek logs in ${dir}`);

  const sentence =
    '3 days of logs (2024-04-18 – 2024-04-21); scored the 24 h ending 2024-04-21 23:59 UTC (8,788 pairs); 13,728 pairs (43,797 events) outside it: choose a longer window to include them.';
  const quiet = buildTrayModel({
    status: status({
      lastRescore: { at: now / 1000 - 60, windowEnd: now / 1000, pairs: 8788, durationMs: 900, findings: 0, newAlerts: 0 },
      coverageNote: { sentence, partial: true },
    }),
    rescoring: false,
    now,
  });
  const labels = quiet.items.flatMap((i) => (i.kind === 'status' ? [i.label] : []));
  assert.equal(labels[1], `Nothing found: ${sentence}`);
  assert.equal(quiet.tooltip, `Beaconwatch — Following Zeek logs\nNothing found: ${sentence}`);
  const busy = buildTrayModel({
    status: status({ lastRescore: { at: now / 1000 - 60, windowEnd: now / 1000, pairs: 10, durationMs: 9, findings: 3, newAlerts: 1 } }),
    rescoring: false,
    now,
  });
  assert.equal(busy.items[1]!.kind === 'status' && busy.items[1]!.label, '3 findings to look at');
});

// ---------- security ----------

test('security: the window is sandboxed and isolated, with the one CSP of the app (header, serve, renderer meta tag)', () => {
  assert.equal(SECURE_WEB_PREFERENCES.contextIsolation, true);
  assert.equal(SECURE_WEB_PREFERENCES.sandbox, true);
  assert.equal(SECURE_WEB_PREFERENCES.nodeIntegration, false);
  assert.equal(SECURE_WEB_PREFERENCES.webSecurity, true);
  assert.equal(SECURE_WEB_PREFERENCES.webviewTag, false);

  // one source: engine/contract/csp.ts; the Vite build writes it into index.html's meta tag
  assert.equal(CONTENT_SECURITY_POLICY, SHARED_CSP);
  assert.equal(SERVE_CSP, SHARED_CSP);
  const html = injectCsp(readFileSync(path.join(root, 'renderer', 'index.html'), 'utf8'));
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  assert.equal(meta, META_CONTENT_SECURITY_POLICY, 'renderer/index.html gets the policy (less frame-ancestors, which a meta tag cannot carry)');
  assert.equal(`${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`, SHARED_CSP);
  const built = path.join(root, 'renderer', 'dist', 'index.html');
  if (existsSync(built))
    assert.ok(readFileSync(built, 'utf8').includes(`content="${META_CONTENT_SECURITY_POLICY}"`), 'the built renderer carries the policy');
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-eval|\*|https?:/);

  const h = withCspHeader({ 'content-security-policy': ['default-src *'], 'X-Other': ['1'] });
  assert.deepEqual(h, { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
});

test('security: navigation, requests and IPC senders', () => {
  const paths = resolveShellPaths({
    mainModuleUrl: pathToFileURL('/opt/Beaconwatch/resources/app.asar/dist/electron/main.js').href,
    userData: '/home/u/.config/Beaconwatch',
    isPackaged: true,
    resourcesPath: '/opt/Beaconwatch/resources',
  });
  const index = paths.rendererIndexUrl;
  assert.equal(index, 'file:///opt/Beaconwatch/resources/app.asar/renderer/dist/index.html');
  assert.ok(isAllowedNavigation(`${index}#/pair/3`, index));
  assert.ok(!isAllowedNavigation('https://evil.example/', index));
  assert.ok(!isAllowedNavigation('file:///etc/passwd', index));
  assert.ok(!isAllowedNavigation('not a url', index));

  assert.ok(isAllowedRequest(`${paths.rendererDirUrl}assets/index-abc.js`, paths.rendererDirUrl));
  assert.ok(isAllowedRequest('data:image/png;base64,AAAA', paths.rendererDirUrl));
  assert.ok(isAllowedRequest('devtools://devtools/bundled/inspector.html', paths.rendererDirUrl));
  for (const url of [
    'https://example.com/x.js',
    'http://127.0.0.1:8080/',
    'wss://example.com/',
    'file:///etc/passwd',
    `${paths.rendererDirUrl}../../package.json`,
    paths.rendererDirUrl.replace(/\/$/, '-evil/x.js'),
  ]) {
    assert.ok(!isAllowedRequest(url, paths.rendererDirUrl), url);
  }

  assert.ok(isTrustedSender(index, index));
  assert.ok(!isTrustedSender('https://evil.example/', index));
  assert.ok(!isTrustedSender(undefined, index));
  assert.ok(!isTrustedSender(null, index));
});

// ---------- paths ----------

test('paths: dev and packaged layouts', () => {
  const mainUrl = pathToFileURL(path.join(root, 'dist', 'electron', 'main.js')).href;
  assert.equal(appRootFromMain(mainUrl), path.resolve(root));
  const dev = resolveShellPaths({ mainModuleUrl: mainUrl, userData: '/tmp/ud', isPackaged: false, resourcesPath: '/unused' });
  assert.equal(dev.rendererIndex, path.join(root, 'renderer', 'dist', 'index.html'));
  assert.equal(dev.preload, path.join(root, 'dist', 'electron', 'preload.cjs'));
  assert.equal(dev.modelDir, path.join(root, 'native-model', 'model'));
  assert.equal(dev.dbFile, path.join('/tmp/ud', 'beaconwatch.sqlite'));
  assert.ok(dev.rendererDirUrl.endsWith('/renderer/dist/'));
  assert.ok(readFileSync(dev.trayIcon).length > 0, 'tray icon exists');
  assert.ok(readFileSync(dev.windowIcon).length > 0, 'window icon exists');

  const packaged = resolveShellPaths({ mainModuleUrl: mainUrl, userData: '/tmp/ud', isPackaged: true, resourcesPath: '/opt/bw/resources' });
  assert.equal(packaged.modelDir, path.join('/opt/bw/resources', 'model'));

  assert.equal(dev.prefsFile, path.join('/tmp/ud', 'shell-prefs.json'));
  assert.deepEqual(shellOptionsFrom(['electron', '/repo', '--demo'], {}), { demo: true, dataDir: null, smokeTest: false });
  assert.deepEqual(shellOptionsFrom(['bw', '--data-dir', '/tmp/x', '--smoke-test'], {}), {
    demo: false,
    dataDir: path.resolve('/tmp/x'),
    smokeTest: true,
  });
  assert.deepEqual(shellOptionsFrom(['bw', '--data-dir=/tmp/y'], { BEACONWATCH_DATA_DIR: '/tmp/z' }), {
    demo: false,
    dataDir: path.resolve('/tmp/y'),
    smokeTest: false,
  });
  assert.deepEqual(shellOptionsFrom(['bw'], { BEACONWATCH_DATA_DIR: '/tmp/z' }), { demo: false, dataDir: path.resolve('/tmp/z'), smokeTest: false });
});

// ---------- event-loop delay around rescoreNow ----------

test('loop delay: rescoreNow is measured, other calls pass through with their receiver', async () => {
  const samples: LoopDelaySample[] = [];
  const target = {
    marker: 'engine',
    ...recordingApi().api,
  } as BeaconwatchApi & { marker: string };
  target.getStatus = async function (this: { marker: string }) {
    return { receiver: this.marker } as unknown as EngineStatus;
  };
  target.rescoreNow = async () => {
    // like the engine: work in chunks after yielding (the histogram needs a first tick)
    await new Promise((r) => setTimeout(r, 25));
    const t = Date.now();
    while (Date.now() - t < 30) {
      /* block the loop a little */
    }
    return { at: 1, windowEnd: 1, pairs: 1, durationMs: 30, newAlerts: 0 };
  };
  const api = withLoopDelayLogging(target, (s) => samples.push(s));
  assert.deepEqual(await api.getStatus({}), { receiver: 'engine' });
  assert.equal(samples.length, 0);
  await api.rescoreNow({});
  // reported once the histogram's timer could fire after the blocked stretch
  for (let i = 0; i < 50 && samples.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(samples.length, 1);
  assert.equal(samples[0]!.label, 'rescoreNow');
  assert.ok(samples[0]!.durationMs >= 25, `duration ${samples[0]!.durationMs}`);
  assert.ok(samples[0]!.maxMs >= 15, `the blocked loop shows up: max ${samples[0]!.maxMs} ms`);
  assert.match(formatLoopDelay(samples[0]!), /^rescoreNow: \d+\.\d ms; event-loop delay mean [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms$/);
  assert.deepEqual(Object.keys(api).sort(), [...API_METHODS].sort());
});

// ---------- layering ----------

test('layering: only the thin shell files import electron; electron/tsconfig.json builds the shell with the real electron.d.ts', () => {
  const dir = path.join(root, 'electron');
  const importsElectron = (file: string) => /(?:from\s+|require\()\s*'electron'/.test(readFileSync(path.join(dir, file), 'utf8'));
  const sources = readdirSync(dir).filter((f) => /\.c?ts$/.test(f) && !f.endsWith('.d.ts'));
  const thin = sources
    .filter(importsElectron)
    .map((f) => `electron/${f}`)
    .sort();
  assert.deepEqual(thin, [
    'electron/ipc.ts',
    'electron/main.ts',
    'electron/notifications.ts',
    'electron/preload.cts',
    'electron/tray.ts',
    'electron/window.ts',
  ]);

  // no hand-written stand-in for Electron's types: the devDependency brings its own
  assert.ok(!existsSync(path.join(dir, 'types')), 'electron/types (the old facade) is gone');
  assert.ok(existsSync(path.join(root, 'node_modules', 'electron', 'electron.d.ts')), 'node_modules/electron/electron.d.ts is installed');
  const typecheck = (JSON.parse(readFileSync(path.join(root, 'tsconfig.json'), 'utf8')) as { exclude: string[] }).exclude;
  assert.ok(!typecheck.some((e) => e.startsWith('electron')), 'the typecheck covers every file of electron/');
  const build = (JSON.parse(readFileSync(path.join(root, 'tsconfig.build.json'), 'utf8')) as { exclude: string[] }).exclude;
  assert.ok(build.includes('electron'), 'the root build leaves electron/ to electron/tsconfig.json');
  const raw = readFileSync(path.join(dir, 'tsconfig.json'), 'utf8');
  const cfg = ts.parseConfigFileTextToJson('tsconfig.json', raw).config as { compilerOptions: { paths?: unknown } };
  assert.equal(cfg.compilerOptions.paths, undefined, 'the module electron resolves to the package itself');
});

// ---------- npm start without Electron ----------

interface StartModule {
  NO_ELECTRON_MESSAGE: string;
  findElectronBinary(fromDir?: string, env?: Record<string, string | undefined>): string | null;
  missingBuilds(dir?: string): string[];
}

test('npm start: finds the Electron binary without requiring electron (that would start a download)', async () => {
  const start = (await import(pathToFileURL(path.join(root, 'scripts', 'start.js')).href)) as StartModule;
  assert.match(start.NO_ELECTRON_MESSAGE, /Electron binary is not installed/);
  assert.match(start.NO_ELECTRON_MESSAGE, /npx install-electron/);
  assert.match(start.NO_ELECTRON_MESSAGE, /npx beaconwatch serve <ZEEK_DIR> \(or --demo\)/);

  const tmp = mkdtempSync(path.join(tmpdir(), 'bw-start-'));
  writeFileSync(path.join(tmp, 'package.json'), '{"name":"x","type":"module"}');
  assert.equal(start.findElectronBinary(tmp, {}), null, 'no electron package');

  const pkg = path.join(tmp, 'node_modules', 'electron');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(path.join(pkg, 'package.json'), '{"name":"electron","main":"index.js"}');
  // electron/index.js downloads when required: finding the binary must never load it
  writeFileSync(path.join(pkg, 'index.js'), "throw new Error('index.js was required')");
  assert.equal(start.findElectronBinary(tmp, {}), null, 'package without binary (no path.txt)');
  writeFileSync(path.join(pkg, 'path.txt'), 'electron');
  assert.equal(start.findElectronBinary(tmp, {}), null, 'path.txt but no dist/electron');
  mkdirSync(path.join(pkg, 'dist'));
  writeFileSync(path.join(pkg, 'dist', 'electron'), '');
  assert.equal(start.findElectronBinary(tmp, {}), path.join(pkg, 'dist', 'electron'));
  const override = mkdtempSync(path.join(tmpdir(), 'bw-electron-dist-'));
  assert.equal(start.findElectronBinary(tmp, { ELECTRON_OVERRIDE_DIST_PATH: override }), null);
  writeFileSync(path.join(override, 'electron'), '');
  assert.equal(start.findElectronBinary(tmp, { ELECTRON_OVERRIDE_DIST_PATH: override }), path.join(override, 'electron'));

  assert.deepEqual(start.missingBuilds(tmp), ['build', 'build:electron', 'build:renderer']);
});

test('npm start without the binary: exit 1 and the plain message, no download attempted', () => {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'start.js')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: mkdtempSync(path.join(tmpdir(), 'bw-no-electron-')) },
  });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /Electron binary is not installed/);
  assert.doesNotMatch(r.stdout + r.stderr, /Downloading Electron/);
});
