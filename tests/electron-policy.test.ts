// The shell's remaining plain decisions: what closing the window does per platform, whether a
// tray icon shows on Linux, the shell's preference file, the log file (rotation, escaping of
// attacker strings) and the smoke test's verdict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeQuits, loadShellPrefs, parseWatcherReply, saveShellPrefs, trayKnownVisible } from '../electron/close-policy.js';
import { createLogFile, createLogger, escapeLogText } from '../electron/log.js';
import { SMOKE_SCRIPT, runSmokeTest } from '../electron/smoke-test.js';

test('closing the window: Linux quits unless "keep running" was chosen and a tray shows; macOS and Windows keep their conventions', () => {
  const linux = { platform: 'linux' as const, hasTray: true, trayVisible: true, keepInBackground: false };
  assert.equal(closeQuits(linux), true, 'Linux default: closing quits');
  assert.equal(closeQuits({ ...linux, keepInBackground: true }), false, 'chosen and visible: hides to the tray');
  assert.equal(
    closeQuits({ ...linux, keepInBackground: true, trayVisible: false }),
    true,
    'GNOME without AppIndicator: an invisible app would be left',
  );
  assert.equal(closeQuits({ ...linux, keepInBackground: true, hasTray: false }), true);
  assert.equal(closeQuits({ ...linux, platform: 'darwin', hasTray: false, trayVisible: false }), false, 'macOS: the app stays in the Dock');
  assert.equal(closeQuits({ ...linux, platform: 'win32' }), false, 'Windows: hides to the notification area');
  assert.equal(closeQuits({ ...linux, platform: 'win32', hasTray: false }), true);
});

test('tray visibility on Linux: the StatusNotifierWatcher decides, else the desktop name', () => {
  const env = (XDG_CURRENT_DESKTOP?: string) => ({ XDG_CURRENT_DESKTOP });
  assert.equal(trayKnownVisible({ platform: 'linux', env: env('GNOME'), statusNotifierWatcher: null }), false);
  assert.equal(
    trayKnownVisible({ platform: 'linux', env: env('ubuntu:GNOME'), statusNotifierWatcher: true }),
    true,
    'GNOME with the AppIndicator extension',
  );
  assert.equal(trayKnownVisible({ platform: 'linux', env: env('KDE'), statusNotifierWatcher: false }), false, 'the bus answer wins');
  assert.equal(trayKnownVisible({ platform: 'linux', env: env('KDE'), statusNotifierWatcher: null }), true);
  assert.equal(trayKnownVisible({ platform: 'linux', env: env('X-Cinnamon'), statusNotifierWatcher: null }), true);
  assert.equal(trayKnownVisible({ platform: 'linux', env: {}, statusNotifierWatcher: null }), false, 'unknown: assume none');
  assert.equal(trayKnownVisible({ platform: 'win32', env: {}, statusNotifierWatcher: null }), true);
  assert.equal(parseWatcherReply(0, 'method return time=1 sender=org.freedesktop.DBus\n   boolean true\n'), true);
  assert.equal(parseWatcherReply(0, '   boolean false\n'), false);
  assert.equal(parseWatcherReply(1, ''), null);
});

test('shell preferences: defaults when missing or corrupt, saved as JSON', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bw-prefs-'));
  const file = path.join(dir, 'sub', 'shell-prefs.json');
  assert.deepEqual(loadShellPrefs(file), { keepInBackground: false });
  saveShellPrefs(file, { keepInBackground: true });
  assert.deepEqual(loadShellPrefs(file), { keepInBackground: true });
  writeFileSync(file, '{not json');
  assert.deepEqual(loadShellPrefs(file), { keepInBackground: false });
  writeFileSync(file, '{"keepInBackground":"yes"}');
  assert.deepEqual(loadShellPrefs(file), { keepInBackground: false }, 'only a real true counts');
});

test('log lines: attacker strings cannot forge lines, drive a terminal or reorder text', () => {
  const evil = 'c2.example\n2026-01-01T00:00:00.000Z info  all clear\u001b[2J\u202egnp.exe\\x41\u0000';
  const escaped = escapeLogText(evil);
  assert.doesNotMatch(escaped, /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  assert.equal(escaped, 'c2.example\\n2026-01-01T00:00:00.000Z info  all clear\\x1b[2J\\u{202e}gnp.exe\\\\x41\\x00');
  const lines: string[] = [];
  const log = createLogger('info', (l) => lines.push(l));
  log.debug('hidden');
  log.warn(`blocked request to ${evil}`);
  log.error('failed', new Error('line one\nline two'));
  assert.equal(lines.length, 2);
  for (const l of lines) assert.ok(!l.includes('\n'), 'one entry, one line');
  assert.match(lines[0]!, /^\d{4}-\d\d-\d\dT[\d:.]+Z warn {2}blocked request to c2\.example\\n/);
  assert.match(lines[1]!, /error failed: Error: line one\\nline two\\n {4}at /);
});

test('log file: appended under the logs directory and rotated by size, keeping a few old files', () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'bw-logs-')), 'logs');
  const f = createLogFile({ dir, maxBytes: 100, keep: 2 });
  assert.equal(f.file, path.join(dir, 'beaconwatch.log'));
  for (let i = 0; i < 12; i++) f.write(`line ${String(i).padStart(2, '0')} ${'x'.repeat(30)}`);
  assert.deepEqual(readdirSync(dir).sort(), ['beaconwatch.1.log', 'beaconwatch.2.log', 'beaconwatch.log']);
  for (const name of readdirSync(dir)) assert.ok(readFileSync(path.join(dir, name)).length <= 100, `${name} within the limit`);
  assert.match(readFileSync(f.file, 'utf8'), /line 11/);
  assert.match(readFileSync(path.join(dir, 'beaconwatch.1.log'), 'utf8'), /line 0[89]/);
  // a new process continues the same file and its size
  const again = createLogFile({ dir, maxBytes: 100, keep: 2 });
  again.write('after restart');
  assert.ok(existsSync(path.join(dir, 'beaconwatch.log')));
});

class FakeContents extends EventEmitter {
  constructor(
    private loading: boolean,
    private readonly answer: (code: string) => Promise<unknown>,
  ) {
    super();
  }
  isLoading() {
    return this.loading;
  }
  finish() {
    this.loading = false;
    this.emit('did-finish-load');
  }
  executeJavaScript(code: string) {
    return this.answer(code);
  }
}

test('smoke test: waits for the page, passes on one preload round trip, fails on errors and silence', async () => {
  let asked = '';
  const ok = new FakeContents(true, async (code) => {
    asked = code;
    return { version: '0.1.0', mode: 'desktop' };
  });
  const pending = runSmokeTest(ok, 1000);
  setTimeout(() => ok.finish(), 20);
  const r = await pending;
  assert.equal(r.ok, true, r.detail);
  assert.equal(asked, SMOKE_SCRIPT);
  assert.match(SMOKE_SCRIPT, /window\.beaconwatch\.getStatus/);

  const noPreload = new FakeContents(false, async () => {
    throw new Error("Cannot read properties of undefined (reading 'getStatus')");
  });
  assert.deepEqual(await runSmokeTest(noPreload, 1000), { ok: false, detail: "Cannot read properties of undefined (reading 'getStatus')" });
  const wrong = new FakeContents(false, async () => null);
  assert.equal((await runSmokeTest(wrong, 1000)).ok, false);
  const silent = new FakeContents(true, () => new Promise(() => {}));
  assert.deepEqual(await runSmokeTest(silent, 50), { ok: false, detail: 'no answer within 50 ms' });
});
